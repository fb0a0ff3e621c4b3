-- Up Migration
-- Scheduled briefings (server/notify/schedule-store.ts): the same tables and columns as
-- SQLite's (SQLITE_SCHEDULE_SCHEMA there). A schedule says which briefing (the last week or
-- month, city-wide or one agency's) goes where (a webhook with its signing secret, or email
-- addresses) and when (HH:MM WIB, a weekday for weekly). A send is one period of one
-- schedule: UNIQUE (schedule_id, slot) keeps two nodes, or a node after a crash, from adding
-- a second send of one period; a sender claims it by pushing next_attempt_at past its try.

CREATE TABLE briefing_schedules (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  agency text COLLATE "C",
  period text COLLATE "C" NOT NULL,
  send_time text COLLATE "C" NOT NULL,
  send_weekday integer,
  locale text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL,
  url text,
  emails text,
  secret text,
  enabled boolean NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE briefing_sends (
  id text COLLATE "C" PRIMARY KEY,
  schedule_id text COLLATE "C" NOT NULL,
  slot text COLLATE "C" NOT NULL,
  period_from text COLLATE "C" NOT NULL,
  period_to text COLLATE "C" NOT NULL,
  manual boolean NOT NULL,
  status text COLLATE "C" NOT NULL,
  tries integer NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at text COLLATE "C",
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  delivered_at text COLLATE "C",
  size_bytes bigint,
  last_error text,
  UNIQUE (schedule_id, slot)
);
CREATE INDEX briefing_sends_due ON briefing_sends (status, next_attempt_at);
CREATE INDEX briefing_sends_schedule ON briefing_sends (schedule_id, created_at DESC);

-- Down Migration
DROP TABLE briefing_sends;
DROP TABLE briefing_schedules;
