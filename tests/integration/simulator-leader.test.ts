/**
 * One simulator per log: of the nodes contending for the PostgreSQL advisory lock exactly
 * one runs the work, and when it goes (its connection ends with it) another takes over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Leadership } from '../../server/ingest/simulator-leader.ts';
import { leadWithAdvisoryLock } from '../../server/ingest/simulator-leader.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function until(what: string, check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function contender(schema: string, running: Set<string>, name: string): Leadership {
  return leadWithAdvisoryLock({
    url: db.url,
    schema,
    retryMs: 100,
    log: () => undefined,
    work: {
      start: () => {
        running.add(name);
        return Promise.resolve({
          stop: () => {
            running.delete(name);
            return Promise.resolve();
          },
        });
      },
    },
  });
}

describe('simulator leadership', () => {
  it('runs the work on exactly one of three nodes, and moves it when the leader goes', async () => {
    const schema = db.freshSchema();
    const running = new Set<string>();
    const nodes = new Map(['a', 'b', 'c'].map((n) => [n, contender(schema, running, n)]));
    try {
      await until('a leader', () => running.size === 1);
      // Several retry rounds later there is still exactly one.
      await new Promise((r) => setTimeout(r, 500));
      expect(running.size).toBe(1);
      const [first] = [...running];
      expect(nodes.get(first!)!.leading()).toBe(true);
      await nodes.get(first!)!.stop();
      nodes.delete(first!);
      await until('a new leader', () => running.size === 1 && !running.has(first!));
      await new Promise((r) => setTimeout(r, 500));
      expect(running.size).toBe(1);
    } finally {
      for (const n of nodes.values()) await n.stop();
    }
    expect(running.size).toBe(0);
  });

  it('keeps one leader per schema: two logs in one database each get theirs', async () => {
    const running = new Set<string>();
    const one = contender(db.freshSchema(), running, 'one');
    const two = contender(db.freshSchema(), running, 'two');
    try {
      await until('both leading', () => running.size === 2);
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});
