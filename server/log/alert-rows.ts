/**
 * What both stores (SQLite, PostgreSQL) keep of an alert beside the log, and the rules
 * they share for it: the columns of the `alerts` table, the one query the alert queue
 * reads, and which subject an event may name. Alert events and incident events share the
 * log's subject column, so a store refuses an event whose subject is of the other kind:
 * otherwise an alert's events would read as an incident's history, or the reverse.
 */
import { type Alert, isAlertEvent, isAlertId } from '../../shared/domain/alerts.ts';
import type { NewEvent } from '../../shared/domain/types.ts';
import type { AlertQuery } from './store.ts';

/** Throws when the event names a subject of the other kind (see the header). */
export function checkSubject(event: Pick<NewEvent, 'type' | 'incidentId'>): void {
  const alert = isAlertEvent(event);
  if (alert !== isAlertId(event.incidentId)) {
    throw new Error(
      alert
        ? `${event.type} names ${event.incidentId}, which is not an alert id`
        : `${event.type} names ${event.incidentId}, which is an alert id`,
    );
  }
}

/** The `alerts` table's columns of one alert, by the names both stores' SQL binds. */
export interface AlertRow {
  id: string;
  kind: string;
  status: string;
  agency: string | null;
  severity: string;
  level: string;
  raisedAt: string;
  clearedAt: string | null;
  lastSeq: number;
  doc: string;
}

export function alertRow(alert: Alert): AlertRow {
  return {
    id: alert.id,
    kind: alert.kind,
    status: alert.status,
    agency: alert.agency,
    severity: alert.severity,
    level: alert.level,
    raisedAt: alert.raisedAt,
    clearedAt: alert.clearedAt,
    lastSeq: alert.lastSeq,
    doc: JSON.stringify(alert),
  };
}

/**
 * `queryAlerts` in either dialect: `param` binds one value and returns its placeholder
 * (`?` or `$n`). Filters are whitelisted columns with bound values; nothing from the query
 * reaches SQL text.
 */
export function alertQuerySql(q: AlertQuery, param: (value: unknown) => string): string {
  const where: string[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) where.push(`${column} IN (${values.map(param).join(', ')})`);
  };
  inList('status', q.status);
  inList('kind', q.kind);
  if (q.agency !== undefined) where.push(`agency = ${param(q.agency)}`);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return `SELECT doc FROM alerts ${filter} ORDER BY raised_at DESC, id DESC LIMIT ${param(q.limit)}`;
}
