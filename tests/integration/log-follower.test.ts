/**
 * Two nodes on one PostgreSQL log, each with its own incident service and live projection:
 * every event reaches both projections once, in seq order, whoever wrote it — woken by
 * NOTIFY, or by the poll when wake-ups are off — and an update is decided on the log as
 * it is now, another node's change of a moment ago included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { SYSTEM_PRINCIPAL } from '../../shared/domain/access.ts';
import type { DomainEvent } from '../../shared/domain/types.ts';
import type { IncidentService } from '../../server/ingest/incident-service.ts';
import { createIncidentService } from '../../server/ingest/incident-service.ts';
import { openPgStore } from '../../server/log/pg.store.ts';
import type { Store } from '../../server/log/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

interface Node {
  store: Store;
  service: IncidentService;
  /** Every seq the node's projection applied, in the order it applied them. */
  applied: number[];
  close(): Promise<void>;
}

async function node(schema: string, opts: { wakeUps: boolean; pollMs: number }): Promise<Node> {
  const opened = await openPgStore({ url: db.url, schema, poolSize: 4 });
  // Without wake-ups the node only learns of other writers by polling (or before an update).
  const store: Store = opts.wakeUps ? opened : { ...opened, watchHead: undefined };
  const service = await createIncidentService({
    store,
    pack: JAKARTA,
    clock: () => new Date(),
    windowHours: 24,
    pollMs: opts.pollMs,
  });
  const applied: number[] = [];
  service.onAppended((events: DomainEvent[]) => applied.push(...events.map((e) => e.seq)));
  return {
    store,
    service,
    applied,
    async close() {
      await service.idle();
      await service.stop();
      await opened.close();
    },
  };
}

const report = (n: number, tag: string) => ({
  source: 'jaki',
  externalId: `${tag}-${n}`,
  category: 'flooding',
  description: `banjir ${tag} ${n}`,
  location: { lon: 106.8 + (n % 50) / 1000, lat: -6.2 + (n % 30) / 1000 },
});

async function until(what: string, check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('nodes following one PostgreSQL log', () => {
  it('applies every write of either node on both, once each and in seq order, woken by NOTIFY', async () => {
    const schema = db.freshSchema();
    // A poll of a minute: only the wake-up can bring the other node's writes in time.
    const a = await node(schema, { wakeUps: true, pollMs: 60_000 });
    const b = await node(schema, { wakeUps: true, pollMs: 60_000 });
    try {
      const posts = [];
      for (let i = 0; i < 150; i++) {
        posts.push(a.service.report(report(i, 'a'), SYSTEM_PRINCIPAL));
        posts.push(b.service.report(report(i, 'b'), SYSTEM_PRINCIPAL));
      }
      const results = await Promise.all(posts);
      expect(results.every((r) => r.ok && r.data.created)).toBe(true);
      const head = await a.store.latestSeq();
      expect(head).toBe(300);
      await until('both projections at the head', () =>
        [a, b].every((n) => n.service.projection.seq === head),
      );
      expect(a.applied).toEqual(oneToN(head));
      expect(b.applied).toEqual(oneToN(head));
      expect(a.service.projection.incidents.size).toBe(300);
      expect(b.service.projection.incidents.size).toBe(300);
      expect(b.service.following()).toMatchObject({ applied: head, storeReachable: true });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('catches up by polling when no wake-up comes', async () => {
    const schema = db.freshSchema();
    const writer = await node(schema, { wakeUps: true, pollMs: 60_000 });
    const reader = await node(schema, { wakeUps: false, pollMs: 100 });
    try {
      for (let i = 0; i < 20; i++) await writer.service.report(report(i, 'w'), SYSTEM_PRINCIPAL);
      await until('the reader at the head', () => reader.service.projection.seq === 20);
      expect(reader.applied).toEqual(oneToN(20));
      expect(reader.service.following().wakeUps).toBe(false);
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("decides an update on another node's change of a moment ago, not on its stale projection", async () => {
    const schema = db.freshSchema();
    const a = await node(schema, { wakeUps: false, pollMs: 60_000 });
    const b = await node(schema, { wakeUps: false, pollMs: 60_000 });
    try {
      const created = await a.service.report(report(1, 'u'), SYSTEM_PRINCIPAL);
      if (!created.ok) throw new Error(created.error.message);
      const id = created.data.incident.id;
      const rejected = await a.service.update(id, { status: 'rejected' }, SYSTEM_PRINCIPAL);
      expect(rejected.ok).toBe(true);
      // B has heard nothing (no wake-ups, a minute's poll): a rejected report cannot be verified.
      const verify = await b.service.update(id, { status: 'verified' }, SYSTEM_PRINCIPAL);
      expect(verify.ok).toBe(false);
      if (!verify.ok) expect(verify.error.status).toBe(409);
      expect((await b.store.getIncident(id))?.status).toBe('rejected');
      expect(b.applied).toEqual([1, 2]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
