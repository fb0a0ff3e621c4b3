/**
 * One command's append on PostgreSQL, inside a transaction that already holds the log head
 * (pg.store.ts): the idempotency check, one read of what the shared reducer and the
 * out-of-order rule need, then one statement that writes the events, the incidents and the
 * out-of-order marks together. Round trips, not rows, are what an append costs here, and
 * the head stays locked for all of them, so each item takes at most three.
 */
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { fieldTime } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';
import type { Queryable } from './pg-queries.ts';
import { SQL } from './pg-queries.ts';
import type { AppendItem, AppendResult } from './store.ts';

const READ_SQL = `
SELECT u.id,
  (SELECT doc FROM incidents WHERE id = u.id) AS doc,
  (SELECT max(occurred_at) FROM events
     WHERE incident_id = u.id AND type = 'incident.status_changed') AS ft
FROM unnest($1::text[]) AS u(id)`;

// Data-modifying CTEs all run, whatever the outer statement reads: one round trip.
const WRITE_SQL = `
WITH ev AS (
  INSERT INTO events (seq, type, incident_id, at, actor_kind, actor_id, occurred_at, data)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::json[])
), ooo AS (
  INSERT INTO status_out_of_order (incident_id) SELECT unnest($9::text[]) ON CONFLICT DO NOTHING
)
INSERT INTO incidents (id, source, external_id, category, agency, status, severity, lon, lat,
  kelurahan_code, reported_at, first_response_at, resolved_at, ended_at, response_due_at,
  resolve_due_at, h3, search, last_seq, doc)
SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
  $16::text[], $17::float8[], $18::float8[], $19::text[], $20::text[], $21::text[], $22::text[],
  $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::bigint[], $29::json[])
ON CONFLICT (id) DO UPDATE SET agency = excluded.agency, status = excluded.status,
  severity = excluded.severity, first_response_at = excluded.first_response_at,
  resolved_at = excluded.resolved_at, ended_at = excluded.ended_at,
  last_seq = excluded.last_seq, doc = excluded.doc`;

const searchText = (i: Incident) => `${i.description} ${i.address ?? ''}`.toLowerCase();

/** Transposes rows into one array per column, as `unnest` takes them. */
function columns<T>(rows: T[], pick: ((row: T) => unknown)[]): unknown[][] {
  return pick.map((f) => rows.map(f));
}

/**
 * Appends one command's events after `seqBefore`. Everything is computed before anything is
 * written, so an event the reducer refuses (an unknown incident) throws with nothing sent;
 * a statement that fails (a unique index) leaves the caller to roll back.
 */
export async function appendItem(
  db: Queryable,
  events: NewEvent[],
  unique: AppendItem['unique'],
  seqBefore: number,
): Promise<{ result: AppendResult; seq: number }> {
  if (unique) {
    const { rows } = await db.query<{ id: string }>(SQL.findExternal, [
      unique.source,
      unique.externalId,
    ]);
    if (rows[0]) return { result: { status: 'duplicate', incidentId: rows[0].id }, seq: seqBefore };
  }
  const ids = [...new Set(events.map((e) => e.incidentId))];
  const known = new Map<string, { doc: Incident | null; ft: string | null }>();
  if (ids.length > 0) {
    const { rows } = await db.query<{ id: string; doc: Incident | null; ft: string | null }>(
      READ_SQL,
      [ids],
    );
    for (const r of rows) known.set(r.id, r);
  }

  let seq = seqBefore;
  const stored: DomainEvent[] = [];
  const touched = new Map<string, Incident>();
  const outOfOrder = new Set<string>();
  /** The latest field time of a status change per incident, this item's own included. */
  const lastStatus = new Map<string, string>();
  for (const e of events) {
    seq += 1;
    const event = { ...e, seq } as DomainEvent;
    if (event.type === 'incident.status_changed') {
      const at = event.data.occurredAt;
      const last = lastStatus.get(e.incidentId) ?? known.get(e.incidentId)?.ft ?? null;
      if (last && at < last) outOfOrder.add(e.incidentId);
      lastStatus.set(e.incidentId, last && last > at ? last : at);
    }
    // A report starts its incident afresh: no earlier state to read.
    const prevDoc =
      event.type === 'incident.reported'
        ? undefined
        : (touched.get(e.incidentId) ?? known.get(e.incidentId)?.doc ?? undefined);
    touched.set(e.incidentId, reduceIncident(prevDoc, event));
    stored.push(event);
  }
  if (stored.length > 0) {
    const incidents = [...touched.values()];
    await db.query(WRITE_SQL, [
      ...columns(stored, [
        (e) => e.seq,
        (e) => e.type,
        (e) => e.incidentId,
        (e) => e.at,
        (e) => e.actor.kind,
        (e) => e.actor.id,
        (e) => fieldTime(e),
        (e) => JSON.stringify(e.data),
      ]),
      [...outOfOrder],
      ...columns(incidents, [
        (i) => i.id,
        (i) => i.source,
        (i) => i.externalId,
        (i) => i.category,
        (i) => i.agency,
        (i) => i.status,
        (i) => i.severity,
        (i) => i.location.lon,
        (i) => i.location.lat,
        (i) => i.kelurahanCode,
        (i) => i.reportedAt,
        (i) => i.firstResponseAt,
        (i) => i.resolvedAt,
        (i) => i.endedAt,
        (i) => i.responseDueAt,
        (i) => i.resolveDueAt,
        (i) => i.h3,
        (i) => searchText(i),
        (i) => i.lastSeq,
        (i) => JSON.stringify(i),
      ]),
    ]);
  }
  return {
    result: { status: 'appended', events: stored, incidents: [...touched.values()] },
    seq,
  };
}
