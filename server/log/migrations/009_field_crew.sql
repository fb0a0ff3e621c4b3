-- Up Migration
-- Field crews (issue 14): an agency user an admin marks as working in the field, whose
-- changes may be dated further back (FIELD_BACKDATE_HOURS) since a phone without signal
-- sends a shift's work late. The SQLite auth schema adds the same column
-- (server/auth/sqlite-auth.store.ts), so npm run migrate:sqlite-to-pg copies it.
ALTER TABLE users ADD COLUMN field_crew boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE users DROP COLUMN field_crew;
