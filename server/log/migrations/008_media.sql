-- Up Migration
-- Photos' served copies (server/media/pg-media.store.ts): re-encoded JPEGs without EXIF,
-- by photo id (the SHA-256 of the uploaded bytes) and variant (full, thumb). The photo's
-- facts are in its `incident.photo_added` event; SQLite deployments keep these files on
-- the filesystem (MEDIA_DIR).
CREATE TABLE media (
  id text COLLATE "C" NOT NULL,
  variant text COLLATE "C" NOT NULL CHECK (variant IN ('full', 'thumb')),
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, variant)
);

-- Down Migration
DROP TABLE media;
