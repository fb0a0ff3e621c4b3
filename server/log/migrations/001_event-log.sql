-- Up Migration
-- The PostgreSQL event log (server/log/pg.store.ts): the same tables as SQLite's schema 3.
-- Times are ISO-8601 UTC text and ids text, both in the "C" collation, so every comparison,
-- keyset page and tie order is bytewise, as in SQLite: both stores page and sort alike.

-- The log head: one row, the last seq handed out. Appenders lock it first and hold it to
-- commit, which makes seq order commit order (see the comment at the top of pg.store.ts).
CREATE TABLE log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL
);
INSERT INTO log_head (id, seq) VALUES (true, 0);

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  type text COLLATE "C" NOT NULL,
  incident_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  -- When it happened in the field (reportedAt, occurredAt): replay plays the city in this time.
  occurred_at text COLLATE "C" NOT NULL,
  -- json, not jsonb: kept as written (key order, any string a citizen sent).
  data json NOT NULL
);
CREATE INDEX events_incident ON events (incident_id, seq);
CREATE INDEX events_occurred ON events (occurred_at, seq);

CREATE TABLE incidents (
  id text COLLATE "C" PRIMARY KEY,
  source text COLLATE "C" NOT NULL,
  external_id text COLLATE "C",
  category text COLLATE "C" NOT NULL,
  agency text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  severity text COLLATE "C" NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  kelurahan_code text COLLATE "C",
  reported_at text COLLATE "C" NOT NULL,
  first_response_at text COLLATE "C",
  resolved_at text COLLATE "C",
  ended_at text COLLATE "C",
  response_due_at text COLLATE "C" NOT NULL,
  resolve_due_at text COLLATE "C" NOT NULL,
  h3 text COLLATE "C" NOT NULL,
  search text COLLATE "C" NOT NULL,
  last_seq bigint NOT NULL,
  doc json NOT NULL
);
CREATE UNIQUE INDEX incidents_source_external
  ON incidents (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX incidents_reported ON incidents (reported_at DESC, id DESC);
CREATE INDEX incidents_status ON incidents (status, reported_at);
CREATE INDEX incidents_agency ON incidents (agency, reported_at);
CREATE INDEX incidents_category ON incidents (category, reported_at);
CREATE INDEX incidents_ended ON incidents (ended_at);
CREATE INDEX incidents_resolved ON incidents (resolved_at);
-- Covers every column a briefing reads, so a period's facts can come from the index alone.
CREATE INDEX incidents_facts ON incidents (reported_at, id) INCLUDE (category, agency,
  kelurahan_code, h3, status, first_response_at, resolved_at, ended_at, response_due_at,
  resolve_due_at);
CREATE INDEX incidents_lonlat ON incidents (lon, lat);

-- Incidents with a status change logged after one of later field time (a crew syncing
-- late): for them the projection's ended_at need not be what replay finds at a moment.
CREATE TABLE status_out_of_order (incident_id text COLLATE "C" PRIMARY KEY);

-- Down Migration
DROP TABLE status_out_of_order;
DROP TABLE incidents;
DROP TABLE events;
DROP TABLE log_head;
