/**
 * npm run migrate:sqlite-to-pg: a city's SQLite file (its log made through the real command
 * rules, users and tokens through the real auth store) moves to PostgreSQL; a PostgreSQL
 * store on the result answers every read as the SQLite one did (alerts included), the auth tables keep their
 * hashes (old passwords' hashes and token secrets still match), notification subscriptions
 * keep their webhook secrets and deliveries their state (a dead letter stays replayable), photos
 * move from the filesystem media store into PostgreSQL's, field crews stay crews, a second migration into
 * the same target is refused, and the checks catch a target that differs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgAuthStore } from '../../server/auth/pg-auth.store.ts';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth.store.ts';
import { openPgNotifyStore } from '../../server/notify/pg-notify.store.ts';
import { openSqliteNotifyStore } from '../../server/notify/sqlite-notify.store.ts';
import { openSqliteConnectorStore } from '../../server/open311/sqlite-connector.store.ts';
import { openPgStore } from '../../server/log/pg.store.ts';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import {
  migrateSqliteToPg,
  TargetNotEmptyError,
  verifySqliteToPg,
} from '../../server/log/sqlite-to-pg.ts';
import type { Store } from '../../server/log/store.ts';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { alertEvents, alertHistory } from '../support/store-contract-alert-history.ts';
import { appendAll, crowdHistory, hour, wholeLog } from '../support/store-history.ts';
import { runScript } from '../support/run-script.ts';
import { api, report, startServer } from '../support/harness.ts';
import { clientId, north, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';
import { openFsMediaStore } from '../../server/media/fs-media.store.ts';
import { openPgMediaStore } from '../../server/media/pg-media.store.ts';
import { copyMedia } from '../../server/log/sqlite-to-pg-media.ts';

const NOW = new Date(hour(24 * 40));
const byId = <T extends Incident | Alert>(list: T[]) =>
  [...list].sort((a, b) => a.id.localeCompare(b.id));

let db: TestDatabase;
let dir: string;
let file: string;
/** What the city's SQLite file holds, as the tests look for it in PostgreSQL. */
const city = {
  sessionSecret: '',
  apiSecret: '',
  revokedSecret: '',
  adminHash: '',
  webhookId: '',
  deadId: '',
  scheduleId: '',
};

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'nakhoda-migrate-'));
  file = join(dir, 'nakhoda.db');
  const store = openSqliteStore(file);
  const auth = openSqliteAuthStore(file);
  try {
    // The city (inc-g's changes logged out of field-time order), then six alerts.
    const alerts = alertHistory();
    const history = alerts.city;
    await appendAll(store, history);
    for (const batch of alerts.batches) await store.append(batch);
    // A source re-sending what it already reported: refused, nothing in the log.
    const again = await store.append(history.batches[0]!, {
      unique: { source: 'jaki', externalId: 'a-1' },
    });
    expect(again.status).toBe('duplicate');
    // More than two pages of the migration's 1,000 events, with ties across them.
    await appendAll(store, crowdHistory(1500, 3));
    // An alert cleared and raised afresh pages after its first events.
    await store.append([alertEvents.clear('alert-surge-2', 90, 'subsided')]);
    await store.append([
      alertEvents.raise('alert-surge-2', 91, { kind: 'surge', agency: null, clock: null }),
    ]);

    const admin = await auth.createUser(
      {
        username: 'admin',
        name: 'Admin',
        passwordHash: '$argon2id$v=19$fake-hash',
        role: 'admin',
        agency: null,
      },
      NOW,
    );
    const op = await auth.createUser(
      {
        username: 'op-dsda',
        name: 'Operator',
        passwordHash: '$argon2id$v=19$other',
        role: 'agency',
        agency: 'dsda',
      },
      NOW,
    );
    await auth.updateUser(op.id, { disabled: true });
    city.adminHash = '$argon2id$v=19$fake-hash';
    city.sessionSecret = (await auth.createSession(admin.id, NOW, 3_600_000)).secret;
    city.apiSecret = (
      await auth.createToken({ kind: 'api', role: 'viewer', label: 'BI', createdBy: admin.id }, NOW)
    ).secret;
    const revoked = await auth.createToken(
      { kind: 'api', role: 'viewer', label: 'old', createdBy: admin.id },
      NOW,
    );
    await auth.revokeToken(revoked.token.id, NOW);
    city.revokedSecret = revoked.secret;
    const wall = await auth.createToken(
      { kind: 'display', role: 'viewer', label: 'Wall 1', createdBy: admin.id },
      NOW,
    );
    expect(await auth.issuePairing(wall.token.id, NOW)).toBeDefined();
    // An Open311 connector, its key and cursor: the city keeps pulling after the move.
    const connectors = openSqliteConnectorStore(file);
    try {
      await connectors.create(
        {
          name: 'Bandung',
          endpoint: 'https://open311.example.go.id/open311/v2',
          jurisdictionId: 'bandung',
          serviceMap: { banjir: 'flooding' },
          defaultCategory: null,
          enabled: true,
          pollSeconds: 60,
          apiKey: 'remote-key-0123456789',
        },
        NOW,
      );
    } finally {
      await connectors.close();
    }
    // A webhook with its signing secret and a dead letter: still signed, still replayable.
    const notify = openSqliteNotifyStore(file);
    try {
      const hook = await notify.createSubscription(
        {
          name: 'Chat gateway',
          channel: 'webhook',
          url: 'https://hooks.example.go.id/nakhoda?key=k-123',
          emails: null,
          secret: 'whsec_migrated-secret',
          filter: { kinds: ['sla_breached'], agencies: ['dsda'], levels: 'all', events: 'all' },
          enabled: true,
          createdBy: admin.id,
        },
        NOW,
      );
      city.webhookId = hook.id;
      city.deadId = 'delivery-dead-1';
      await notify.addDeliveries(
        [
          {
            id: city.deadId,
            subscriptionId: hook.id,
            seq: 7,
            eventType: 'alert.raised',
            alertId: 'alert-sla-1',
            summary: { id: 'SLA terlewati', en: 'SLA breached' },
            body: '{"text":"SLA breached"}',
          },
        ],
        NOW,
      );
      await notify.recordAttempt(
        city.deadId,
        { status: 'dead', lastStatus: 502, lastError: 'HTTP 502 from the receiver' },
        NOW,
      );
      // The weekly briefing to the agency's head, and last week's send of it.
      const weekly = await notify.schedules.createSchedule(
        {
          name: 'Rapat mingguan SDA',
          agency: 'dsda',
          period: 'week',
          time: '07:00',
          weekday: 1,
          locale: 'id',
          channel: 'email',
          url: null,
          emails: ['kadis@sda.example.go.id'],
          secret: null,
          enabled: true,
          createdBy: admin.id,
        },
        NOW,
      );
      city.scheduleId = weekly.id;
      const send = await notify.schedules.addSend(
        {
          scheduleId: weekly.id,
          slot: 'week:2026-W47',
          periodFrom: '2026-11-15T17:00:00.000Z',
          periodTo: '2026-11-22T17:00:00.000Z',
          manual: false,
        },
        NOW,
      );
      await notify.schedules.recordSend(send!.id, { status: 'delivered', sizeBytes: 48_213 }, NOW);
    } finally {
      await notify.close();
    }
  } finally {
    await auth.close();
    await store.close();
  }
}, 60_000);

afterAll(async () => {
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function withStores<T>(schema: string, work: (sqlite: Store, postgres: Store) => Promise<T>) {
  const sqlite = openSqliteStore(file);
  const postgres = await openPgStore({ url: db.url, schema, poolSize: 2 });
  try {
    return await work(sqlite, postgres);
  } finally {
    await postgres.close();
    await sqlite.close();
  }
}

async function onTarget(schema: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('npm run migrate:sqlite-to-pg', () => {
  it('copies the log with the same seqs, rebuilds the projections, and every check passes', async () => {
    const schema = db.freshSchema();
    const progress: number[] = [];
    const report = await migrateSqliteToPg({
      from: file,
      to: db.url,
      schema,
      onProgress: (p) => progress.push(p.copied),
    });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === 'out-of-order marks')?.detail).toBe(
      'SQLite 1, PostgreSQL 1',
    );
    expect(report.checks.find((c) => c.name === 'alerts')?.detail).toBe(
      'SQLite 6, PostgreSQL 6, 0 missing or different',
    );
    expect(report.auth).toEqual({
      users: 2,
      tokens: 3,
      sessions: 1,
      pairing_codes: 1,
      connectors: 1,
      notify_subscriptions: 1,
      notify_deliveries: 1,
      briefing_schedules: 1,
      briefing_sends: 1,
    });
    expect(progress.at(-1)).toBe(report.lastSeq);

    await withStores(schema, async (sqlite, postgres) => {
      const last = await sqlite.latestSeq();
      expect(last).toBeGreaterThan(2000);
      expect(report.lastSeq).toBe(last);
      expect(await postgres.latestSeq()).toBe(last);
      expect(await wholeLog(postgres)).toEqual(await wholeLog(sqlite));
      expect(await postgres.eventsAfter(last - 5, 100)).toEqual(
        await sqlite.eventsAfter(last - 5, 100),
      );
      expect(await postgres.eventsForIncident('inc-g')).toEqual(
        await sqlite.eventsForIncident('inc-g'),
      );
      for (const since of [hour(0), hour(14.5), hour(61)]) {
        const [a, b] = [await sqlite.loadLive(since), await postgres.loadLive(since)];
        expect(b.seq).toBe(a.seq);
        expect(byId(b.incidents)).toEqual(byId(a.incidents));
        expect(byId(b.alerts)).toEqual(byId(a.alerts));
      }
      const allAlerts = await sqlite.queryAlerts({ limit: 100 });
      expect(allAlerts).toHaveLength(6);
      expect(await postgres.queryAlerts({ limit: 100 })).toEqual(allAlerts);
      expect(await postgres.getAlert('alert-surge-2')).toMatchObject({
        status: 'open',
        raisedAt: hour(91),
      });
      for (const id of ['alert-sla-b', 'alert-surge-2']) {
        expect(await postgres.getAlert(id)).toEqual(await sqlite.getAlert(id));
        expect(await postgres.eventsForIncident(id)).toEqual(await sqlite.eventsForIncident(id));
      }
      for (const q of [
        { limit: 500 },
        { status: ['dispatched' as const], limit: 200 },
        { source: ['jaki' as const, 'lapor' as const], q: 'genangan', limit: 50 },
      ]) {
        const a = await sqlite.queryIncidents(q);
        expect(a.items.length).toBeGreaterThan(0);
        expect(await postgres.queryIncidents(q)).toEqual(a);
        if (a.nextCursor) {
          const next = { ...q, cursor: a.nextCursor };
          expect(await postgres.queryIncidents(next)).toEqual(await sqlite.queryIncidents(next));
        }
      }
      const facts = async (s: Store) =>
        (await s.briefingFacts(hour(2), hour(48))).sort((x, y) => x.id.localeCompare(y.id));
      expect(await facts(postgres)).toEqual(await facts(sqlite));
      expect(await facts(sqlite)).not.toEqual([]);
    });

    // Hashes arrived as they were: the old secrets still open what they opened.
    const auth = await openPgAuthStore({ url: db.url, schema, poolSize: 1 });
    try {
      expect((await auth.findLogin('admin'))?.passwordHash).toBe(city.adminHash);
      expect((await auth.findLogin('op-dsda'))?.disabled).toBe(true);
      expect((await auth.sessionUser(city.sessionSecret, NOW))?.username).toBe('admin');
      expect((await auth.tokenFor(city.apiSecret, NOW))?.label).toBe('BI');
      expect(await auth.tokenFor(city.revokedSecret, NOW)).toBeUndefined();
      expect(await auth.hasTokenHash(city.revokedSecret)).toBe(true);
    } finally {
      await auth.close();
    }

    // Subscriptions and deliveries arrived as they were, secret and dead letter included.
    const before = openSqliteNotifyStore(file);
    const after = await openPgNotifyStore({ url: db.url, schema });
    try {
      const hook = await after.getSubscription(city.webhookId);
      expect(hook?.secret).toBe('whsec_migrated-secret');
      expect(hook).toEqual(await before.getSubscription(city.webhookId));
      const dead = await after.listDeliveries({ status: 'dead', limit: 10 });
      expect(dead.map((d) => [d.id, d.lastStatus, d.lastError])).toEqual([
        [city.deadId, 502, 'HTTP 502 from the receiver'],
      ]);
      expect(dead[0]).toEqual(await before.getDelivery(city.deadId));
      expect((await after.replay(city.deadId, NOW))?.status).toBe('pending');
      // The scheduled briefing goes on from PostgreSQL: same schedule, last week already sent.
      const schedule = await after.schedules.getSchedule(city.scheduleId);
      expect(schedule).toEqual(await before.schedules.getSchedule(city.scheduleId));
      expect(schedule?.emails).toEqual(['kadis@sda.example.go.id']);
      const sends = await after.schedules.listSends(city.scheduleId, 10);
      expect(sends.map((x) => [x.slot, x.status, x.sizeBytes])).toEqual([
        ['week:2026-W47', 'delivered', 48_213],
      ]);
    } finally {
      await before.close();
      await after.close();
    }
  }, 120_000);

  it('refuses a second migration into the same target and leaves it as it was', async () => {
    const schema = db.freshSchema();
    const first = await migrateSqliteToPg({ from: file, to: db.url, schema });
    expect(first.ok).toBe(true);
    await expect(migrateSqliteToPg({ from: file, to: db.url, schema })).rejects.toThrow(
      TargetNotEmptyError,
    );
    await expect(migrateSqliteToPg({ from: file, to: db.url, schema })).rejects.toThrow(
      /not empty.*holds \d+ events/,
    );
    expect((await verifySqliteToPg({ from: file, to: db.url, schema })).every((c) => c.ok)).toBe(
      true,
    );
  }, 120_000);

  it('refuses a target that has users but no log, before writing anything', async () => {
    const schema = db.freshSchema();
    await (await openPgStore({ url: db.url, schema })).close();
    await onTarget(
      schema,
      `INSERT INTO users (id, username, name, password_hash, role, created_at)
       VALUES ('u1', 'admin', 'Admin', 'x', 'admin', '2026-01-01T00:00:00.000Z')`,
    );
    await expect(migrateSqliteToPg({ from: file, to: db.url, schema })).rejects.toThrow(
      /not empty.*1 users/,
    );
    await withStores(schema, async (_sqlite, postgres) => {
      expect(await postgres.latestSeq()).toBe(0);
    });
  }, 60_000);

  it('fails its checks on a target whose events, incidents or alerts differ from the source', async () => {
    const schema = db.freshSchema();
    const report = await migrateSqliteToPg({ from: file, to: db.url, schema });
    expect(report.ok).toBe(true);
    const failing = async () =>
      (await verifySqliteToPg({ from: file, to: db.url, schema }))
        .filter((c) => !c.ok)
        .map((c) => c.name);

    await onTarget(
      schema,
      `UPDATE incidents SET doc = json_build_object('id', 'inc-b') WHERE id = 'inc-b'`,
    );
    const docs = await verifySqliteToPg({ from: file, to: db.url, schema });
    expect(docs.filter((c) => !c.ok).map((c) => c.name)).toEqual(['incidents']);
    expect(docs.find((c) => c.name === 'incidents')?.detail).toMatch(
      /1 missing or different \(inc-b\)/,
    );

    await onTarget(
      schema,
      `UPDATE alerts SET doc = json_build_object('id', 'alert-sla-d') WHERE id = 'alert-sla-d'`,
    );
    expect(await failing()).toEqual(['incidents', 'alerts']);

    await onTarget(schema, `DELETE FROM events WHERE seq = ${report.lastSeq}`);
    expect(await failing()).toEqual(['event count', 'last seq', 'incidents', 'alerts']);
  }, 120_000);

  it('runs as a command: exit 0 with a report when the checks pass, 1 when the target is taken', async () => {
    const schema = db.freshSchema();
    const args = ['--from', file, '--to', db.url, '--schema', schema];
    const first = await runCli(args);
    expect(first.stdout).toMatch(/every check passed/);
    expect(first.stdout).toMatch(/ok {3}event count: SQLite \d+, PostgreSQL \d+/);
    expect(first.code).toBe(0);
    const second = await runCli(args);
    expect(second.stderr).toMatch(/target log is not empty/);
    expect(second.code).toBe(1);
    const bad = await runCli(['--from', file]);
    expect(bad.stderr).toMatch(/--to is required/);
    expect(bad.code).toBe(2);
  }, 120_000);
});

const runCli = (args: string[]) => runScript('scripts/migrate-sqlite-to-pg.ts', args);

describe('photos and field crews', () => {
  /** A city run by a real server: a field crew user, a flood, and a photo its crew took. */
  async function cityWithPhoto() {
    const home = mkdtempSync(join(tmpdir(), 'nakhoda-migrate-media-'));
    const from = join(home, 'nakhoda.db');
    const server = await startServer({ dbFile: from });
    try {
      const crew = await api(server.url, 'POST', '/api/v1/admin/users', {
        username: 'crew1',
        name: 'Crew',
        role: 'agency',
        agency: 'dsda',
        fieldCrew: true,
        password: 'crew1-password',
      });
      expect(crew.status).toBe(201);
      const res = await api(
        server.url,
        'POST',
        '/api/v1/incidents',
        report({ category: 'flooding' }),
      );
      const id = res.body.incident.id as string;
      const up = await uploadPhoto(server.url, id, await jpegWithExif({ at: north(5) }), {
        kind: 'before',
        clientId: clientId(),
      });
      expect(up.status).toBe(201);
      return { home, from, media: join(home, 'media'), photoId: up.body.photo.photoId as string };
    } finally {
      await server.dispose();
    }
  }

  it('copies every photo into the PostgreSQL media store and the crew mark with its user; checks count them; a copy again adds nothing', async () => {
    const city = await cityWithPhoto();
    try {
      const schema = db.freshSchema();
      const report = await migrateSqliteToPg({ from: city.from, to: db.url, schema });
      expect(report.media).toEqual({ photos: 1, incomplete: [] });
      const photos = report.checks.find((c) => c.name === 'photos')!;
      expect(photos).toMatchObject({ ok: true });
      expect(photos.detail).toMatch(/filesystem 1 .*PostgreSQL 1, the log names 1, 0 missing/);
      expect(report.ok).toBe(true);
      const media = await openPgMediaStore({ url: db.url, schema });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        for (const v of ['full', 'thumb'] as const) {
          const onDisk = await openFsMediaStore(city.media).get(city.photoId, v);
          expect(await media.get(city.photoId, v)).toEqual(onDisk);
        }
        const users = await client.query(
          `SELECT username, field_crew FROM ${schema}.users ORDER BY username`,
        );
        expect(users.rows).toContainEqual({ username: 'crew1', field_crew: true });
        expect(users.rows).toContainEqual({ username: 'admin', field_crew: false });
        // Run again (a migration that stopped after its photos): nothing doubles.
        expect(await copyMedia(city.media, media)).toEqual({ photos: 1, incomplete: [] });
        const count = await client.query(`SELECT count(*)::int AS n FROM ${schema}.media`);
        expect(count.rows[0].n).toBe(2);
        // A photo lost on the way fails the check, naming it; copying again mends it.
        await client.query(`DELETE FROM ${schema}.media WHERE variant = 'thumb'`);
        const lost = await verifySqliteToPg({ from: city.from, to: db.url, schema });
        expect(lost.find((c) => c.name === 'photos')).toMatchObject({ ok: false });
        expect(lost.find((c) => c.name === 'photos')!.detail).toContain(city.photoId);
        await copyMedia(city.media, media);
        const mended = await verifySqliteToPg({ from: city.from, to: db.url, schema });
        expect(mended.every((c) => c.ok)).toBe(true);
      } finally {
        await client.end();
        await media.close();
      }
    } finally {
      rmSync(city.home, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails its photo check when a photo the log names is not in the media directory given', async () => {
    const city = await cityWithPhoto();
    try {
      const schema = db.freshSchema();
      const empty = join(city.home, 'elsewhere');
      const report = await migrateSqliteToPg({ from: city.from, to: db.url, schema, media: empty });
      expect(report.media.photos).toBe(0);
      const photos = report.checks.find((c) => c.name === 'photos')!;
      expect(photos.ok).toBe(false);
      expect(photos.detail).toContain(city.photoId);
      expect(report.ok).toBe(false);
    } finally {
      rmSync(city.home, { recursive: true, force: true });
    }
  }, 60_000);
});
