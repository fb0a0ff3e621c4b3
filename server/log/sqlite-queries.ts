/**
 * The SQLite store's query builders: incident and alert filters as whitelisted columns
 * with bound parameters (nothing from a query reaches SQL text), cursor pages, and events
 * as rows. The briefing's fact columns are in fact-columns.ts and the alert query in
 * alert-rows.ts, shared with the PostgreSQL store.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { IncidentQuery } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { alertQuerySql } from './alert-rows.ts';
import type { AlertQuery, IncidentPage } from './store.ts';
import { decodeCursor, encodeCursor } from './store.ts';

export interface EventRow {
  seq: number;
  type: DomainEvent['type'];
  incident_id: string;
  at: string;
  actor_kind: 'source' | 'user' | 'system';
  actor_id: string;
  occurred_at: string;
  data: string;
}

export const rowToEvent = (r: EventRow): DomainEvent =>
  ({
    seq: r.seq,
    type: r.type,
    incidentId: r.incident_id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id },
    data: JSON.parse(r.data) as unknown,
  }) as DomainEvent;

export const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/** Filters are whitelisted columns with bound parameters; nothing from the query reaches SQL text. */
export function incidentFilter(
  q: IncidentQuery,
  withCursor: boolean,
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('status', q.status);
  inList('category', q.category);
  inList('agency', q.agency);
  inList('source', q.source);
  if (q.bbox) {
    const [w, s, e, n] = q.bbox;
    where.push('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?');
    params.push(w, e, s, n);
  }
  if (q.since) {
    where.push('reported_at >= ?');
    params.push(new Date(q.since).toISOString());
  }
  if (q.until) {
    where.push('reported_at < ?');
    params.push(new Date(q.until).toISOString());
  }
  if (q.area) {
    // Codes nest by prefix: a kota's kelurahan all start with "31.71.". Mirrors `inArea`
    // (shared/city/lookup.ts); change both together.
    where.push('(kelurahan_code = ? OR kelurahan_code LIKE ?)');
    params.push(q.area, `${q.area}.%`);
  }
  if (q.q) {
    where.push("search LIKE ? ESCAPE '\\'");
    params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const cursor = withCursor && q.cursor ? decodeCursor(q.cursor) : null;
  if (cursor) {
    where.push('(reported_at < ? OR (reported_at = ? AND id < ?))');
    params.push(cursor.reportedAt, cursor.reportedAt, cursor.id);
  }
  return { where, params };
}

export function queryIncidents(db: Database.Database, q: IncidentQuery): IncidentPage {
  const filter = incidentFilter(q, true);
  const params = filter.params;
  const sql = `SELECT doc FROM incidents ${whereSql(filter.where)} ORDER BY reported_at DESC, id DESC LIMIT ?`;
  const rows = db.prepare<unknown[], { doc: string }>(sql).all(...params, q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => JSON.parse(r.doc) as Incident);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.reportedAt, last.id) : null,
  };
}

export function queryAlerts(db: Database.Database, q: AlertQuery): Alert[] {
  const params: unknown[] = [];
  const sql = alertQuerySql(q, (value) => {
    params.push(value);
    return '?';
  });
  return db
    .prepare<unknown[], { doc: string }>(sql)
    .all(...params)
    .map((r) => JSON.parse(r.doc) as Alert);
}
