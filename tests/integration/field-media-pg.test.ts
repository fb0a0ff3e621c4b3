/**
 * Photos on a cluster's PostgreSQL (migration 008, pg-media.store.ts): a node takes a photo
 * in, the copies land in the `media` table, and another node of the same log serves them.
 */
import exifr from 'exifr';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { clientId, north, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';

let database: TestDatabase;
let schema: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  schema = database.freshSchema();
  for (let i = 0; i < 2; i++) {
    servers.push(
      await startServer({ env: { DATABASE_URL: database.url, DATABASE_SCHEMA: schema } }),
    );
  }
});
afterAll(async () => {
  for (const s of servers) await s.dispose();
  await database?.drop();
});

describe('the PostgreSQL media store', () => {
  it('keeps the copies in the log database, served by every node without EXIF', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const flood = await api(a.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }));
    expect(flood.status).toBe(201);
    const id = flood.body.incident.id as string;
    const photo = await jpegWithExif({ takenAt: new Date(), at: north(10) });
    const up = await uploadPhoto(a.url, id, photo, { kind: 'before', clientId: clientId() });
    expect(up.status).toBe(201);
    const photoId = up.body.photo.photoId as string;

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ variant: string; bytes: Buffer }>(
        `SELECT variant, bytes FROM "${schema}".media WHERE id = $1 ORDER BY variant`,
        [photoId],
      );
      expect(rows.map((r) => r.variant)).toEqual(['full', 'thumb']);
      for (const r of rows) expect(await exifr.parse(r.bytes)).toBeUndefined();
    } finally {
      await client.end();
    }

    const served = await fetch(`${b.url}/api/v1/media/${photoId}.jpg`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals(photo)).toBe(false);
    expect(await exifr.gps(bytes)).toBeUndefined();
  });
});
