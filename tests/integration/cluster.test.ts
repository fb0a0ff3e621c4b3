/**
 * Two real nodes on one PostgreSQL and one Redis, behind a real nginx running
 * deploy/nginx/nakhoda.conf: every screen sees every node's writes in seq order exactly
 * once and ends equal to the database; a SIGKILLed node's screens move to the other
 * through nginx and resume; a revocation on one node cuts sockets on the other; the
 * simulator runs on one node and moves when that node dies. Waits are on conditions
 * with generous deadlines, never on time.
 */
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/types.ts';
import { startCluster, within, type Cluster, type ClusterOptions } from '../support/cluster.ts';
import { postReports, statusesIn } from '../support/cluster-load.ts';
import {
  api,
  connectClient,
  disconnected,
  handshake,
  nextEvent,
  report,
  waitFor,
} from '../support/harness.ts';
import { createTestDatabase } from '../support/pg-database.ts';
import {
  logEvents,
  recordStream,
  storedIncidents,
  type StreamRecorder,
} from '../support/stream-recorder.ts';

const LONG = { timeout: 90_000 };

/** A cluster on a fresh database of its own, stopped and dropped whatever happens. */
async function withCluster(
  opts: Omit<ClusterOptions, 'databaseUrl'>,
  test: (cluster: Cluster) => Promise<void>,
): Promise<void> {
  const db = await createTestDatabase();
  let cluster: Cluster | null = null;
  try {
    cluster = await startCluster({ ...opts, databaseUrl: db.url });
    await test(cluster);
  } catch (error) {
    // A node's own words say why it refused or failed; they go with the failure.
    const logs = cluster?.nodes.map((n) => `--- node ${n.index}:\n${n.output().slice(-4000)}`);
    throw new Error(`${(error as Error).message}\n${logs?.join('\n') ?? ''}`, { cause: error });
  } finally {
    await cluster?.close();
    await db.drop();
  }
}

const seqRange = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Waits until every recorder has reached the log's head, then checks each against the database. */
async function expectAllEqualToDatabase(base: string, recorders: StreamRecorder[]) {
  const head = (await logEvents(base)).at(-1)?.seq ?? 0;
  await waitFor(() => recorders.every((r) => r.seq() === head), LONG);
  const stored = await storedIncidents(base);
  for (const r of recorders) {
    expect(r.problems).toEqual([]);
    expect(new Map(r.incidents())).toEqual(stored);
  }
  return head;
}

function expectGapFree(events: { seq: number }[]) {
  expect(events.map((e) => e.seq)).toEqual(seqRange(1, events.length));
}

const snapshotTaken = (r: StreamRecorder) => r.firstSnapshotSeq !== null;

describe('two nodes behind nginx', () => {
  it('screens on either node get every report posted to either, in seq order, once each, equal to the database', async () => {
    await withCluster({ nodes: 2 }, async (cluster) => {
      const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
      const recorders = [
        recordStream(a.url),
        recordStream(a.url),
        recordStream(b.url),
        recordStream(b.url),
        recordStream(cluster.url),
        recordStream(cluster.url, { transport: 'polling-first' }),
      ];
      try {
        await waitFor(() => recorders.every(snapshotTaken), LONG);
        // The polling client's sid reached a node through nginx, and its upgrade the same node.
        const polled = recorders[5]!;
        await cluster.servedBy(`sid=${polled.socket.io.engine.id}`);
        await waitFor(() => polled.socket.io.engine.transport.name === 'websocket', LONG);

        // Bursts straight to each node and through nginx at once, plus a bulk of 500 long
        // reports through nginx (over nginx's default 1 MB body limit).
        const loads = [a.url, b.url, cluster.url].map((target, i) =>
          postReports({ targets: [target], workers: 4, prefix: `burst${i}`, total: 120 }),
        );
        const bulkItems = Array.from({ length: 500 }, (_, i) =>
          report({
            externalId: `bulk-${i}`,
            description: `Genangan air ${i} `.repeat(150).slice(0, 2500),
          }),
        );
        const bulk = await api(cluster.url, 'POST', '/api/v1/incidents/batch', bulkItems);
        expect(bulk.status).toBe(200);
        expect(bulk.body.results.every((r: { status: string }) => r.status === 'created')).toBe(
          true,
        );
        await Promise.all(loads.map((l) => l.done));

        // Changes on node B to incidents made on node A: B knows them.
        const fromA = (await api(a.url, 'GET', '/api/v1/incidents?limit=5000')).body
          .items as Incident[];
        const madeOnA = fromA.filter((i) => i.externalId?.startsWith('burst0-')).slice(0, 30);
        expect(madeOnA).toHaveLength(30);
        for (const inc of madeOnA) {
          const res = await api(b.url, 'PATCH', `/api/v1/incidents/${inc.id}`, {
            note: 'dilihat dari node B',
          });
          expect(res.status).toBe(200);
        }

        const events = await logEvents(a.url);
        expectGapFree(events);
        expect(await logEvents(b.url)).toEqual(events);
        const head = await expectAllEqualToDatabase(cluster.url, recorders);
        expect(head).toBe(events.length);
        for (const r of recorders) {
          // Never away, never behind a gap: every event arrived in its batch, once, in order.
          expect(r.connects).toBe(1);
          expect(r.gaps).toEqual([]);
          expect(r.snapshots).toHaveLength(1);
          expect(r.applied).toEqual(seqRange(r.firstSnapshotSeq! + 1, head));
        }
        const stored = await storedIncidents(b.url);
        const ids = new Set([...stored.values()].map((i) => i.externalId));
        for (const load of loads) for (const id of load.acked) expect(ids.has(id), id).toBe(true);
        expect(stored.size).toBe(3 * 120 + 500);
      } finally {
        recorders.forEach((r) => r.close());
      }
    });
  }, 300_000);

  it('SIGKILL of a node: its screens reconnect through nginx to the other, resume and end equal to the database; posts keep succeeding', async () => {
    await withCluster({ nodes: 2 }, async (cluster) => {
      // nginx hashes the client address: every connection from here goes to one node.
      const probe = randomBytes(4).toString('hex');
      await api(cluster.url, 'GET', `/healthz?probe=${probe}`);
      const victim = await cluster.servedBy(`probe=${probe}`);
      const survivor = cluster.nodes.find((n) => n !== victim)!;

      const viaNginx = [
        recordStream(cluster.url),
        recordStream(cluster.url),
        recordStream(cluster.url),
        recordStream(cluster.url, { transport: 'polling-first' }),
      ];
      const onSurvivor = recordStream(survivor.url);
      const recorders = [...viaNginx, onSurvivor];
      try {
        await waitFor(() => recorders.every(snapshotTaken), LONG);
        const polled = viaNginx[3]!;
        expect(await cluster.servedBy(`sid=${polled.socket.io.engine.id}`)).toBe(victim);

        let phase = 'before';
        const workers = 4;
        const load = postReports({
          targets: [cluster.url],
          workers,
          prefix: 'kill',
          phase: () => phase,
        });
        await waitFor(() => load.acked.size >= 150, LONG);
        // Posts sent from here on, the ones on their way when the node dies included.
        phase = 'after';
        await victim.kill('SIGKILL');
        const ackedAtKill = load.acked.size;
        // Until nginx has tried the dead node again (after fail_timeout) and moved that
        // post on to the survivor: its log then names both, the dead one first.
        const triedBoth = `127.0.0.1:${victim.port}, 127.0.0.1:${survivor.port}`;
        await waitFor(
          () =>
            load.acked.size >= ackedAtKill + 150 &&
            cluster
              .nginxLog()
              .some((l) => l.startsWith('/api/v1/incidents 201 ') && l.endsWith(triedBoth)),
          LONG,
        );
        // Every screen that was on the dead node is back, through nginx, on the survivor.
        await waitFor(() => viaNginx.every((r) => r.connects >= 2), LONG);
        await load.stop();

        // Only a post already on its way when the node died may fail (nginx never resends
        // a POST it had sent): at most one per worker. Every later one reached the survivor.
        const after = statusesIn(load.answers, 'after');
        const failed = Object.entries(after).filter(([s]) => s !== '201' && s !== '200');
        expect(failed.every(([s]) => s === '502')).toBe(true);
        expect(failed.reduce((n, [, count]) => n + count, 0)).toBeLessThanOrEqual(workers);

        const events = await logEvents(survivor.url);
        expectGapFree(events);
        await expectAllEqualToDatabase(survivor.url, recorders);
        for (const r of viaNginx) {
          expect(r.disconnects.length).toBeGreaterThanOrEqual(1);
          // The resume was answered (events, or a snapshot when that was shorter).
          expect(r.resumes.some((k) => k === 'events' || k === 'snapshot')).toBe(true);
        }
        expect(onSurvivor.connects).toBe(1);
        expect(onSurvivor.gaps).toEqual([]);
        expect(onSurvivor.applied).toEqual(
          seqRange(onSurvivor.firstSnapshotSeq! + 1, events.length),
        );
        const ids = new Set(
          [...(await storedIncidents(survivor.url)).values()].map((i) => i.externalId),
        );
        for (const id of load.acked)
          expect(ids.has(id), `acknowledged ${id} is missing`).toBe(true);

        // The killed node comes back and catches up with what was written without it.
        await victim.start();
        const back = recordStream(victim.url);
        recorders.push(back);
        await waitFor(() => back.seq() === events.length, LONG);
        expect(new Map(back.incidents())).toEqual(await storedIncidents(survivor.url));
      } finally {
        recorders.forEach((r) => r.close());
      }
    });
  }, 300_000);

  it('a browser session works through nginx: the page’s origin matches, and nginx alone says the scheme', async () => {
    await withCluster({ nodes: 2 }, async (cluster) => {
      const user = {
        username: 'sup',
        name: 'Sup',
        role: 'supervisor',
        password: 'supervisor-pass',
      };
      expect((await api(cluster.url, 'POST', '/api/v1/admin/users', user)).status).toBe(201);
      // A page served through nginx sends its own origin; a client's claim of TLS is
      // overwritten by nginx, which was reached over plain HTTP.
      const page = { authorization: '', origin: cluster.url, 'x-forwarded-proto': 'https' };
      const login = await api(
        cluster.url,
        'POST',
        '/api/v1/auth/login',
        { username: user.username, password: user.password },
        page,
      );
      expect(login.status).toBe(200);
      const setCookie = login.headers.get('set-cookie') ?? '';
      expect(setCookie).not.toMatch(/;\s*secure/i);
      const cookie = setCookie.split(';')[0]!;
      const posted = await api(cluster.url, 'POST', '/api/v1/incidents', report(), {
        ...page,
        cookie,
      });
      expect(posted.status).toBe(201);
      for (const transports of [['websocket'], ['polling']] as const) {
        const socket = io(cluster.url, {
          transports: [...transports],
          forceNew: true,
          reconnection: false,
          extraHeaders: { cookie, origin: cluster.url },
        });
        // Listening from the start: a long-poll can bring the connect and the snapshot in one
        // response, handled in one turn, before a listener added after 'connect' exists.
        const snapshot = nextEvent(socket, 'snapshot', { timeout: 30_000 });
        snapshot.catch(() => undefined);
        try {
          expect(await handshake(socket)).toBe('connected');
          await snapshot;
        } finally {
          socket.disconnect();
        }
      }
    });
  }, 180_000);

  it('revoking a token on node A hangs up its sockets on node B at once', async () => {
    // The periodic re-check is pushed out of reach: only the cross-node revocation can cut it.
    await withCluster({ nodes: 2, env: { PRINCIPAL_RECHECK_SECONDS: '3600' } }, async (cluster) => {
      const [a, b] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
      const mint = async (label: string) => {
        const res = await api(a.url, 'POST', '/api/v1/admin/tokens', {
          kind: 'api',
          role: 'viewer',
          label,
        });
        expect(res.status).toBe(201);
        return res.body as { token: { id: string }; secret: string };
      };
      const revoked = await mint('Layar ruang rapat');
      const kept = await mint('Layar lobi');
      const onB = connectClient(b.url, { token: revoked.secret });
      const onA = connectClient(a.url, { token: revoked.secret });
      const keptOnB = connectClient(b.url, { token: kept.secret });
      try {
        // A token made on A opens sockets on both nodes: the accounts are shared.
        const sockets = [onB, onA, keptOnB];
        const snapshots = sockets.map((s) => nextEvent(s, 'snapshot', { timeout: 30_000 }));
        // Awaited below only once every handshake succeeded; unheard of otherwise.
        snapshots.forEach((p) => p.catch(() => undefined));
        expect(await Promise.all(sockets.map(handshake))).toEqual(Array(3).fill('connected'));
        await Promise.all(snapshots);
        const cutB = disconnected(onB);
        const cutA = disconnected(onA);
        expect(
          (await api(a.url, 'DELETE', `/api/v1/admin/tokens/${revoked.token.id}`)).status,
        ).toBe(200);
        expect(await within(cutB, 30_000, 'the socket on B hung up')).toBe('io server disconnect');
        expect(await within(cutA, 30_000, 'the socket on A hung up')).toBe('io server disconnect');
        const onBAgain = await api(b.url, 'GET', '/api/v1/stats', undefined, {
          authorization: `Bearer ${revoked.secret}`,
        });
        expect(onBAgain.status).toBe(401);
        // Only that token's sockets: another token's stays.
        expect(keptOnB.connected).toBe(true);
        const stillServed = await api(b.url, 'GET', '/api/v1/stats', undefined, {
          authorization: `Bearer ${kept.secret}`,
        });
        expect(stillServed.status).toBe(200);
      } finally {
        [onB, onA, keptOnB].forEach((s) => s.disconnect());
      }
    });
  }, 180_000);

  it('the simulator runs on one node only, and moves to the other when that node dies', async () => {
    // Each node's simulator marks its reports with its own seed: externalId "sim<seed>-…".
    const SEED_BASE = 7100;
    await withCluster(
      {
        nodes: 2,
        env: { SIMULATOR: 'on', SIM_BACKFILL_DAYS: '0', SIM_RATE: '600' },
        nodeEnv: (i) => ({ SIM_SEED: String(SEED_BASE + i) }),
      },
      async (cluster) => {
        const bySeed = async () => {
          const counts = new Map<number, number>();
          for (const inc of (await storedIncidents(cluster.url)).values()) {
            const seed = /^sim(\d+)-/.exec(inc.externalId ?? '')?.[1];
            if (seed) counts.set(Number(seed), (counts.get(Number(seed)) ?? 0) + 1);
          }
          return counts;
        };
        const total = (m: Map<number, number>) => [...m.values()].reduce((x, y) => x + y, 0);
        let counts = new Map<number, number>();
        const until = async (check: (m: Map<number, number>) => boolean) => {
          const deadline = Date.now() + 120_000;
          while (!check((counts = await bySeed()))) {
            if (Date.now() > deadline)
              throw new Error(`simulated reports by seed: ${JSON.stringify([...counts])}`);
            await new Promise((r) => setTimeout(r, 250));
          }
        };

        await until((m) => total(m) >= 60);
        expect([...counts.keys()]).toHaveLength(1);
        const leaderSeed = [...counts.keys()][0]!;
        const leader = cluster.nodes[leaderSeed - SEED_BASE]!;
        const other = cluster.nodes.find((n) => n !== leader)!;

        await leader.kill('SIGKILL');
        await until((m) => (m.get(SEED_BASE + other.index) ?? 0) >= 30);
        expect([...counts.keys()].sort()).toEqual([leaderSeed, SEED_BASE + other.index].sort());
        expectGapFree(await logEvents(other.url));
      },
    );
  }, 300_000);
});
