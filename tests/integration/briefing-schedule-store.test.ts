/**
 * The scheduled briefings' store contract (server/notify/schedule-store.ts), one suite run
 * on SQLite (a temp file) and on PostgreSQL (a fresh schema per test, migrated by opening
 * the PostgreSQL Store first, as a node does). Each opener gives two stores on one
 * database, as two nodes would have: a period is added once, and a due send is claimed by
 * one of them, and by the other only when the first one's lease has run out (a crash).
 * PostgreSQL must be reachable at PG_URL: these tests fail, never skip, without it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgStore } from '../../server/log/pg.store.ts';
import type { NotifyStore } from '../../server/notify/notify-store.ts';
import { openPgNotifyStore } from '../../server/notify/pg-notify.store.ts';
import type { NewSchedule, NewSend } from '../../server/notify/schedule-store.ts';
import { openSqliteNotifyStore } from '../../server/notify/sqlite-notify.store.ts';
import { tempDbFile } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

interface Opened {
  a: NotifyStore;
  b: NotifyStore;
  cleanup(): Promise<void>;
}

const T0 = new Date('2026-11-30T00:05:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

const weekly = (name: string, extra: Partial<NewSchedule> = {}): NewSchedule => ({
  name,
  agency: 'DSDA',
  period: 'week',
  time: '07:00',
  weekday: 1,
  locale: 'id',
  channel: 'webhook',
  url: 'https://hooks.example/briefing?token=abc',
  emails: null,
  secret: 'whsec_test',
  enabled: true,
  createdBy: 'admin-1',
  ...extra,
});

const send = (scheduleId: string, slot = '2026-11-22T17:00:00.000Z'): NewSend => ({
  scheduleId,
  slot,
  periodFrom: '2026-11-22T17:00:00.000Z',
  periodTo: '2026-11-29T17:00:00.000Z',
  manual: !slot.startsWith('2026'),
});

function describeScheduleStore(name: string, open: () => Promise<Opened>) {
  describe(`ScheduleStore contract (${name})`, () => {
    let opened: Opened;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it('keeps a schedule as given, changes and removes it', async () => {
      const { a, b } = opened;
      const made = await a.schedules.createSchedule(weekly('Rapat mingguan DSDA'), T0);
      const monthly = await a.schedules.createSchedule(
        weekly('Bulanan kota', {
          agency: null,
          period: 'month',
          weekday: null,
          locale: 'en',
          channel: 'email',
          url: null,
          secret: null,
          emails: ['kepala@jakarta.go.id', 'staf@jakarta.go.id'],
        }),
        T0,
      );
      expect(made).toMatchObject({ ...weekly('Rapat mingguan DSDA'), createdAt: T0.toISOString() });
      expect(await b.schedules.getSchedule(monthly.id)).toEqual(monthly);
      expect((await b.schedules.listSchedules()).map((s) => s.name)).toEqual([
        'Bulanan kota',
        'Rapat mingguan DSDA',
      ]);
      const changed = await b.schedules.updateSchedule(
        made.id,
        { time: '08:30', weekday: 5, enabled: false, agency: null },
        at(60),
      );
      expect(changed).toMatchObject({ time: '08:30', weekday: 5, enabled: false, agency: null });
      expect(changed?.updatedAt).toBe(at(60).toISOString());
      expect(await a.schedules.updateSchedule('nope', { name: 'x' }, at(60))).toBeUndefined();
      await a.schedules.addSend(send(made.id), at(61));
      expect(await a.schedules.removeSchedule(made.id)).toBe(true);
      expect(await a.schedules.removeSchedule(made.id)).toBe(false);
      expect(await b.schedules.listSends(made.id, 10)).toEqual([]);
      expect((await b.schedules.listSchedules()).map((s) => s.id)).toEqual([monthly.id]);
    });

    it('adds one send per schedule and period, whichever node adds it', async () => {
      const { a, b } = opened;
      const s = await a.schedules.createSchedule(weekly('W'), T0);
      const [first, second] = await Promise.all([
        a.schedules.addSend(send(s.id), at(1)),
        b.schedules.addSend(send(s.id), at(1)),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await a.schedules.addSend(send(s.id), at(2))).toBeUndefined();
      // "Send now" takes a slot of its own, so a re-send of the same period is another send.
      const manual = await b.schedules.addSend(send(s.id, 'manual:1'), at(3));
      expect(manual).toMatchObject({ manual: true, status: 'pending', attempts: 0 });
      expect(await a.schedules.listSends(s.id, 10)).toHaveLength(2);
    });

    it('lets one node claim a due send, the other only after its lease (a crash)', async () => {
      const { a, b } = opened;
      const s = await a.schedules.createSchedule(weekly('W'), T0);
      await a.schedules.addSend(send(s.id), at(0));
      const lease = at(300);
      const [x, y] = await Promise.all([
        a.schedules.claimDue(at(1), lease, 10),
        b.schedules.claimDue(at(1), lease, 10),
      ]);
      expect(x.length + y.length).toBe(1);
      expect([...x, ...y][0]).toMatchObject({ attempts: 1, nextAttemptAt: lease.toISOString() });
      expect(await b.schedules.claimDue(at(299), at(600), 10)).toEqual([]);
      const again = await b.schedules.claimDue(at(300), at(600), 10);
      expect(again.map((d) => d.attempts)).toEqual([2]);
    });

    it('records tries: a retry is due again, a delivery keeps its size, the last send shows', async () => {
      const { a, b } = opened;
      const s = await a.schedules.createSchedule(weekly('W'), T0);
      const added = (await a.schedules.addSend(send(s.id), at(0)))!;
      await a.schedules.claimDue(at(1), at(300), 10);
      const retry = await a.schedules.recordSend(
        added.id,
        {
          status: 'pending',
          nextAttemptAt: at(31),
          sizeBytes: 1234,
          lastError: 'answered HTTP 502',
        },
        at(2),
      );
      expect(retry).toMatchObject({ status: 'pending', tries: 1, lastError: 'answered HTTP 502' });
      expect(await b.schedules.claimDue(at(30), at(400), 10)).toEqual([]);
      const [claimed] = await b.schedules.claimDue(at(31), at(400), 10);
      expect(claimed?.id).toBe(added.id);
      const done = await b.schedules.recordSend(
        added.id,
        { status: 'delivered', sizeBytes: 45678 },
        at(32),
      );
      expect(done).toMatchObject({
        status: 'delivered',
        sizeBytes: 45678,
        deliveredAt: at(32).toISOString(),
        lastError: null,
        nextAttemptAt: null,
      });
      const manual = (await a.schedules.addSend(send(s.id, 'manual:2'), at(40)))!;
      await a.schedules.recordSend(
        manual.id,
        { status: 'failed', sizeBytes: null, lastError: 'x' },
        at(41),
      );
      const last = await b.schedules.lastSends();
      expect(last.get(s.id)).toMatchObject({ id: manual.id, status: 'failed' });
      expect(await a.schedules.claimDue(at(9999), at(99999), 10)).toEqual([]);
    });
  });
}

describeScheduleStore('sqlite', async () => {
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

describeScheduleStore('postgres', async () => {
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
