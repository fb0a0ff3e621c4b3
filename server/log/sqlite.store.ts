/**
 * SQLite implementation of the Store (better-sqlite3 12, WAL): the embedded default.
 * The log table is the source of truth; the incidents and alerts tables are its
 * projections, written in the same transaction by the shared reducers, for queries and
 * fast start. The tables and their upgrades are in sqlite-schema.ts.
 *
 * There is one connection, and it cannot write while one of its statements is open, so
 * long reads (exports, replay) take keyset pages with `.all()` and give the event loop a
 * turn between pages: a client that reads slowly never holds a statement open.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Alert, isAlertEvent, reduceAlert } from '../../shared/domain/alerts.ts';
import { masterOf } from '../../shared/domain/duplicates.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { fieldTime } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';
import type { IncidentFacts } from '../../shared/domain/briefing.ts';
import type { AppendItem, AppendItemResult, AppendResult, Store } from './store.ts';
import { externalKey } from './store.ts';
import { alertRow, checkSubject } from './alert-rows.ts';
import { FACT_COLUMNS, toFacts, type FactsTuple } from './fact-columns.ts';
import {
  type EventRow,
  incidentFilter,
  queryAlerts,
  queryIncidents,
  rowToEvent,
  whereSql,
} from './sqlite-queries.ts';
import { prepareSchema, UPSERT_ALERT_SQL } from './sqlite-schema.ts';

export { SCHEMA_VERSION } from './sqlite-schema.ts';

/** Rows per page of a long read: a few milliseconds of work between turns of the loop. */
const PAGE = 500;

const searchText = (i: Incident) => `${i.description} ${i.address ?? ''}`.toLowerCase();

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable against process crashes in WAL mode; only a power loss can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  prepareSchema(db, file);

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
        resolve_due_at, h3, search, last_seq, doc, duplicate_of)
      VALUES (@id, @source, @externalId, @category, @agency, @status, @severity, @lon, @lat,
        @kelurahanCode, @reportedAt, @firstResponseAt, @resolvedAt, @endedAt, @responseDueAt,
        @resolveDueAt, @h3, @search, @lastSeq, @doc, @duplicateOf)
      ON CONFLICT (id) DO UPDATE SET agency = excluded.agency, status = excluded.status,
        severity = excluded.severity, first_response_at = excluded.first_response_at,
        resolved_at = excluded.resolved_at, ended_at = excluded.ended_at,
        last_seq = excluded.last_seq, doc = excluded.doc, duplicate_of = excluded.duplicate_of`),
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
    linked: db.prepare<[string], { doc: string }>(
      `SELECT doc FROM incidents INDEXED BY incidents_linked WHERE duplicate_of = ?
       ORDER BY reported_at, id`,
    ),
    live: db.prepare<[string], { doc: string }>(
      'SELECT doc FROM incidents WHERE ended_at IS NULL OR ended_at >= ?',
    ),
    getAlert: db.prepare<[string], { doc: string }>('SELECT doc FROM alerts WHERE id = ?'),
    upsertAlert: db.prepare(UPSERT_ALERT_SQL),
    // Two ranges of the cleared index rather than one OR: active now, cleared since.
    liveAlerts: db.prepare<[string], { doc: string }>(
      `SELECT doc FROM alerts WHERE cleared_at IS NULL
       UNION ALL SELECT doc FROM alerts WHERE cleared_at >= ?`,
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
    const alerts = new Map<string, Alert>();
    for (const e of events) {
      checkSubject(e);
      seq += 1;
      const event = { ...e, seq } as DomainEvent;
      const id = e.incidentId;
      if (event.type === 'incident.status_changed') {
        const last = stmt.lastStatusFieldTime.get(id)?.ft;
        if (last && event.data.occurredAt < last) stmt.markOutOfOrder.run(id);
      }
      stmt.insertEvent.run(
        seq,
        e.type,
        id,
        e.at,
        e.actor.kind,
        e.actor.id,
        fieldTime(event),
        JSON.stringify(e.data),
      );
      if (isAlertEvent(event)) {
        const prev = alerts.get(id) ?? parseDoc<Alert>(stmt.getAlert.get(id)?.doc);
        alerts.set(id, reduceAlert(prev, event));
      } else {
        // A report starts its incident afresh: no earlier state to read.
        const prev =
          event.type === 'incident.reported'
            ? undefined
            : (touched.get(id) ?? parseDoc<Incident>(stmt.getDoc.get(id)?.doc));
        touched.set(id, reduceIncident(prev, event));
      }
      stored.push(event);
    }
    for (const inc of touched.values()) {
      stmt.upsert.run({
        ...inc,
        lon: inc.location.lon,
        lat: inc.location.lat,
        search: searchText(inc),
        doc: JSON.stringify(inc),
        duplicateOf: masterOf(inc),
      });
    }
    for (const alert of alerts.values()) stmt.upsertAlert.run(alertRow(alert));
    const result: AppendResult = {
      status: 'appended',
      events: stored,
      incidents: [...touched.values()],
      alerts: [...alerts.values()],
    };
    return { result, seq };
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
      return parseDoc<Incident>(stmt.getDoc.get(id)?.doc);
    },
    async getAlert(id) {
      return parseDoc<Alert>(stmt.getAlert.get(id)?.doc);
    },
    async linkedReports(masterId) {
      return stmt.linked.all(masterId).map((r) => JSON.parse(r.doc) as Incident);
    },
    async loadLive(endedSince) {
      const read = db.transaction(() => ({
        seq: stmt.lastSeq.get()?.seq ?? 0,
        incidents: stmt.live.all(endedSince).map((r) => JSON.parse(r.doc) as Incident),
        alerts: stmt.liveAlerts.all(endedSince).map((r) => JSON.parse(r.doc) as Alert),
      }));
      return read();
    },
    async queryIncidents(q) {
      return queryIncidents(db, q);
    },
    async queryAlerts(q) {
      return queryAlerts(db, q);
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

function parseDoc<T>(doc: string | undefined): T | undefined {
  return doc === undefined ? undefined : (JSON.parse(doc) as T);
}
