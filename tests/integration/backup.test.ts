/**
 * Backups and restores. SQLite (npm run backup / restore): a backup taken while appends go
 * on is a sound database holding every event committed before it began, and, restored and
 * opened by the store, answers as the source did at the seq it holds; a restore refuses a
 * database still open and a damaged backup. The photos of the filesystem media store
 * (MEDIA_DIR) go beside the backup and come back with a restore, so a restored node serves
 * them; a backup whose log names a photo the media store lacks fails, naming it.
 * PostgreSQL: pg_dump -Fc, then pg_restore into a fresh database, gives a store with the
 * same log that appends on from the same seq (its photos live in that database).
 */
import { execFile } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync } from 'node:fs';
import { readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth.store.ts';
import { openPgStore } from '../../server/log/pg.store.ts';
import { backupSqlite, DatabaseInUseError, restoreSqlite } from '../../server/log/sqlite-backup.ts';
import { storedPhotoPath } from '../../server/media/fs-media.store.ts';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import type { Store } from '../../server/log/store.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { appendAll, cityHistory, hour, makeHistory, wholeLog } from '../support/store-history.ts';
import { runScript } from '../support/run-script.ts';
import { ADMIN_TOKEN, api, report, startServer } from '../support/harness.ts';
import { clientId, north, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';

const run = promisify(execFile);
const byId = (list: Incident[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

const dirs: string[] = [];
const databases: TestDatabase[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-backup-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  for (const db of databases) await db.drop();
});

/** What a store answers, to compare a restored copy with the source at one seq. */
async function picture(store: Store) {
  const live = await store.loadLive(hour(0));
  return {
    seq: live.seq,
    live: byId(live.incidents),
    newest: await store.queryIncidents({ limit: 5000 }),
  };
}

/** A city with a user and a log, in a new SQLite file. */
async function sqliteCity(dir: string) {
  const file = join(dir, 'nakhoda.db');
  const store = openSqliteStore(file);
  await appendAll(store, cityHistory());
  const auth = openSqliteAuthStore(file);
  await auth.createUser(
    { username: 'admin', name: 'Admin', passwordHash: 'h', role: 'admin', agency: null },
    new Date(hour(0)),
  );
  await auth.close();
  return { file, store };
}

describe('npm run backup (SQLite, online)', () => {
  it('a backup taken while appends go on holds every event committed before it began, and restored answers as the source did then', async () => {
    const dir = tempDir();
    const { file, store } = await sqliteCity(dir);
    try {
      const pictures = new Map<number, Awaited<ReturnType<typeof picture>>>();
      pictures.set(await store.latestSeq(), await picture(store));
      const more = makeHistory('more-');
      let done = false;
      let n = 0;
      // The writer yields a turn of the event loop after each command, as a server does, and
      // appends at least once more after the backup returned, however long the backup took.
      const writer = (async () => {
        for (;;) {
          const last = done && n >= 40;
          await store.append(more.report(`r${n}`, 100 + n, { externalId: `m-${n}` }));
          if (n % 3 === 0)
            await store.append(more.update(`r${n}`, 101 + n, { status: 'verified' }));
          n += 1;
          pictures.set(await store.latestSeq(), await picture(store));
          if (last) break;
          await nextTurn();
        }
      })();
      while (n < 10) await nextTurn();
      const backup = await backupSqlite({ db: file, outDir: join(dir, 'backups') });
      done = true;
      await writer;

      expect(backup.path).toMatch(/[/\\]nakhoda-\d{8}T\d{6}Z\.db$/);
      expect(readdirSync(join(dir, 'backups'))).toEqual([backup.path.split(/[/\\]/).pop()]);
      expect(backup.atStart.lastSeq).toBeGreaterThan(pictures.keys().next().value!);
      expect(backup.copied.lastSeq).toBeGreaterThanOrEqual(backup.atStart.lastSeq);
      expect(backup.copied.events).toBe(backup.copied.lastSeq);
      expect(await store.latestSeq()).toBeGreaterThan(backup.copied.lastSeq);

      const restoredFile = join(dir, 'restored.db');
      expect(restoreSqlite({ from: backup.path, db: restoredFile }).replaced).toBeNull();
      const restored = openSqliteStore(restoredFile);
      try {
        // The copy is the source at one commit: one of the pictures the writer saw.
        const seen = pictures.get(backup.copied.lastSeq);
        expect(seen).toBeDefined();
        expect(await picture(restored)).toEqual(seen);
        expect(await wholeLog(restored)).toEqual(
          (await wholeLog(store)).slice(0, backup.copied.lastSeq),
        );
      } finally {
        await restored.close();
      }
      const auth = openSqliteAuthStore(restoredFile);
      expect((await auth.findLogin('admin'))?.username).toBe('admin');
      await auth.close();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('restore refuses a database that a store has open, and replaces it once closed', async () => {
    const dir = tempDir();
    const { file, store } = await sqliteCity(dir);
    let closed = false;
    try {
      const backup = await backupSqlite({ db: file, outDir: join(dir, 'b') });
      await store.append(makeHistory('later-').report('x', 1));
      const before = await store.latestSeq();
      expect(before).toBe(backup.copied.lastSeq + 1);

      expect(() => restoreSqlite({ from: backup.path, db: file })).toThrow(DatabaseInUseError);
      expect(await store.latestSeq()).toBe(before);

      await store.close();
      closed = true;
      const done = restoreSqlite({ from: backup.path, db: file });
      expect(done.restored.lastSeq).toBe(backup.copied.lastSeq);
      expect(done.replaced && existsSync(done.replaced)).toBe(true);
      const reopened = openSqliteStore(file);
      expect(await reopened.latestSeq()).toBe(backup.copied.lastSeq);
      await reopened.close();
      const replaced = openSqliteStore(done.replaced!);
      expect(await replaced.latestSeq()).toBe(before);
      await replaced.close();
    } finally {
      if (!closed) await store.close();
    }
  }, 60_000);

  it('restore refuses a damaged backup and leaves the database alone', async () => {
    const dir = tempDir();
    const { file, store } = await sqliteCity(dir);
    const backup = await backupSqlite({ db: file, outDir: join(dir, 'b') });
    const seq = await store.latestSeq();
    await store.close();
    const damaged = join(dir, 'damaged.db');
    copyFileSync(backup.path, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 2);
    closeSync(fd);
    expect(() => restoreSqlite({ from: damaged, db: file })).toThrow(/fails integrity_check/);
    writeFileSync(join(dir, 'empty.db'), '');
    expect(() => restoreSqlite({ from: join(dir, 'empty.db'), db: file })).toThrow(/event log/);
    const reopened = openSqliteStore(file);
    expect(await reopened.latestSeq()).toBe(seq);
    await reopened.close();
  }, 60_000);

  it('runs as commands: backup prints the verified file, restore refuses while the node runs', async () => {
    const dir = tempDir();
    const { file, store } = await sqliteCity(dir);
    try {
      const backup = await runScript('scripts/backup.ts', ['--db', file, '--out', join(dir, 'b')]);
      expect(backup.code).toBe(0);
      const path = backup.stdout.trim().split('\n').pop()!;
      expect(path).toMatch(/nakhoda-\d{8}T\d{6}Z\.db$/);
      expect(existsSync(path)).toBe(true);
      const refused = await runScript('scripts/restore.ts', ['--from', path, '--db', file]);
      expect(refused.stderr).toMatch(/stop the node/);
      expect(refused.code).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('photos in SQLite backups (MEDIA_DIR)', () => {
  /** A city run by a real server, its photos in `media` beside the database (the default). */
  async function cityWithPhotos(dir: string, n = 2) {
    const file = join(dir, 'nakhoda.db');
    const server = await startServer({ dbFile: file });
    const photoIds: string[] = [];
    try {
      const res = await api(server.url, 'POST', '/api/v1/incidents', report());
      expect(res.status).toBe(201);
      const id = res.body.incident.id as string;
      for (let i = 0; i < n; i++) {
        const photo = await jpegWithExif({ at: north(5 + i), width: 64 + i });
        const up = await uploadPhoto(server.url, id, photo, {
          kind: 'before',
          clientId: clientId(),
        });
        expect(up.status, JSON.stringify(up.body)).toBe(201);
        photoIds.push(up.body.photo.photoId as string);
      }
    } finally {
      await server.dispose();
    }
    return { file, media: join(dir, 'media'), photoIds };
  }

  const filesOf = (media: string, id: string) =>
    (['full', 'thumb'] as const).map((v) => readFileSync(storedPhotoPath(media, id, v)));

  it('backup copies the photos beside the database backup; restore brings them back, and the restored node serves them', async () => {
    const dir = tempDir();
    const city = await cityWithPhotos(dir);
    const backup = await runScript('scripts/backup.ts', [
      '--db',
      city.file,
      '--out',
      join(dir, 'b'),
    ]);
    expect(backup.code, backup.stderr).toBe(0);
    const path = backup.stdout.trim().split('\n').pop()!;
    expect(backup.stdout).toContain('backup: 2 photos (4 files)');
    const photos = path.replace(/\.db$/, '.media');
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(
      [path, photos].map((p) => p.split(/[/\\]/).pop()).sort(),
    );
    for (const id of city.photoIds) {
      expect(filesOf(photos, id)).toEqual(filesOf(city.media, id));
    }

    // Another machine: a new place for the database, its media store empty.
    const elsewhere = join(dir, 'elsewhere');
    const db = join(elsewhere, 'nakhoda.db');
    const restored = await runScript('scripts/restore.ts', ['--from', path, '--db', db]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('2 photos in the backup, 4 files added');
    for (const id of city.photoIds) {
      expect(filesOf(join(elsewhere, 'media'), id)).toEqual(filesOf(city.media, id));
    }
    const server = await startServer({ dbFile: db });
    try {
      for (const id of city.photoIds) {
        const served = await fetch(`${server.url}/api/v1/media/${id}.jpg`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        expect(served.status).toBe(200);
        expect(Buffer.from(await served.arrayBuffer())).toEqual(filesOf(city.media, id)[0]);
      }
    } finally {
      await server.dispose();
    }

    // Restored again over a media store that has them: nothing is added or overwritten.
    const again = await runScript('scripts/restore.ts', ['--from', path, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('2 photos in the backup, 0 files added');
  }, 60_000);

  it('backup fails, naming the photo, when the log names one the media store lacks', async () => {
    const dir = tempDir();
    const city = await cityWithPhotos(dir, 1);
    const empty = join(dir, 'not-the-media');
    const backup = await runScript('scripts/backup.ts', [
      '--db',
      city.file,
      '--out',
      join(dir, 'b'),
      '--media',
      empty,
    ]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain(`the log names 1 photos that ${empty} does not hold`);
    expect(backup.stderr).toContain(city.photoIds[0]);
    // The database backup itself is sound and kept: the operator fixes the media path.
    const path = backup.stdout.trim().split('\n').pop()!;
    expect(existsSync(path)).toBe(true);
  }, 60_000);

  it('a backup without a photos folder restores the database and leaves the media store alone', async () => {
    const dir = tempDir();
    const { file, store } = await sqliteCity(dir);
    const backup = await backupSqlite({ db: file, outDir: join(dir, 'b') });
    await store.close();
    const db = join(dir, 'restored', 'nakhoda.db');
    const restored = await runScript('scripts/restore.ts', ['--from', backup.path, '--db', db]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('no photos beside the backup');
    expect(existsSync(join(dir, 'restored', 'media'))).toBe(false);
  }, 60_000);
});

describe('PostgreSQL backups (pg_dump -Fc / pg_restore)', () => {
  it('a dump restored into a fresh database gives a store with the same log, appending on', async () => {
    const source = await createTestDatabase();
    databases.push(source);
    const schema = source.freshSchema();
    const store = await openPgStore({ url: source.url, schema, poolSize: 2 });
    const history = cityHistory();
    let before: { log: unknown; picture: unknown };
    try {
      await appendAll(store, history);
      before = { log: await wholeLog(store), picture: await picture(store) };
    } finally {
      await store.close();
    }
    const dump = join(tempDir(), 'nakhoda.dump');
    await run('pg_dump', ['-Fc', '-f', dump, `--dbname=${source.url}`]);

    const target = await createTestDatabase();
    databases.push(target);
    await run('pg_restore', ['--no-owner', `--dbname=${target.url}`, dump]);
    const restored = await openPgStore({ url: target.url, schema, poolSize: 2 });
    try {
      expect(await wholeLog(restored)).toEqual(before.log);
      expect(await picture(restored)).toEqual(before.picture);
      const next = await restored.append(makeHistory('after-').report('x', 1));
      expect(next.status === 'appended' && next.events[0]!.seq).toBe(history.events.length + 1);
    } finally {
      await restored.close();
    }
  }, 60_000);
});
