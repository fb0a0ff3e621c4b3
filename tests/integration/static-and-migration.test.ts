/**
 * Regressions: the client is served from a relative STATIC_DIR (it once failed with a
 * 500 from sendFile), and a version-1 database is migrated on open, not refused.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { startServer, tempDbFile } from '../support/harness.ts';

const STATIC = 'test-output/static-fixture';
const temp = tempDbFile();
afterAll(() => {
  rmSync(STATIC, { recursive: true, force: true });
  temp.cleanup();
});

describe('static client', () => {
  it('serves index.html for every client route from a relative STATIC_DIR, with the CSP', async () => {
    mkdirSync(STATIC, { recursive: true });
    writeFileSync(`${STATIC}/index.html`, '<!doctype html><title>Nakhoda test</title>');
    const server = await startServer({ env: { STATIC_DIR: STATIC } });
    try {
      for (const path of ['/', '/wall', '/ops', '/briefing', '/login', '/admin']) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(await res.text()).toContain('Nakhoda test');
        expect(res.headers.get('content-security-policy')).toContain("worker-src 'self'");
      }
    } finally {
      await server.dispose();
    }
  });
});

describe('schema migration', () => {
  it('opens a version-1 database and fills the new columns from the stored JSON', async () => {
    const db = new Database(temp.file);
    db.exec(`
      CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, incident_id TEXT NOT NULL, at TEXT NOT NULL,
        actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE incidents (id TEXT PRIMARY KEY, source TEXT NOT NULL, external_id TEXT, category TEXT NOT NULL,
        agency TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL,
        kelurahan_code TEXT, reported_at TEXT NOT NULL, ended_at TEXT, search TEXT NOT NULL, last_seq INTEGER NOT NULL,
        doc TEXT NOT NULL);
      PRAGMA user_version = 1;`);
    const incident = {
      id: 'a',
      source: 'jaki',
      externalId: null,
      category: 'garbage',
      severity: 'low',
      description: '',
      reporter: null,
      location: { lon: 106.8, lat: -6.2 },
      address: null,
      kelurahanCode: null,
      h3: '88xx',
      reportedAt: '2026-11-01T00:00:00.000Z',
      status: 'received',
      agency: 'dlh',
      responseDueAt: '2026-11-02T00:00:00.000Z',
      resolveDueAt: '2026-11-08T00:00:00.000Z',
      firstResponseAt: null,
      resolvedAt: null,
      endedAt: null,
      notes: 0,
      updatedAt: '2026-11-01T00:00:01.000Z',
      lastSeq: 1,
    };
    db.prepare('INSERT INTO events VALUES (1, ?, ?, ?, ?, ?, ?)').run(
      'incident.reported',
      'a',
      '2026-11-01T00:00:01.000Z',
      'source',
      'jaki',
      JSON.stringify({ incident }),
    );
    db.prepare(
      `INSERT INTO incidents VALUES ('a','jaki',NULL,'garbage','dlh','received','low',106.8,-6.2,NULL,?,NULL,'',1,?)`,
    ).run(incident.reportedAt, JSON.stringify(incident));
    db.close();

    const store = openSqliteStore(temp.file);
    try {
      expect(await store.latestSeq()).toBe(1);
      const facts = await store.briefingFacts('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z');
      expect(facts).toEqual([
        expect.objectContaining({
          id: 'a',
          h3: '88xx',
          resolveDueAt: Date.parse(incident.resolveDueAt),
        }),
      ]);
      const replayed = [];
      for await (const e of store.iterateByOccurrence(null, '2026-11-01T00:00:00.000Z'))
        replayed.push(e.seq);
      expect(replayed).toEqual([1]);
    } finally {
      await store.close();
    }
  });
});
