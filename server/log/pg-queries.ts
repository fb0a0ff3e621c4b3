/**
 * The PostgreSQL store's reads: event rows, incident filters as whitelisted columns with
 * numbered parameters (nothing from a query reaches SQL text), cursor pages, and the SQL
 * of the field-time and replay reads. Same rules as sqlite-queries.ts, in PostgreSQL's
 * dialect; the columns are in the "C" collation, so orders and ties match SQLite's.
 */
import type { IncidentQuery } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import type { Source } from '../../shared/domain/types.ts';
import type { IncidentPage } from './store.ts';
import { decodeCursor, encodeCursor, externalKey } from './store.ts';

/** Something that runs a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface EventRow {
  seq: number;
  type: DomainEvent['type'];
  incident_id: string;
  at: string;
  actor_kind: 'source' | 'user' | 'system';
  actor_id: string;
  occurred_at: string;
  /** A json column: node-postgres hands it back parsed. */
  data: unknown;
}

export const EVENT_COLUMNS = 'seq, type, incident_id, at, actor_kind, actor_id, occurred_at, data';

export const rowToEvent = (r: EventRow): DomainEvent =>
  ({
    seq: r.seq,
    type: r.type,
    incidentId: r.incident_id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id },
    data: r.data,
  }) as DomainEvent;

export const SQL = {
  after: `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
  forIncident: `SELECT ${EVENT_COLUMNS} FROM events WHERE incident_id = $1 ORDER BY seq`,
  occurredFirst: `SELECT ${EVENT_COLUMNS} FROM events WHERE occurred_at <= $1
    ORDER BY occurred_at, seq LIMIT $2`,
  occurredNext: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE (occurred_at, seq) > ($1, $2) AND occurred_at <= $3 ORDER BY occurred_at, seq LIMIT $4`,
  countOccurred: `SELECT count(*)::int AS n FROM
    (SELECT 1 FROM events WHERE occurred_at > $1 AND occurred_at <= $2 LIMIT $3) AS capped`,
  // Three index-friendly parts rather than one OR: open now, ended since, and the few whose
  // ended_at cannot be trusted for a past moment (see status_out_of_order).
  aliveAt: `SELECT id FROM incidents WHERE ended_at IS NULL AND reported_at <= $1
    UNION ALL
    SELECT id FROM incidents WHERE ended_at >= $2 AND reported_at <= $1
    UNION ALL
    SELECT i.id FROM status_out_of_order o JOIN incidents i ON i.id = o.incident_id
      WHERE i.ended_at < $2 AND i.reported_at <= $1`,
  eventsOfUntil: `SELECT ${EVENT_COLUMNS} FROM events
    WHERE incident_id = ANY($1::text[]) AND occurred_at <= $2 ORDER BY incident_id, occurred_at, seq`,
  live: 'SELECT doc FROM incidents WHERE ended_at IS NULL OR ended_at >= $1',
  getDoc: 'SELECT doc FROM incidents WHERE id = $1',
  linked: 'SELECT doc FROM incidents WHERE duplicate_of = $1 ORDER BY reported_at, id',
  getAlert: 'SELECT doc FROM alerts WHERE id = $1',
  // Two ranges of the cleared index rather than one OR: active now, cleared since.
  liveAlerts: `SELECT doc FROM alerts WHERE cleared_at IS NULL
    UNION ALL SELECT doc FROM alerts WHERE cleared_at >= $1`,
  findExternal: 'SELECT id FROM incidents WHERE source = $1 AND external_id = $2',
  head: 'SELECT seq FROM log_head',
  lockHead: 'SELECT seq FROM log_head FOR UPDATE',
  /** Moves the head and wakes every node listening on the schema's channel, at commit. */
  setHead: 'WITH moved AS (UPDATE log_head SET seq = $1) SELECT pg_notify($2, $1::text)',
};

// `external_id IS NOT NULL` lets the partial unique index on (source, external_id) serve.
const FIND_EXTERNALS = `SELECT i.source, i.external_id, i.id
  FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
  JOIN incidents i ON i.source = k.source AND i.external_id = k.external_id
  WHERE i.external_id IS NOT NULL`;

/** The incidents these sources already reported under these external ids, in one query. */
export async function findExternalIds(
  db: Queryable,
  keys: { source: Source; externalId: string }[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ source: Source; external_id: string; id: string }>(
    FIND_EXTERNALS,
    [keys.map((k) => k.source), keys.map((k) => k.externalId)],
  );
  return new Map(rows.map((r) => [externalKey(r.source, r.external_id), r.id]));
}

export const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/** Builds WHERE parts with $n placeholders numbered in the order values are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Filters are whitelisted columns with bound parameters; nothing from the query reaches SQL text. */
export function incidentFilter(q: IncidentQuery, withCursor: boolean) {
  const where: string[] = [];
  const p = new Params();
  const inList = (column: string, values: string[] | undefined) => {
    if (values && values.length > 0) where.push(`${column} = ANY(${p.add(values)}::text[])`);
  };
  inList('status', q.status);
  inList('category', q.category);
  inList('agency', q.agency);
  inList('source', q.source);
  if (q.bbox) {
    const [w, s, e, n] = q.bbox;
    where.push(
      `lon BETWEEN ${p.add(w)} AND ${p.add(e)} AND lat BETWEEN ${p.add(s)} AND ${p.add(n)}`,
    );
  }
  if (q.since) where.push(`reported_at >= ${p.add(new Date(q.since).toISOString())}`);
  if (q.until) where.push(`reported_at < ${p.add(new Date(q.until).toISOString())}`);
  if (q.area) {
    // Codes nest by prefix: a kota's kelurahan all start with "31.71.". Mirrors `inArea`
    // (shared/city/lookup.ts); change both together.
    where.push(
      `(kelurahan_code = ${p.add(q.area)} OR kelurahan_code LIKE ${p.add(`${q.area}.%`)})`,
    );
  }
  if (q.q) {
    const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`search LIKE ${p.add(pattern)} ESCAPE '\\'`);
  }
  const cursor = withCursor && q.cursor ? decodeCursor(q.cursor) : null;
  if (cursor) where.push(`(reported_at, id) < (${p.add(cursor.reportedAt)}, ${p.add(cursor.id)})`);
  return { where, params: p };
}

export async function queryIncidents(db: Queryable, q: IncidentQuery): Promise<IncidentPage> {
  const { where, params } = incidentFilter(q, true);
  const sql = `SELECT doc FROM incidents ${whereSql(where)}
    ORDER BY reported_at DESC, id DESC LIMIT ${params.add(q.limit + 1)}`;
  const { rows } = await db.query<{ doc: Incident }>(sql, params.values);
  const items = rows.slice(0, q.limit).map((r) => r.doc);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.reportedAt, last.id) : null,
  };
}

/** The SQL of one page of `iterateIncidents`, after the (reported_at, id) of the last row when `after`. */
export function incidentPageSql(
  q: IncidentQuery,
  after: { reportedAt: string; id: string } | null,
  size: number,
) {
  const { where, params } = incidentFilter(q, false);
  if (after)
    where.push(`(reported_at, id) < (${params.add(after.reportedAt)}, ${params.add(after.id)})`);
  const sql = `SELECT doc FROM incidents ${whereSql(where)}
    ORDER BY reported_at DESC, id DESC LIMIT ${params.add(size)}`;
  return { sql, values: params.values };
}
