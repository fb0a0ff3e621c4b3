-- Up Migration
-- The analyst's alerts (server/log/pg.store.ts, pg-append.ts): the same table as SQLite's
-- schema 4 (server/log/sqlite-schema.ts), the projection of the log's alert events by
-- reduceAlert, written in the append's transaction. Alert events live in `events` like
-- every other fact (incident_id holds the alert's id, `alert-…`). No log migrated before
-- this file can hold an alert event, so the table starts empty.

CREATE TABLE alerts (
  id text COLLATE "C" PRIMARY KEY,
  kind text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  agency text COLLATE "C",
  severity text COLLATE "C" NOT NULL,
  level text COLLATE "C" NOT NULL,
  raised_at text COLLATE "C" NOT NULL,
  -- Set exactly while the alert is cleared: the live window reads active ones by its NULLs.
  cleared_at text COLLATE "C",
  last_seq bigint NOT NULL,
  doc json NOT NULL
);
-- The queue lists newest first, by status, kind or agency.
CREATE INDEX alerts_raised ON alerts (raised_at DESC, id DESC);
CREATE INDEX alerts_status ON alerts (status, raised_at DESC);
CREATE INDEX alerts_kind ON alerts (kind, raised_at DESC);
CREATE INDEX alerts_agency ON alerts (agency, raised_at DESC);
CREATE INDEX alerts_cleared ON alerts (cleared_at);

-- Down Migration
DROP TABLE alerts;
