/**
 * SQLite implementation of the Store (better-sqlite3 12, WAL): the embedded default.
 * The log table is the source of truth; the incidents table is its projection,
 * written in the same transaction by the shared reducer, for queries and fast start.
 *
 * There is one connection, and it cannot write while one of its statements is open, so
 * long reads (exports, replay) take keyset pages with `.all()` and give the event loop a
 * turn between pages: a client that reads slowly never holds a statement open.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { fieldTime } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';
import type { IncidentFacts } from '../../shared/domain/briefing.ts';
import type { AppendItem, AppendItemResult, AppendResult, Store } from './store.ts';
import { externalKey } from './store.ts';
import { FACT_COLUMNS, toFacts, type FactsTuple } from './fact-columns.ts';
import { incidentFilter, queryIncidents, whereSql } from './sqlite-queries.ts';

export const SCHEMA_VERSION = 3;

/** Rows per page of a long read: a few milliseconds of work between turns of the loop. */
const PAGE = 500;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  -- When it happened in the field (reportedAt, occurredAt): replay plays the city in this time.
  occurred_at TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_incident ON events (incident_id, seq);
CREATE INDEX IF NOT EXISTS events_occurred ON events (occurred_at, seq);
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT,
  category TEXT NOT NULL,
  agency TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  lon REAL NOT NULL,
  lat REAL NOT NULL,
  kelurahan_code TEXT,
  reported_at TEXT NOT NULL,
  first_response_at TEXT,
  resolved_at TEXT,
  ended_at TEXT,
  response_due_at TEXT NOT NULL,
  resolve_due_at TEXT NOT NULL,
  h3 TEXT NOT NULL,
  search TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS incidents_source_external
  ON incidents (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS incidents_reported ON incidents (reported_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incidents_status ON incidents (status, reported_at);
CREATE INDEX IF NOT EXISTS incidents_agency ON incidents (agency, reported_at);
CREATE INDEX IF NOT EXISTS incidents_category ON incidents (category, reported_at);
CREATE INDEX IF NOT EXISTS incidents_ended ON incidents (ended_at);
CREATE INDEX IF NOT EXISTS incidents_resolved ON incidents (resolved_at);
-- Covers every column a briefing reads, so a period's facts come from the index alone.
CREATE INDEX IF NOT EXISTS incidents_facts ON incidents (reported_at, id, category, agency,
  kelurahan_code, h3, status, first_response_at, resolved_at, ended_at, response_due_at, resolve_due_at);
CREATE INDEX IF NOT EXISTS incidents_lonlat ON incidents (lon, lat);
-- Incidents with a status change logged after one of later field time (a crew syncing
-- late): for them the projection's ended_at need not be what replay finds at a moment.
CREATE TABLE IF NOT EXISTS status_out_of_order (incident_id TEXT PRIMARY KEY);
`;

/** Status changes logged after a change of later field time, as in `status_out_of_order`. */
const OUT_OF_ORDER_SQL = `
SELECT DISTINCT incident_id FROM (
  SELECT incident_id, occurred_at, MAX(occurred_at) OVER (PARTITION BY incident_id ORDER BY seq
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM events WHERE type = 'incident.status_changed'
) WHERE occurred_at < before`;

interface EventRow {
  seq: number;
  type: DomainEvent['type'];
  incident_id: string;
  at: string;
  actor_kind: 'source' | 'user' | 'system';
  actor_id: string;
  occurred_at: string;
  data: string;
}

const rowToEvent = (r: EventRow): DomainEvent =>
  ({
    seq: r.seq,
    type: r.type,
    incidentId: r.incident_id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id },
    data: JSON.parse(r.data) as unknown,
  }) as DomainEvent;

const searchText = (i: Incident) => `${i.description} ${i.address ?? ''}`.toLowerCase();

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable against process crashes in WAL mode; only a power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `database ${file} has schema ${version}, newer than this Nakhoda (${SCHEMA_VERSION})`,
    );
  }
  if (version === 1) migrateV1(db);
  db.exec(SCHEMA);
  if (version === 1 || version === 2) {
    db.exec(`INSERT OR IGNORE INTO status_out_of_order (incident_id) ${OUT_OF_ORDER_SQL}`);
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);

  const stmt = {
    lastSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events'),
    insertEvent: db.prepare(
      `INSERT INTO events (seq, type, incident_id, at, actor_kind, actor_id, occurred_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    getDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM incidents WHERE id = ?'),
    findExternal: db.prepare<[string, string], { id: string }>(
      'SELECT id FROM incidents WHERE source = ? AND external_id = ?',
    ),
    upsert: db.prepare(`
      INSERT INTO incidents (id, source, external_id, category, agency, status, severity, lon, lat,
        kelurahan_code, reported_at, first_response_at, resolved_at, ended_at, response_due_at,
        resolve_due_at, h3, search, last_seq, doc)
      VALUES (@id, @source, @externalId, @category, @agency, @status, @severity, @lon, @lat,
        @kelurahanCode, @reportedAt, @firstResponseAt, @resolvedAt, @endedAt, @responseDueAt,
        @resolveDueAt, @h3, @search, @lastSeq, @doc)
      ON CONFLICT (id) DO UPDATE SET agency = excluded.agency, status = excluded.status,
        severity = excluded.severity, first_response_at = excluded.first_response_at,
        resolved_at = excluded.resolved_at, ended_at = excluded.ended_at,
        last_seq = excluded.last_seq, doc = excluded.doc`),
    after: db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    lastStatusFieldTime: db.prepare<[string], { ft: string | null }>(
      `SELECT MAX(occurred_at) AS ft FROM events
       WHERE incident_id = ? AND type = 'incident.status_changed'`,
    ),
    markOutOfOrder: db.prepare(
      'INSERT OR IGNORE INTO status_out_of_order (incident_id) VALUES (?)',
    ),
    occurredFirst: db.prepare<[string, number], EventRow>(
      'SELECT * FROM events WHERE occurred_at <= ? ORDER BY occurred_at, seq LIMIT ?',
    ),
    occurredNext: db.prepare<[string, number, string, number], EventRow>(
      `SELECT * FROM events WHERE (occurred_at, seq) > (?, ?) AND occurred_at <= ?
       ORDER BY occurred_at, seq LIMIT ?`,
    ),
    countOccurred: db.prepare<[string, string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM
       (SELECT 1 FROM events WHERE occurred_at > ? AND occurred_at <= ? LIMIT ?)`,
    ),
    // Three index-friendly parts rather than one OR: open now, ended since (ranges of
    // the ended index, so a recent moment reads recent incidents, not all history), and
    // the few whose ended_at cannot be trusted for a past moment.
    aliveAt: db
      .prepare<{ at: string; since: string }, string>(
        `SELECT id FROM incidents INDEXED BY incidents_ended
           WHERE ended_at IS NULL AND reported_at <= @at
         UNION ALL
         SELECT id FROM incidents INDEXED BY incidents_ended
           WHERE ended_at >= @since AND reported_at <= @at
         UNION ALL
         SELECT i.id FROM status_out_of_order o CROSS JOIN incidents i ON i.id = o.incident_id
           WHERE i.ended_at < @since AND i.reported_at <= @at`,
      )
      .pluck(),
    eventsOfUntil: db.prepare<[string, string], EventRow>(
      `SELECT * FROM events WHERE incident_id IN (SELECT value FROM json_each(?))
       AND occurred_at <= ? ORDER BY incident_id, occurred_at, seq`,
    ),
    forIncident: db.prepare<[string], EventRow>(
      'SELECT * FROM events WHERE incident_id = ? ORDER BY seq',
    ),
    factsReported: db.prepare(
      `SELECT ${FACT_COLUMNS} FROM incidents INDEXED BY incidents_facts WHERE reported_at >= ? AND reported_at < ?`,
    ),
    factsCarried: db.prepare(
      `SELECT ${FACT_COLUMNS} FROM incidents WHERE reported_at < ? AND (ended_at IS NULL OR ended_at >= ?)`,
    ),
    live: db.prepare<[string], { doc: string }>(
      'SELECT doc FROM incidents WHERE ended_at IS NULL OR ended_at >= ?',
    ),
  };

  /** One command's events after `seqBefore`, inside the caller's transaction. */
  const appendEvents = (
    events: NewEvent[],
    unique: AppendItem['unique'],
    seqBefore: number,
  ): { result: AppendResult; seq: number } => {
    if (unique) {
      const existing = stmt.findExternal.get(unique.source, unique.externalId);
      if (existing)
        return { result: { status: 'duplicate', incidentId: existing.id }, seq: seqBefore };
    }
    let seq = seqBefore;
    const stored: DomainEvent[] = [];
    const touched = new Map<string, Incident>();
    for (const e of events) {
      seq += 1;
      const event = { ...e, seq } as DomainEvent;
      if (event.type === 'incident.status_changed') {
        const last = stmt.lastStatusFieldTime.get(e.incidentId)?.ft;
        if (last && event.data.occurredAt < last) stmt.markOutOfOrder.run(e.incidentId);
      }
      stmt.insertEvent.run(
        seq,
        e.type,
        e.incidentId,
        e.at,
        e.actor.kind,
        e.actor.id,
        fieldTime(event),
        JSON.stringify(e.data),
      );
      // A report starts its incident afresh: no earlier state to read.
      const prevDoc =
        event.type === 'incident.reported'
          ? undefined
          : (touched.get(e.incidentId) ?? parseDoc(stmt.getDoc.get(e.incidentId)?.doc));
      touched.set(e.incidentId, reduceIncident(prevDoc, event));
      stored.push(event);
    }
    for (const inc of touched.values()) {
      stmt.upsert.run({
        ...inc,
        lon: inc.location.lon,
        lat: inc.location.lat,
        search: searchText(inc),
        doc: JSON.stringify(inc),
      });
    }
    return {
      result: { status: 'appended', events: stored, incidents: [...touched.values()] },
      seq,
    };
  };
  const lastSeq = () => stmt.lastSeq.get()?.seq ?? 0;
  const appendTx = db.transaction(
    (events: NewEvent[], unique: AppendItem['unique']) =>
      appendEvents(events, unique, lastSeq()).result,
  );
  // Called inside `batchTx`, better-sqlite3 runs this as a savepoint: a throw undoes one item.
  const itemTx = db.transaction(appendEvents);
  const batchTx = db.transaction((items: AppendItem[]): AppendItemResult[] => {
    let seq = lastSeq();
    return items.map((item): AppendItemResult => {
      try {
        const done = itemTx(item.events, item.unique, seq);
        seq = done.seq;
        return done.result;
      } catch (error) {
        return { status: 'failed', error };
      }
    });
  });

  return {
    kind: 'sqlite',
    async append(events, opts) {
      return appendTx.immediate(events, opts?.unique);
    },
    async appendBatch(items) {
      return items.length === 0 ? [] : batchTx.immediate(items);
    },
    async incidentIdFor(source, externalId) {
      return stmt.findExternal.get(source, externalId)?.id;
    },
    async incidentIdsFor(keys) {
      const found = new Map<string, string>();
      for (const { source, externalId } of keys) {
        const id = stmt.findExternal.get(source, externalId)?.id;
        if (id !== undefined) found.set(externalKey(source, externalId), id);
      }
      return found;
    },
    async eventsAfter(after, limit) {
      return stmt.after.all(after, limit).map(rowToEvent);
    },
    async eventsForIncident(id) {
      return stmt.forIncident.all(id).map(rowToEvent);
    },
    async latestSeq() {
      return lastSeq();
    },
    async getIncident(id) {
      return parseDoc(stmt.getDoc.get(id)?.doc);
    },
    async loadLive(endedSince) {
      const read = db.transaction(() => ({
        seq: stmt.lastSeq.get()?.seq ?? 0,
        incidents: stmt.live.all(endedSince).map((r) => JSON.parse(r.doc) as Incident),
      }));
      return read();
    },
    async queryIncidents(q) {
      return queryIncidents(db, q);
    },
    async *iterateIncidents(q) {
      const { where, params } = incidentFilter(q, false);
      const page = (cursor: boolean) =>
        db.prepare<unknown[], { id: string; reported_at: string; doc: string }>(
          `SELECT id, reported_at, doc FROM incidents
           ${whereSql(cursor ? [...where, '(reported_at, id) < (?, ?)'] : where)}
           ORDER BY reported_at DESC, id DESC LIMIT ${PAGE}`,
        );
      const first = page(false);
      const next = page(true);
      let rows = first.all(...params);
      for (;;) {
        for (const row of rows) yield JSON.parse(row.doc) as Incident;
        const last = rows[rows.length - 1];
        if (rows.length < PAGE || !last) return;
        await nextTurn();
        rows = next.all(...params, last.reported_at, last.id);
      }
    },
    async briefingFacts(since, to) {
      // Two index-friendly halves instead of one OR: reported in the window (a covering
      // index range), and older incidents still open or ended inside it.
      const recent = stmt.factsReported.raw().all(since, to) as FactsTuple[];
      const older = stmt.factsCarried.raw().all(since, since) as FactsTuple[];
      const out: IncidentFacts[] = new Array(recent.length + older.length);
      let i = 0;
      for (const r of recent) out[i++] = toFacts(r);
      for (const r of older) out[i++] = toFacts(r);
      return out;
    },
    async *iterateByOccurrence(after, until) {
      // Past every seq at `after`: the first page starts strictly after that field time.
      let rows =
        after === null
          ? stmt.occurredFirst.all(until, PAGE)
          : stmt.occurredNext.all(after, Number.MAX_SAFE_INTEGER, until, PAGE);
      for (;;) {
        for (const row of rows) yield rowToEvent(row);
        const last = rows[rows.length - 1];
        if (rows.length < PAGE || !last) return;
        await nextTurn();
        rows = stmt.occurredNext.all(last.occurred_at, last.seq, until, PAGE);
      }
    },
    async countByOccurrence(after, until, cap) {
      return stmt.countOccurred.get(after, until, cap)?.n ?? 0;
    },
    async *iterateAliveAt(at, endedSince) {
      const ids = stmt.aliveAt.all({ at, since: endedSince });
      for (let i = 0; i < ids.length; i += PAGE) {
        if (i > 0) await nextTurn();
        const rows = stmt.eventsOfUntil.all(JSON.stringify(ids.slice(i, i + PAGE)), at);
        for (const row of rows) yield rowToEvent(row);
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** v1 lacked the field-time and SLA columns that replay and briefings query; fill them from the JSON. */
function migrateV1(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`
      ALTER TABLE events ADD COLUMN occurred_at TEXT NOT NULL DEFAULT '';
      UPDATE events SET occurred_at = CASE type WHEN 'incident.reported'
        THEN json_extract(data, '$.incident.reportedAt') ELSE json_extract(data, '$.occurredAt') END;
      ALTER TABLE incidents ADD COLUMN first_response_at TEXT;
      ALTER TABLE incidents ADD COLUMN resolved_at TEXT;
      ALTER TABLE incidents ADD COLUMN response_due_at TEXT NOT NULL DEFAULT '';
      ALTER TABLE incidents ADD COLUMN resolve_due_at TEXT NOT NULL DEFAULT '';
      ALTER TABLE incidents ADD COLUMN h3 TEXT NOT NULL DEFAULT '';
      UPDATE incidents SET first_response_at = json_extract(doc, '$.firstResponseAt'),
        resolved_at = json_extract(doc, '$.resolvedAt'), response_due_at = json_extract(doc, '$.responseDueAt'),
        resolve_due_at = json_extract(doc, '$.resolveDueAt'), h3 = json_extract(doc, '$.h3');
    `);
  })();
}

function parseDoc(doc: string | undefined): Incident | undefined {
  return doc === undefined ? undefined : (JSON.parse(doc) as Incident);
}
