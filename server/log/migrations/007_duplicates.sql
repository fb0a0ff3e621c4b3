-- Up Migration
-- Duplicate reports (shared/domain/duplicates.ts): the master a report is linked to, as
-- SQLite's schema 5 keeps it (server/log/sqlite-schema.ts), written from the projection's
-- `duplicateOf` by every append (pg-append.ts). Filled from the documents, which the reducer
-- wrote from the log: a log from before duplicates were linked leaves it NULL everywhere.
ALTER TABLE incidents ADD COLUMN duplicate_of text COLLATE "C";
UPDATE incidents SET duplicate_of = doc ->> 'duplicateOf' WHERE doc ->> 'duplicateOf' IS NOT NULL;

-- The briefing's covering index gains the column (its facts say whether a row is linked).
DROP INDEX incidents_facts;
CREATE INDEX incidents_facts ON incidents (reported_at, id) INCLUDE (category, agency,
  kelurahan_code, h3, status, first_response_at, resolved_at, ended_at, response_due_at,
  resolve_due_at, duplicate_of);
-- The reports linked to a master, in report order; the few linked rows only.
CREATE INDEX incidents_linked ON incidents (duplicate_of, reported_at, id)
  WHERE duplicate_of IS NOT NULL;

-- Down Migration
DROP INDEX incidents_linked;
DROP INDEX incidents_facts;
CREATE INDEX incidents_facts ON incidents (reported_at, id) INCLUDE (category, agency,
  kelurahan_code, h3, status, first_response_at, resolved_at, ended_at, response_due_at,
  resolve_due_at);
ALTER TABLE incidents DROP COLUMN duplicate_of;
