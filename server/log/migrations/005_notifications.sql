-- Up Migration
-- Notifications (server/notify/pg-notify.store.ts): the same tables and columns as the SQLite
-- notify store (server/notify/sqlite-notify.store.ts). A subscription says where alert
-- events go (a webhook with its signing secret, or email addresses) and which (`filter`,
-- JSON); a delivery is one alert event for one subscription, with the exact bytes sent.
-- UNIQUE (subscription_id, seq) makes creating deliveries idempotent: every node hears every
-- alert event, and the second to insert one finds it there. A test notification has no seq.

CREATE TABLE notify_subscriptions (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  channel text COLLATE "C" NOT NULL,
  url text,
  emails text,
  secret text,
  filter text NOT NULL,
  enabled boolean NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);

CREATE TABLE notify_deliveries (
  id text COLLATE "C" PRIMARY KEY,
  subscription_id text COLLATE "C" NOT NULL,
  seq bigint,
  event_type text COLLATE "C" NOT NULL,
  alert_id text COLLATE "C",
  summary text NOT NULL,
  body text NOT NULL,
  status text COLLATE "C" NOT NULL,
  -- Tries in this round (the backoff's count; a replay starts a round) and in all.
  tries integer NOT NULL,
  attempts integer NOT NULL,
  -- When it is due (pending); a sender that claims it pushes this past its try (a lease).
  next_attempt_at text COLLATE "C",
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  delivered_at text COLLATE "C",
  last_status integer,
  last_error text,
  UNIQUE (subscription_id, seq)
);
-- The sender claims what is due; the admin lists by status (dead letters) or subscription.
CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_attempt_at);
CREATE INDEX notify_deliveries_status ON notify_deliveries (status, created_at DESC, id DESC);
CREATE INDEX notify_deliveries_subscription ON notify_deliveries (subscription_id, created_at DESC);

-- Down Migration
DROP TABLE notify_deliveries;
DROP TABLE notify_subscriptions;
