-- Up Migration
-- Users, login sessions, tokens and wall pairing codes (server/auth/pg-auth.store.ts): the
-- same tables and columns as the SQLite auth schema (server/auth/sqlite-auth.store.ts), so
-- npm run migrate:sqlite-to-pg copies them column for column. Ids and ISO-8601 UTC times
-- are text in the "C" collation (bytewise, as in SQLite); only secrets' hashes are kept.

CREATE TABLE users (
  id text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text COLLATE "C" NOT NULL,
  agency text COLLATE "C",
  disabled boolean NOT NULL DEFAULT false,
  created_at text COLLATE "C" NOT NULL
);

CREATE TABLE sessions (
  id_hash text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users (id),
  created_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL
);
-- Ending a user's sessions (password reset, rights change, disabling) finds them by user.
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE tokens (
  id text COLLATE "C" PRIMARY KEY,
  hash text COLLATE "C" NOT NULL UNIQUE,
  kind text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL,
  label text NOT NULL,
  agency text COLLATE "C",
  source text COLLATE "C",
  created_at text COLLATE "C" NOT NULL,
  created_by text NOT NULL,
  expires_at text COLLATE "C",
  revoked_at text COLLATE "C"
);

CREATE TABLE pairing_codes (
  code_hash text COLLATE "C" PRIMARY KEY,
  token_id text COLLATE "C" NOT NULL REFERENCES tokens (id),
  created_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL
);
-- Issuing a code replaces the token's earlier ones and sweeps out the expired.
CREATE INDEX pairing_codes_token ON pairing_codes (token_id);
CREATE INDEX pairing_codes_expires ON pairing_codes (expires_at);

-- Down Migration
DROP TABLE pairing_codes;
DROP TABLE tokens;
DROP TABLE sessions;
DROP TABLE users;
