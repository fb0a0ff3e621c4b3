/**
 * The SQLite store's tables and their versions (PRAGMA user_version). A file is brought
 * up to SCHEMA_VERSION in place when a store opens it; one from a newer Nakhoda is refused
 * untouched. Each version's projections are rebuilt from the log, the source of truth:
 * - 2: field times and the briefing's columns (from v1's JSON);
 * - 3: status changes logged out of field-time order (`status_out_of_order`);
 * - 4: the analyst's alerts (`alerts`), projected by `reduceAlert`;
 * - 5: the master a report is linked to as a duplicate (`incidents.duplicate_of`, from the
 *   projection's documents), in the briefing's covering index and indexed for a master's
 *   linked reports.
 */
import type Database from 'better-sqlite3';
import { type Alert, type AlertEvent, reduceAlert } from '../../shared/domain/alerts.ts';
import { alertRow } from './alert-rows.ts';
import { type EventRow, rowToEvent } from './sqlite-queries.ts';

export const SCHEMA_VERSION = 5;

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
  doc TEXT NOT NULL,
  -- The master this report is linked to (Incident.duplicateOf); last, as v5 added it.
  duplicate_of TEXT
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
  kelurahan_code, h3, status, first_response_at, resolved_at, ended_at, response_due_at, resolve_due_at,
  duplicate_of);
CREATE INDEX IF NOT EXISTS incidents_lonlat ON incidents (lon, lat);
-- The reports linked to a master, in report order; the few linked rows only.
CREATE INDEX IF NOT EXISTS incidents_linked ON incidents (duplicate_of, reported_at, id)
  WHERE duplicate_of IS NOT NULL;
-- Incidents with a status change logged after one of later field time (a crew syncing
-- late): for them the projection's ended_at need not be what replay finds at a moment.
CREATE TABLE IF NOT EXISTS status_out_of_order (incident_id TEXT PRIMARY KEY);
-- The analyst's alerts as reduceAlert leaves them; cleared_at is set exactly when cleared.
CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  agency TEXT,
  severity TEXT NOT NULL,
  level TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  cleared_at TEXT,
  last_seq INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_raised ON alerts (raised_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS alerts_status ON alerts (status, raised_at DESC);
CREATE INDEX IF NOT EXISTS alerts_kind ON alerts (kind, raised_at DESC);
CREATE INDEX IF NOT EXISTS alerts_agency ON alerts (agency, raised_at DESC);
CREATE INDEX IF NOT EXISTS alerts_cleared ON alerts (cleared_at);
`;

/** Status changes logged after a change of later field time, as in `status_out_of_order`. */
const OUT_OF_ORDER_SQL = `
SELECT DISTINCT incident_id FROM (
  SELECT incident_id, occurred_at, MAX(occurred_at) OVER (PARTITION BY incident_id ORDER BY seq
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM events WHERE type = 'incident.status_changed'
) WHERE occurred_at < before`;

export const UPSERT_ALERT_SQL = `
INSERT INTO alerts (id, kind, status, agency, severity, level, raised_at, cleared_at, last_seq, doc)
VALUES (@id, @kind, @status, @agency, @severity, @level, @raisedAt, @clearedAt, @lastSeq, @doc)
ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status,
  agency = excluded.agency, severity = excluded.severity, level = excluded.level,
  raised_at = excluded.raised_at, cleared_at = excluded.cleared_at,
  last_seq = excluded.last_seq, doc = excluded.doc`;

/** Creates or upgrades the tables of `db` (the file `file`) to SCHEMA_VERSION. */
export function prepareSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `database ${file} has schema ${version}, newer than this Nakhoda (${SCHEMA_VERSION})`,
    );
  }
  db.transaction(() => {
    if (version === 1) migrateV1(db);
    if (version >= 1 && version <= 4) addDuplicateOf(db);
    db.exec(SCHEMA);
    if (version === 1 || version === 2) {
      db.exec(`INSERT OR IGNORE INTO status_out_of_order (incident_id) ${OUT_OF_ORDER_SQL}`);
    }
    if (version >= 1 && version <= 3) projectAlerts(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/** v1 lacked the field-time and SLA columns that replay and briefings query; fill them from the JSON. */
function migrateV1(db: Database.Database): void {
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
}

/**
 * v5 keeps each report's master in a column: filled from the documents, which the reducer
 * wrote from the log (a log from before duplicates were linked leaves it NULL everywhere).
 * The briefing's covering index is dropped here so SCHEMA builds it again with the column.
 */
function addDuplicateOf(db: Database.Database): void {
  // A file whose version was set back by hand may have it already: filled again, harmless.
  const has = db
    .prepare("SELECT 1 FROM pragma_table_info('incidents') WHERE name = 'duplicate_of'")
    .get();
  if (!has) db.exec('ALTER TABLE incidents ADD COLUMN duplicate_of TEXT');
  db.exec(`
    UPDATE incidents SET duplicate_of = json_extract(doc, '$.duplicateOf')
      WHERE json_extract(doc, '$.duplicateOf') IS NOT NULL;
    DROP INDEX IF EXISTS incidents_facts;
  `);
}

/**
 * Builds the alerts table from the log's alert events, as the store would have written it
 * (a log older than v4 may hold none; the projection is still the log's, not assumed empty).
 */
function projectAlerts(db: Database.Database): void {
  const rows = db
    .prepare<[], EventRow>("SELECT * FROM events WHERE type LIKE 'alert.%' ORDER BY seq")
    .all();
  const alerts = new Map<string, Alert>();
  for (const r of rows) {
    const event = rowToEvent(r) as AlertEvent;
    alerts.set(event.incidentId, reduceAlert(alerts.get(event.incidentId), event));
  }
  const upsert = db.prepare(UPSERT_ALERT_SQL);
  for (const alert of alerts.values()) upsert.run(alertRow(alert));
}
