/**
 * Photos in PostgreSQL (table `media`, migration 008) for clusters: every node serves
 * what any node took in. Opened after the PostgreSQL Store, which migrates.
 */
import pg from 'pg';
import { PHOTO_ID, MEDIA_VARIANTS, type MediaStore } from './media-store.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export async function openPgMediaStore(opts: {
  url: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
}): Promise<MediaStore> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 2,
    application_name: 'nakhoda-media',
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // An idle connection that dies (a server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1 FROM media LIMIT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL media table unreadable in schema ${schema} (open the PostgreSQL Store first: it migrates): ${String(error)}`,
      { cause: error },
    );
  }
  return {
    kind: 'postgres',
    async put(id, copies) {
      if (!PHOTO_ID.test(id)) throw new Error(`not a photo id: ${id}`);
      await pool.query(
        `INSERT INTO media (id, variant, bytes) SELECT $1, v, b FROM unnest($2::text[], $3::bytea[]) AS t(v, b)
         ON CONFLICT (id, variant) DO NOTHING`,
        [id, [...MEDIA_VARIANTS], MEDIA_VARIANTS.map((v) => copies[v])],
      );
    },
    async get(id, variant) {
      if (!PHOTO_ID.test(id)) return null;
      const { rows } = await pool.query<{ bytes: Buffer }>(
        'SELECT bytes FROM media WHERE id = $1 AND variant = $2',
        [id, variant],
      );
      return rows[0]?.bytes ?? null;
    },
    close: () => pool.end(),
  };
}
