/**
 * A group of commands' append on PostgreSQL, inside a transaction that already holds the log
 * head (pg.store.ts). Round trips, not rows, are what an append costs here, and the head
 * stays locked for all of them, so a whole group takes three whatever its size: one read of
 * the external ids it names, one read of every incident and alert it touches (a document,
 * and an incident's latest field time of its status changes), then, after every item has
 * been decided here in order, one statement that writes the events, the incidents, the
 * alerts and the out-of-order marks of all the kept items together.
 *
 * Why no savepoints: an item is kept or refused before anything is sent. The reducers'
 * refusals (an event for an unknown incident or alert, raising an active alert) and an
 * event naming a subject of the wrong kind (alert-rows.ts) throw here; the one constraint an item can
 * break, the unique (source, external id) of a new incident, is checked here against the
 * keys read under the head lock, which serializes appenders on every node, and the keys
 * this group adds; events and incident ids cannot clash (seqs come from the locked head,
 * a known id is updated, not inserted). Should the database still refuse the write
 * (a constraint this file does not know), `WriteRefused` says so and pg.store.ts retries
 * the group one item at a time, so the bad item fails alone.
 */
import { type Alert, isAlertEvent, reduceAlert } from '../../shared/domain/alerts.ts';
import { masterOf } from '../../shared/domain/duplicates.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { fieldTime } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident, Source } from '../../shared/domain/types.ts';
import { alertRow, checkSubject } from './alert-rows.ts';
import type { Queryable } from './pg-queries.ts';
import { findExternalIds } from './pg-queries.ts';
import type { AppendItem, AppendItemResult } from './store.ts';
import { externalKey } from './store.ts';

// The incidents ($1) and the alerts ($2) the group names, in one round trip.
const READ_SQL = `
SELECT u.id, false AS alert,
  (SELECT doc FROM incidents WHERE id = u.id) AS doc,
  (SELECT max(occurred_at) FROM events
     WHERE incident_id = u.id AND type = 'incident.status_changed') AS ft
FROM unnest($1::text[]) AS u(id)
UNION ALL
SELECT a.id, true, a.doc, NULL FROM alerts a WHERE a.id = ANY($2::text[])`;

// Data-modifying CTEs all run, whatever the outer statement reads: one round trip.
const WRITE_SQL = `
WITH ev AS (
  INSERT INTO events (seq, type, incident_id, at, actor_kind, actor_id, occurred_at, data)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::json[])
), ooo AS (
  INSERT INTO status_out_of_order (incident_id) SELECT unnest($9::text[]) ON CONFLICT DO NOTHING
), al AS (
  INSERT INTO alerts (id, kind, status, agency, severity, level, raised_at, cleared_at, last_seq,
    doc)
  SELECT * FROM unnest($30::text[], $31::text[], $32::text[], $33::text[], $34::text[],
    $35::text[], $36::text[], $37::text[], $38::bigint[], $39::json[])
  ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status,
    agency = excluded.agency, severity = excluded.severity, level = excluded.level,
    raised_at = excluded.raised_at, cleared_at = excluded.cleared_at,
    last_seq = excluded.last_seq, doc = excluded.doc
)
INSERT INTO incidents (id, source, external_id, category, agency, status, severity, lon, lat,
  kelurahan_code, reported_at, first_response_at, resolved_at, ended_at, response_due_at,
  resolve_due_at, h3, search, last_seq, doc, duplicate_of)
SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::text[], $17::float8[], $18::float8[], $19::text[], $20::text[], $21::text[], $22::text[],
  $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::bigint[], $29::json[],
  $40::text[])
ON CONFLICT (id) DO UPDATE SET agency = excluded.agency, status = excluded.status,
  severity = excluded.severity, first_response_at = excluded.first_response_at,
  resolved_at = excluded.resolved_at, ended_at = excluded.ended_at,
  last_seq = excluded.last_seq, doc = excluded.doc, duplicate_of = excluded.duplicate_of`;

/** The database refused the group's one write: nothing of it is kept, the transaction is over. */
export class WriteRefused extends Error {
  constructor(cause: unknown) {
    super('the database refused the append', { cause });
  }
}

/** SQLSTATE classes of a statement the data made fail (22 data, 23 integrity), not the server. */
const REFUSAL = /^2[23]/;

/** An incident's state as the log head had it before this group. */
interface Stored {
  doc: Incident | null;
  /** The latest field time of its status changes. */
  ft: string | null;
}

/** What the log head held before this group, of what it touches. */
interface Before {
  incidents: Map<string, Stored>;
  alerts: Map<string, Alert>;
}

/** What the kept items of the group have done so far: each item sees all of it. */
interface Group {
  seq: number;
  events: DomainEvent[];
  /** Every touched incident as it is now. */
  incidents: Map<string, Incident>;
  /** Every touched alert as it is now. */
  alerts: Map<string, Alert>;
  /**
   * Incidents this group inserts, as first written: the columns an upsert does not update
   * (category, place, due times…) keep those values, as with one append per item.
   */
  inserted: Map<string, Incident>;
  lastStatus: Map<string, string>;
  outOfOrder: Set<string>;
  /** (source, external id) → incident: the database's (as read) and this group's new rows. */
  keys: Map<string, string>;
}

const searchText = (i: Incident) => `${i.description} ${i.address ?? ''}`.toLowerCase();

/** Transposes rows into one array per column, as `unnest` takes them. */
function columns<T>(rows: T[], pick: ((row: T) => unknown)[]): unknown[][] {
  return pick.map((f) => rows.map(f));
}

/** Every (source, external id) the group could meet: asked for, or of an incident it reports. */
function keysNamed(items: AppendItem[]): { source: Source; externalId: string }[] {
  const named = new Map<string, { source: Source; externalId: string }>();
  const add = (source: Source, externalId: string | null | undefined) => {
    if (externalId != null) named.set(externalKey(source, externalId), { source, externalId });
  };
  for (const item of items) {
    if (item.unique) add(item.unique.source, item.unique.externalId);
    for (const e of item.events)
      if (e.type === 'incident.reported') add(e.data.incident.source, e.data.incident.externalId);
  }
  return [...named.values()];
}

/**
 * One item on top of what the group has done, or a throw with the group untouched: the
 * reducer's refusal, or a new incident whose external id is taken (what the unique index
 * would refuse).
 */
function decideItem(
  item: AppendItem,
  group: Group,
  before: Before,
): { events: DomainEvent[]; touched: Map<string, Incident>; alerts: Map<string, Alert> } {
  const stored = before.incidents;
  let seq = group.seq;
  const events: DomainEvent[] = [];
  const touched = new Map<string, Incident>();
  const alerts = new Map<string, Alert>();
  const lastStatus = new Map<string, string>();
  const outOfOrder = new Set<string>();
  for (const e of item.events) {
    checkSubject(e);
    seq += 1;
    const event = { ...e, seq } as DomainEvent;
    const id = e.incidentId;
    events.push(event);
    if (isAlertEvent(event)) {
      const prev = alerts.get(id) ?? group.alerts.get(id) ?? before.alerts.get(id);
      alerts.set(id, reduceAlert(prev, event));
      continue;
    }
    if (event.type === 'incident.status_changed') {
      const at = event.data.occurredAt;
      const last = lastStatus.get(id) ?? group.lastStatus.get(id) ?? stored.get(id)?.ft ?? null;
      if (last && at < last) outOfOrder.add(id);
      lastStatus.set(id, last && last > at ? last : at);
    }
    // A report starts its incident afresh: no earlier state to read.
    const prev =
      event.type === 'incident.reported'
        ? undefined
        : (touched.get(id) ?? group.incidents.get(id) ?? stored.get(id)?.doc ?? undefined);
    touched.set(id, reduceIncident(prev, event));
  }
  const added = new Map<string, string>();
  for (const [id, incident] of touched) {
    const isNew = !group.incidents.has(id) && !stored.get(id)?.doc;
    if (!isNew || incident.externalId === null) continue;
    const key = externalKey(incident.source, incident.externalId);
    const holder = added.get(key) ?? group.keys.get(key);
    if (holder !== undefined) {
      throw new Error(
        `${incident.source} external id ${incident.externalId} is already incident ${holder}`,
      );
    }
    added.set(key, id);
  }
  // Kept: the group takes it all.
  group.seq = seq;
  group.events.push(...events);
  for (const [key, id] of added) {
    group.keys.set(key, id);
    group.inserted.set(id, touched.get(id)!);
  }
  for (const [id, incident] of touched) group.incidents.set(id, incident);
  for (const [id, alert] of alerts) group.alerts.set(id, alert);
  for (const [id, at] of lastStatus) group.lastStatus.set(id, at);
  for (const id of outOfOrder) group.outOfOrder.add(id);
  return { events, touched, alerts };
}

/** The group's events, out-of-order marks, incidents and alerts, as WRITE_SQL's parameters. */
function writeParams(group: Group): unknown[] {
  const rows = [...group.incidents.values()].map((now) => ({
    now,
    first: group.inserted.get(now.id) ?? now,
  }));
  return [
    ...columns(group.events, [
      (e) => e.seq,
      (e) => e.type,
      (e) => e.incidentId,
      (e) => e.at,
      (e) => e.actor.kind,
      (e) => e.actor.id,
      (e) => fieldTime(e),
      (e) => JSON.stringify(e.data),
    ]),
    [...group.outOfOrder],
    // `first` for the columns only an insert writes, `now` for those the upsert updates.
    ...columns(rows, [
      (r) => r.now.id,
      (r) => r.first.source,
      (r) => r.first.externalId,
      (r) => r.first.category,
      (r) => r.now.agency,
      (r) => r.now.status,
      (r) => r.now.severity,
      (r) => r.first.location.lon,
      (r) => r.first.location.lat,
      (r) => r.first.kelurahanCode,
      (r) => r.first.reportedAt,
      (r) => r.now.firstResponseAt,
      (r) => r.now.resolvedAt,
      (r) => r.now.endedAt,
      (r) => r.first.responseDueAt,
      (r) => r.first.resolveDueAt,
      (r) => r.first.h3,
      (r) => searchText(r.first),
      (r) => r.now.lastSeq,
      (r) => JSON.stringify(r.now),
    ]),
    ...columns([...group.alerts.values()].map(alertRow), [
      (a) => a.id,
      (a) => a.kind,
      (a) => a.status,
      (a) => a.agency,
      (a) => a.severity,
      (a) => a.level,
      (a) => a.raisedAt,
      (a) => a.clearedAt,
      (a) => a.lastSeq,
      (a) => a.doc,
    ]),
    // $40, the incidents' last column (added with duplicates: 007_duplicates.sql).
    rows.map((r) => masterOf(r.now)),
  ];
}

/**
 * Appends the items after `seqBefore`, each as one `append` would in this order, and
 * answers one result per item and the seq of the group's last event.
 */
export async function appendItems(
  db: Queryable,
  items: AppendItem[],
  seqBefore: number,
): Promise<{ results: AppendItemResult[]; seq: number }> {
  const named = keysNamed(items);
  const incidentIds = new Set<string>();
  const alertIds = new Set<string>();
  for (const item of items)
    for (const e of item.events) (isAlertEvent(e) ? alertIds : incidentIds).add(e.incidentId);
  const group: Group = {
    seq: seqBefore,
    events: [],
    incidents: new Map(),
    alerts: new Map(),
    inserted: new Map(),
    lastStatus: new Map(),
    outOfOrder: new Set(),
    keys: named.length > 0 ? await findExternalIds(db, named) : new Map(),
  };
  const before: Before = { incidents: new Map(), alerts: new Map() };
  if (incidentIds.size + alertIds.size > 0) {
    const { rows } = await db.query<{
      id: string;
      alert: boolean;
      doc: unknown;
      ft: string | null;
    }>(READ_SQL, [[...incidentIds], [...alertIds]]);
    for (const r of rows) {
      if (r.alert) before.alerts.set(r.id, r.doc as Alert);
      else before.incidents.set(r.id, { doc: r.doc as Incident | null, ft: r.ft });
    }
  }

  const results = items.map((item): AppendItemResult => {
    if (item.unique) {
      const holder = group.keys.get(externalKey(item.unique.source, item.unique.externalId));
      if (holder !== undefined) return { status: 'duplicate', incidentId: holder };
    }
    try {
      const { events, touched, alerts } = decideItem(item, group, before);
      return {
        status: 'appended',
        events,
        incidents: [...touched.values()],
        alerts: [...alerts.values()],
      };
    } catch (error) {
      return { status: 'failed', error };
    }
  });

  if (group.events.length > 0) {
    try {
      await db.query(WRITE_SQL, writeParams(group));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw typeof code === 'string' && REFUSAL.test(code) ? new WriteRefused(error) : error;
    }
  }
  return { results, seq: group.seq };
}
