/**
 * The NotifyStore contract, one suite run on SQLite (a temp file) and on PostgreSQL (a fresh
 * schema per test, migrated by opening the PostgreSQL Store first, as a node does). Each
 * opener gives two stores on the same database, as two nodes (or two processes) would
 * have. PostgreSQL must be reachable at PG_URL: these tests fail, never skip, without it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgStore } from '../../server/log/pg.store.ts';
import { MATCH_EVERYTHING } from '../../shared/domain/notify-contract.ts';
import type {
  NewDelivery,
  NewSubscription,
  NotifyStore,
} from '../../server/notify/notify-store.ts';
import { openPgNotifyStore } from '../../server/notify/pg-notify.store.ts';
import { openSqliteNotifyStore } from '../../server/notify/sqlite-notify.store.ts';
import { tempDbFile } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

interface Opened {
  a: NotifyStore;
  b: NotifyStore;
  cleanup(): Promise<void>;
}

const T0 = new Date('2026-12-01T02:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

const webhook = (name: string, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  name,
  channel: 'webhook',
  url: 'https://hooks.example/nakhoda?token=abc',
  emails: null,
  secret: 'whsec_test',
  filter: { ...MATCH_EVERYTHING, levels: ['head', 'supervisor'] },
  enabled: true,
  createdBy: 'admin-1',
  ...extra,
});

const delivery = (id: string, subscriptionId: string, seq: number | null): NewDelivery => ({
  id,
  subscriptionId,
  seq,
  eventType: seq === null ? 'notification.test' : 'alert.escalated',
  alertId: seq === null ? null : 'alert-sla-1',
  summary: { id: `ringkasan ${id}`, en: `summary ${id}` },
  body: `{"deliveryId":"${id}","seq":${seq}}`,
});

function describeNotifyStore(name: string, open: () => Promise<Opened>) {
  describe(`NotifyStore contract (${name})`, () => {
    let opened: Opened;
    let store: NotifyStore;
    beforeEach(async () => {
      opened = await open();
      store = opened.a;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('keeps a subscription as given, secret included, and lists by name', async () => {
      const zulu = await store.createSubscription(webhook('Zulu'), T0);
      const alpha = await store.createSubscription(
        webhook('Alpha', { channel: 'email', url: null, secret: null, emails: ['a@x.id'] }),
        T0,
      );
      expect(zulu).toEqual({
        ...webhook('Zulu'),
        id: expect.any(String),
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });
      expect(await opened.b.getSubscription(zulu.id)).toEqual(zulu);
      expect((await store.listSubscriptions()).map((s) => s.name)).toEqual(['Alpha', 'Zulu']);
      expect(alpha.emails).toEqual(['a@x.id']);
      expect(await store.getSubscription('nope')).toBeUndefined();
    });

    it('changes only the fields given and stamps updatedAt', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      const changed = await store.updateSubscription(
        s.id,
        { enabled: false, secret: 'whsec_new', filter: MATCH_EVERYTHING },
        at(60),
      );
      expect(changed).toEqual({
        ...s,
        enabled: false,
        secret: 'whsec_new',
        filter: MATCH_EVERYTHING,
        updatedAt: at(60).toISOString(),
      });
      expect(await store.updateSubscription('nope', { name: 'x' }, at(60))).toBeUndefined();
    });

    it('creates one delivery per (subscription, seq), however often it is added', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      const first = await store.addDeliveries([delivery('d1', s.id, 7)], T0);
      expect(first).toMatchObject([
        { id: 'd1', status: 'pending', tries: 0, attempts: 0, nextAttemptAt: T0.toISOString() },
      ]);
      // A second node (or a restart) hearing the same event: nothing new, the first body kept.
      expect(await opened.b.addDeliveries([delivery('d1-other', s.id, 7)], at(1))).toEqual([]);
      expect((await store.listDeliveries({ limit: 10 })).map((d) => d.id)).toEqual(['d1']);
      expect((await store.getDelivery('d1'))?.body).toBe(delivery('d1', s.id, 7).body);
      // Test notifications have no seq: each is its own.
      await store.addDeliveries([delivery('t1', s.id, null), delivery('t2', s.id, null)], at(2));
      expect(await store.listDeliveries({ limit: 10 })).toHaveLength(3);
    });

    it('claims each due delivery once, leases it, and frees it when the lease ends', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      await store.addDeliveries(
        [1, 2, 3, 4, 5, 6].map((seq) => delivery(`d${seq}`, s.id, seq)),
        T0,
      );
      await store.addDeliveries([delivery('later', s.id, 99)], at(600));
      const [one, two] = await Promise.all([
        store.claimDue(at(1), at(121), 4),
        opened.b.claimDue(at(1), at(121), 4),
      ]);
      const ids = [...one, ...two].map((d) => d.id).sort();
      expect(ids).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
      expect(one.every((d) => d.nextAttemptAt === at(121).toISOString())).toBe(true);
      expect(await store.claimDue(at(120), at(240), 10)).toEqual([]);
      // A sender that died mid-try: its claim ends and another takes the delivery.
      expect((await opened.b.claimDue(at(121), at(241), 10)).map((d) => d.id).sort()).toEqual(ids);
    });

    it('records tries: retried, delivered, dead, and counts them per subscription', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      const other = await store.createSubscription(webhook('Other'), T0);
      await store.addDeliveries(
        [delivery('ok', s.id, 1), delivery('retry', s.id, 2), delivery('dead', s.id, 3)],
        T0,
      );
      const retried = await store.recordAttempt(
        'retry',
        { status: 'pending', nextAttemptAt: at(30), lastStatus: 500, lastError: 'answered 500' },
        at(1),
      );
      expect(retried).toMatchObject({
        status: 'pending',
        tries: 1,
        attempts: 1,
        nextAttemptAt: at(30).toISOString(),
        lastStatus: 500,
        lastError: 'answered 500',
      });
      const ok = await store.recordAttempt('ok', { status: 'delivered', lastStatus: 204 }, at(2));
      expect(ok).toMatchObject({
        status: 'delivered',
        deliveredAt: at(2).toISOString(),
        nextAttemptAt: null,
        lastError: null,
      });
      await store.recordAttempt(
        'dead',
        { status: 'dead', lastStatus: null, lastError: 'timed out' },
        at(3),
      );
      const counts = await store.deliveryCounts(T0);
      expect(counts.get(s.id)).toEqual({
        delivered: 1,
        pending: 1,
        dead: 1,
        lastDeliveredAt: at(2).toISOString(),
      });
      expect(counts.get(other.id)).toBeUndefined();
      expect((await store.deliveryCounts(at(5))).get(s.id)?.delivered).toBe(0);
      expect(await store.recordAttempt('nope', { status: 'delivered', lastStatus: 200 }, T0)).toBe(
        undefined,
      );
    });

    it('lists deliveries newest first, by status and subscription, at most the limit', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      const other = await store.createSubscription(webhook('Other'), T0);
      await store.addDeliveries([delivery('d1', s.id, 1)], at(1));
      await store.addDeliveries([delivery('d2', s.id, 2)], at(2));
      await store.addDeliveries([delivery('d3', other.id, 3)], at(3));
      await store.recordAttempt('d1', { status: 'dead', lastStatus: 500, lastError: 'x' }, at(4));
      expect((await store.listDeliveries({ limit: 10 })).map((d) => d.id)).toEqual([
        'd3',
        'd2',
        'd1',
      ]);
      expect((await store.listDeliveries({ limit: 2 })).map((d) => d.id)).toEqual(['d3', 'd2']);
      expect((await store.listDeliveries({ status: 'dead', limit: 10 })).map((d) => d.id)).toEqual([
        'd1',
      ]);
      const mine = await store.listDeliveries({
        subscriptionId: s.id,
        status: 'pending',
        limit: 9,
      });
      expect(mine.map((d) => d.id)).toEqual(['d2']);
    });

    it('replays only a dead delivery: pending again now, a fresh round, attempts kept', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      await store.addDeliveries([delivery('d1', s.id, 1), delivery('d2', s.id, 2)], T0);
      await store.recordAttempt('d1', { status: 'dead', lastStatus: 500, lastError: 'x' }, at(1));
      expect(await store.replay('d2', at(5))).toBeUndefined();
      expect(await store.replay('nope', at(5))).toBeUndefined();
      expect(await store.replay('d1', at(5))).toMatchObject({
        status: 'pending',
        tries: 0,
        attempts: 1,
        nextAttemptAt: at(5).toISOString(),
      });
      expect(await store.replay('d1', at(6))).toBeUndefined();
    });

    it('removes a subscription with its deliveries, and only it', async () => {
      const s = await store.createSubscription(webhook('Desk'), T0);
      const other = await store.createSubscription(webhook('Other'), T0);
      await store.addDeliveries([delivery('d1', s.id, 1), delivery('d2', other.id, 1)], T0);
      expect(await store.removeSubscription(s.id)).toBe(true);
      expect(await store.removeSubscription(s.id)).toBe(false);
      expect(await store.getSubscription(s.id)).toBeUndefined();
      expect((await store.listDeliveries({ limit: 10 })).map((d) => d.id)).toEqual(['d2']);
    });
  });
}

describeNotifyStore('sqlite', async () => {
  const temp = tempDbFile();
  const a = openSqliteNotifyStore(temp.file);
  const b = openSqliteNotifyStore(temp.file);
  return {
    a,
    b,
    async cleanup() {
      await a.close();
      await b.close();
      temp.cleanup();
    },
  };
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describeNotifyStore('postgres', async () => {
  const schema = db.freshSchema();
  await (await openPgStore({ url: db.url, schema, poolSize: 1 })).close();
  const a = await openPgNotifyStore({ url: db.url, schema });
  const b = await openPgNotifyStore({ url: db.url, schema });
  return {
    a,
    b,
    async cleanup() {
      await a.close();
      await b.close();
    },
  };
});
