/**
 * Opening an old database: a version-1 file (built here by hand, in v1's schema: no field
 * times on events, no SLA or H3 columns on incidents) whose log holds status changes,
 * one of them synced late with an earlier field time. It is migrated in place on open:
 * field times come from the stored JSON, the briefing's columns are filled, the late
 * change is marked, and a whole server then serves, replays and extends that log. A
 * version-3 file (no alerts table) gets one, projected from its log. A version-4 file (no
 * `duplicate_of` column) gets it, filled for the reports its log linked. A file from a newer
 * Nakhoda is refused with a message that says so, and left untouched.
 */
import Database from 'better-sqlite3';
import { latLngToCell } from 'h3-js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { openSqliteStore, SCHEMA_VERSION } from '../../server/log/sqlite.store.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident, IncidentEvent } from '../../shared/domain/types.ts';
import { api, startServer, tempDbFile, type TestServer } from '../support/harness.ts';
import { alertEvents, alertHistory } from '../support/store-contract-alert-history.ts';
import { duplicateHistory } from '../support/store-contract-duplicates.ts';
import { appendAll, hour } from '../support/store-history.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempFile(): string {
  const temp = tempDbFile();
  cleanups.push(temp.cleanup);
  return temp.file;
}

const V1_SCHEMA = `
  CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, incident_id TEXT NOT NULL,
    at TEXT NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX events_incident ON events (incident_id, seq);
  CREATE TABLE incidents (id TEXT PRIMARY KEY, source TEXT NOT NULL, external_id TEXT,
    category TEXT NOT NULL, agency TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL,
    lon REAL NOT NULL, lat REAL NOT NULL, kelurahan_code TEXT, reported_at TEXT NOT NULL,
    ended_at TEXT, search TEXT NOT NULL, last_seq INTEGER NOT NULL, doc TEXT NOT NULL);
  PRAGMA user_version = 1;`;

const day = (hhmm: string) => `2026-11-01T${hhmm}:00.000Z`;

/** A v1 report: the incident as v1 stored it (no loggedAt or lastFieldAt). */
function reported(
  id: string,
  category: string,
  agency: string,
  reportedAt: string,
  due: { response: string; resolve: string },
  location: { lon: number; lat: number },
) {
  return {
    type: 'incident.reported' as const,
    incidentId: id,
    actor: { kind: 'source' as const, id: 'jaki' },
    data: {
      incident: {
        id,
        source: 'jaki' as const,
        externalId: null,
        category,
        severity: 'medium' as const,
        description: `Laporan ${id}`,
        reporter: null,
        location,
        address: null,
        kelurahanCode: '31.71.01.1001',
        h3: latLngToCell(location.lat, location.lon, 8),
        reportedAt,
        status: 'received' as const,
        agency,
        responseDueAt: due.response,
        resolveDueAt: due.resolve,
        firstResponseAt: null,
        resolvedAt: null,
        endedAt: null,
        notes: 0,
      },
    },
  };
}

const statusChange = (id: string, from: string, to: string, occurredAt: string) => ({
  type: 'incident.status_changed' as const,
  incidentId: id,
  actor: { kind: 'user' as const, id: 'operator' },
  data: { from, to, occurredAt, note: null },
});

/**
 * The log, in seq order, with when each event was logged. `b`'s in-progress was synced
 * late: logged after its dispatch but dated before it.
 */
const LOG: [string, ReturnType<typeof reported> | ReturnType<typeof statusChange>][] = [
  [
    day('01:00'),
    reported(
      'a',
      'flooding',
      'dsda',
      day('01:00'),
      { response: day('02:00'), resolve: '2026-11-03T01:00:00.000Z' },
      { lon: 106.82, lat: -6.17 },
    ),
  ],
  [day('01:21'), statusChange('a', 'received', 'dispatched', day('01:20'))],
  [
    day('02:00'),
    reported(
      'b',
      'garbage',
      'dlh',
      day('02:00'),
      { response: '2026-11-02T02:00:00.000Z', resolve: '2026-11-08T02:00:00.000Z' },
      { lon: 106.83, lat: -6.18 },
    ),
  ],
  [day('03:01'), statusChange('a', 'dispatched', 'resolved', day('03:00'))],
  [day('05:00'), statusChange('b', 'received', 'dispatched', day('04:00'))],
  [day('06:00'), statusChange('b', 'dispatched', 'in_progress', day('03:30'))],
];

/** Writes LOG into a v1 database at `file`; returns the incidents as v1 stored them. */
function buildV1(file: string): Map<string, Incident> {
  const db = new Database(file);
  db.exec(V1_SCHEMA);
  const docs = new Map<string, Incident>();
  const insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
  LOG.forEach(([at, e], i) => {
    const event = { ...e, seq: i + 1, at } as DomainEvent;
    insertEvent.run(
      i + 1,
      e.type,
      e.incidentId,
      at,
      e.actor.kind,
      e.actor.id,
      JSON.stringify(e.data),
    );
    const {
      loggedAt: _l,
      lastFieldAt: _f,
      ...v1
    } = reduceIncident(docs.get(e.incidentId), event as IncidentEvent);
    docs.set(e.incidentId, v1);
  });
  const insertIncident = db.prepare(
    'INSERT INTO incidents VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const i of docs.values()) {
    insertIncident.run(
      i.id,
      i.source,
      i.category,
      i.agency,
      i.status,
      i.severity,
      i.location.lon,
      i.location.lat,
      i.kelurahanCode,
      i.reportedAt,
      i.endedAt,
      i.description.toLowerCase(),
      i.lastSeq,
      JSON.stringify(i),
    );
  }
  db.close();
  return docs;
}

function readonly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('a version-1 database with status changes', () => {
  it('is migrated on open: field times, SLA and H3 columns from the JSON, late changes marked', async () => {
    const file = tempFile();
    const docs = buildV1(file);
    const store = openSqliteStore(file);
    try {
      expect(await store.latestSeq()).toBe(LOG.length);
      // The log in field time: b's late in-progress (03:30) before a's resolution's log time.
      const replayed: [number, string][] = [];
      for await (const e of store.iterateByOccurrence(null, day('23:59')))
        replayed.push([e.seq, e.type]);
      expect(replayed.map(([seq]) => seq)).toEqual([1, 2, 3, 4, 6, 5]);

      const facts = await store.briefingFacts(day('00:00'), '2026-11-02T00:00:00.000Z');
      const byId = new Map(facts.map((f) => [f.id, f]));
      expect(byId.get('a')).toMatchObject({
        status: 'resolved',
        firstResponseAt: Date.parse(day('01:20')),
        resolvedAt: Date.parse(day('03:00')),
        endedAt: Date.parse(day('03:00')),
        responseDueAt: Date.parse(day('02:00')),
        resolveDueAt: Date.parse('2026-11-03T01:00:00.000Z'),
        h3: docs.get('a')!.h3,
      });
      expect(byId.get('b')).toMatchObject({
        status: 'in_progress',
        firstResponseAt: Date.parse(day('04:00')),
        resolvedAt: null,
        endedAt: null,
        responseDueAt: Date.parse('2026-11-02T02:00:00.000Z'),
        h3: docs.get('b')!.h3,
      });
      expect(await store.getIncident('a')).toEqual(docs.get('a'));
    } finally {
      await store.close();
    }
    readonly(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
      expect(db.prepare('SELECT seq, occurred_at FROM events ORDER BY seq').raw().all()).toEqual([
        [1, day('01:00')],
        [2, day('01:20')],
        [3, day('02:00')],
        [4, day('03:00')],
        [5, day('04:00')],
        [6, day('03:30')],
      ]);
      expect(db.prepare('SELECT incident_id FROM status_out_of_order').pluck().all()).toEqual([
        'b',
      ]);
    });
  });

  it('then serves its history, replays it in field time and takes new changes', async () => {
    const file = tempFile();
    const docs = buildV1(file);
    const server: TestServer = await startServer({ dbFile: file });
    cleanups.push(() => server.close());

    const a = await api(server.url, 'GET', '/api/v1/incidents/a');
    expect(a.status).toBe(200);
    expect(a.body.incident).toEqual(docs.get('a'));
    expect(a.body.history.map((e: DomainEvent) => [e.seq, e.type])).toEqual([
      [1, 'incident.reported'],
      [2, 'incident.status_changed'],
      [4, 'incident.status_changed'],
    ]);

    // Replay at 03:45: a resolved, b in progress since its late-synced 03:30.
    const replay = await api(
      server.url,
      'GET',
      `/api/v1/replay?from=${day('03:45')}&to=${day('23:00')}`,
    );
    expect(replay.status).toBe(200);
    const initial = new Map(
      (replay.body.initial as Incident[]).map((i) => [i.id, i.status] as const),
    );
    expect(initial.get('b')).toBe('in_progress');
    expect(replay.body.events.map((e: DomainEvent) => e.seq)).toEqual([5]);

    const resolved = await api(server.url, 'PATCH', '/api/v1/incidents/b', { status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.seq).toBe(LOG.length + 1);
    expect(resolved.body.incident).toMatchObject({ id: 'b', status: 'resolved' });
    const listed = await api(server.url, 'GET', '/api/v1/incidents?status=resolved');
    expect(listed.body.items.map((i: Incident) => i.id).sort()).toEqual(['a', 'b']);
  });
});

/** Takes schema 5's additions out of a file the current store wrote. */
const WITHOUT_V5 = `
  DROP INDEX incidents_linked;
  DROP INDEX incidents_facts;
  ALTER TABLE incidents DROP COLUMN duplicate_of;
  CREATE INDEX incidents_facts ON incidents (reported_at, id, category, agency, kelurahan_code,
    h3, status, first_response_at, resolved_at, ended_at, response_due_at, resolve_due_at);`;

describe('a version-3 database', () => {
  /** A file in schema 3: the log (alert events included) without the alerts table. */
  async function buildV3(file: string) {
    const history = alertHistory();
    const store = openSqliteStore(file);
    try {
      await appendAll(store, history.city);
      for (const batch of history.batches) await store.append(batch);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    db.exec(`${WITHOUT_V5} DROP TABLE alerts; PRAGMA user_version = 3;`);
    db.close();
    return history;
  }

  it('is upgraded on open: the alerts table projected from the log, then extended', async () => {
    const file = tempFile();
    const history = await buildV3(file);
    const store = openSqliteStore(file);
    try {
      for (const [id, alert] of history.alerts) expect(await store.getAlert(id)).toEqual(alert);
      expect(await store.queryAlerts({ status: ['cleared'], limit: 10 })).toEqual([
        history.alerts.get('alert-surge-1'),
        history.alerts.get('alert-sla-d'),
      ]);
      const res = await store.append([alertEvents.clear('alert-sla-b', 80, 'resolved')]);
      expect(res).toMatchObject({ status: 'appended', alerts: [{ status: 'cleared' }] });
      await expect(store.append([alertEvents.acknowledge('alert-ghost', 80)])).rejects.toThrow(
        /unknown alert/,
      );
    } finally {
      await store.close();
    }
    readonly(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(history.alerts.size);
    });
  });

  it('whose log holds no alert events (a v1 file here) gets an empty alerts table', async () => {
    const file = tempFile();
    buildV1(file);
    await openSqliteStore(file).close();
    readonly(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    });
  });
});

describe('a version-4 database', () => {
  /** A file in schema 4: links in its log and documents, no `duplicate_of` column. */
  async function buildV4(file: string) {
    const { history } = duplicateHistory();
    const store = openSqliteStore(file);
    try {
      await appendAll(store, history);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    db.exec(`${WITHOUT_V5} PRAGMA user_version = 4;`);
    db.close();
    return history;
  }

  it('is upgraded on open: duplicate_of filled from the projection, indexed, then extended', async () => {
    const file = tempFile();
    const history = await buildV4(file);
    const doc = (id: string) => history.incidents.get(`dup-${id}`);
    const store = openSqliteStore(file);
    try {
      expect(await store.linkedReports('dup-m')).toEqual([doc('r1'), doc('r3')]);
      expect(await store.linkedReports('dup-n')).toEqual([doc('r4')]);
      const facts = await store.briefingFacts(hour(0), hour(24));
      expect(
        facts
          .filter((f) => f.linked)
          .map((f) => f.id)
          .sort(),
      ).toEqual(['dup-r1', 'dup-r3', 'dup-r4']);
      const linked = await store.append(history.link('r5', 'm'));
      expect(linked).toMatchObject({ status: 'appended' });
      expect((await store.linkedReports('dup-m')).map((i) => i.id)).toEqual([
        'dup-r1',
        'dup-r3',
        'dup-r5',
      ]);
    } finally {
      await store.close();
    }
    readonly(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const columns = (index: string) =>
        db.prepare(`SELECT name FROM pragma_index_info('${index}')`).pluck().all();
      expect(columns('incidents_facts')).toContain('duplicate_of');
      expect(columns('incidents_linked')).toEqual(['duplicate_of', 'reported_at', 'id']);
    });
  });
});

describe('a database from a newer Nakhoda', () => {
  function newerFile(): string {
    const file = tempFile();
    const db = new Database(file);
    db.exec('CREATE TABLE future (x TEXT); PRAGMA user_version = 99;');
    db.close();
    return file;
  }

  it('is refused with a message naming both schema versions, and left as it was', () => {
    const file = newerFile();
    expect(() => openSqliteStore(file)).toThrow(
      new RegExp(`database ${file} has schema 99, newer than this Nakhoda \\(\\d+\\)`),
    );
    readonly(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(99);
      expect(
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
      ).toEqual(['future']);
    });
  });

  it('stops the server from starting', async () => {
    const file = newerFile();
    const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${file}`, SIMULATOR: 'off' });
    await expect(startNakhoda(config, { log: () => undefined })).rejects.toThrow(
      /has schema 99, newer than this Nakhoda/,
    );
  });
});
