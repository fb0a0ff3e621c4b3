-- Up Migration
-- Open311 connectors (server/open311/pg-connector.store.ts): the same table and columns as
-- the SQLite connector store (server/open311/sqlite-connector.store.ts). `state` is the
-- puller's JSON (cursor, round, health, counts), written by the one node that pulls.

CREATE TABLE connectors (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL UNIQUE,
  endpoint text NOT NULL,
  jurisdiction_id text,
  api_key text,
  service_map text NOT NULL,
  default_category text COLLATE "C",
  enabled boolean NOT NULL,
  poll_seconds integer NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  state text NOT NULL
);

-- Down Migration
DROP TABLE connectors;
