/**
 * Two real nodes behind nginx while their PostgreSQL or their Redis goes away and comes
 * back: the nodes say they are not ready (/readyz 503), refuse posts with 503 rather than
 * acknowledge what they cannot keep, and recover by themselves, with every acknowledged
 * report stored, the log gap-free and every screen equal to the database. This file runs
 * its own PostgreSQL and Redis (tests/support/private-services.ts): the machine's shared
 * ones, which every other test uses, are never touched.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  within,
  startCluster,
  statusOf,
  type Cluster,
  type ClusterNode,
} from '../support/cluster.ts';
import { postReports, statusesIn, type PostLoad } from '../support/cluster-load.ts';
import {
  api,
  connectClient,
  disconnected,
  handshake,
  nextEvent,
  waitFor,
} from '../support/harness.ts';
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '../support/private-services.ts';
import {
  logEvents,
  recordStream,
  storedIncidents,
  type StreamRecorder,
} from '../support/stream-recorder.ts';

const LONG = { timeout: 90_000 };

let postgres: PrivatePostgres;
let redis: PrivateRedis;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([postgres?.dispose(), redis?.dispose()]);
});

/** A new database on the private server (its maintenance database makes it). */
async function freshDatabase(): Promise<string> {
  const name = `nakhoda_failures_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withCluster(env: Record<string, string>, test: (cluster: Cluster) => Promise<void>) {
  let cluster: Cluster | null = null;
  try {
    cluster = await startCluster({
      nodes: 2,
      databaseUrl: await freshDatabase(),
      redisUrl: redis.url,
      env,
    });
    await test(cluster);
  } catch (error) {
    const logs = cluster?.nodes.map((n) => `--- node ${n.index}:\n${n.output().slice(-4000)}`);
    throw new Error(`${(error as Error).message}\n${logs?.join('\n') ?? ''}`, { cause: error });
  } finally {
    await cluster?.close();
    // Whatever the test did, the services are left running for the next one.
    await postgres.start().catch(() => undefined);
    await redis.start().catch(() => undefined);
  }
}

/** Waits until every node's /readyz answers `status`; a node that died fails it at once. */
const readiness = (nodes: ClusterNode[], status: number) =>
  eventually(`every node's /readyz answers ${status}`, async () => {
    const dead = nodes.find((n) => !n.running());
    if (dead) throw new Error(`node ${dead.index} exited instead of waiting for its services`);
    const answers = await Promise.all(nodes.map((n) => statusOf(`${n.url}/readyz`)));
    return answers.every((s) => s === status);
  });

/** Screens on each node and through nginx, each with its first snapshot. */
async function screens(cluster: Cluster): Promise<StreamRecorder[]> {
  const recorders = [...cluster.nodes.map((n) => recordStream(n.url)), recordStream(cluster.url)];
  await waitFor(() => recorders.every((r) => r.firstSnapshotSeq !== null), LONG);
  return recorders;
}

/** Nothing lost: the log is gap-free, every acknowledged report is there, every screen equals it. */
async function expectNothingLost(cluster: Cluster, load: PostLoad, recorders: StreamRecorder[]) {
  const events = await logEvents(cluster.url);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  const stored = await storedIncidents(cluster.url);
  const ids = new Set([...stored.values()].map((i) => i.externalId));
  for (const id of load.acked) expect(ids.has(id), `acknowledged ${id} is missing`).toBe(true);
  await waitFor(() => recorders.every((r) => r.seq() === events.length), LONG);
  for (const r of recorders) {
    expect(r.problems).toEqual([]);
    expect(new Map(r.incidents())).toEqual(stored);
  }
}

/** Statuses a phase got, beyond the allowed ones. */
const unexpected = (load: PostLoad, phase: string, allowed: number[]) =>
  Object.keys(statusesIn(load.answers, phase))
    .map(Number)
    .filter((s) => !allowed.includes(s));

describe('two nodes when PostgreSQL or Redis goes away', () => {
  it('PostgreSQL stopped and started again: not ready, 503 to posts, then recovered by themselves with nothing lost', async () => {
    await withCluster({}, async (cluster) => {
      const [a, b] = cluster.nodes as [ClusterNode, ClusterNode];
      const recorders = await screens(cluster);
      let phase = 'up';
      const load = postReports({
        targets: [a.url, b.url, cluster.url],
        workers: 3,
        prefix: 'pg',
        phase: () => phase,
      });
      try {
        await waitFor(() => load.acked.size >= 60, LONG);
        phase = 'down';
        await postgres.stop();
        await readiness(cluster.nodes, 503);
        // Asked directly and through nginx: a refusal the client can retry, never a 201.
        for (const base of [a.url, b.url, cluster.url]) {
          const res = await api(base, 'POST', '/api/v1/incidents', {
            source: 'jaki',
            category: 'flooding',
            location: { lon: 106.8272, lat: -6.1754 },
            externalId: `outage-${randomBytes(3).toString('hex')}`,
          });
          expect(res.status, `${base}: ${JSON.stringify(res.body)}`).toBe(503);
        }
        await waitFor(() => (statusesIn(load.answers, 'down')[503] ?? 0) >= 10, LONG);

        phase = 'back';
        await postgres.start();
        await readiness(cluster.nodes, 200);
        phase = 'ready';
        const ackedWhenReady = load.acked.size;
        await waitFor(() => load.acked.size >= ackedWhenReady + 60, LONG);
        await load.stop();

        // Posts on their way as it stopped may have been kept (201); none got a 500 or a 502.
        expect(unexpected(load, 'down', [201, 503])).toEqual([]);
        expect(unexpected(load, 'back', [201, 503])).toEqual([]);
        expect(unexpected(load, 'ready', [201])).toEqual([]);
        await expectNothingLost(cluster, load, recorders);
      } finally {
        await load.stop();
        recorders.forEach((r) => r.close());
      }
    });
  }, 300_000);

  it('Redis stopped and started again: not ready, no report lost, recovered by themselves; revocations cross nodes again', async () => {
    await withCluster({ PRINCIPAL_RECHECK_SECONDS: '3600' }, async (cluster) => {
      const [a, b] = cluster.nodes as [ClusterNode, ClusterNode];
      const recorders = await screens(cluster);
      let phase = 'up';
      const load = postReports({
        targets: [a.url, b.url, cluster.url],
        workers: 3,
        prefix: 'redis',
        phase: () => phase,
      });
      try {
        await waitFor(() => load.acked.size >= 60, LONG);
        phase = 'down';
        await redis.stop();
        await readiness(cluster.nodes, 503);
        // The log is in PostgreSQL: a node may keep taking reports, or refuse them with 503.
        const ackedWhileDown = load.acked.size;
        await waitFor(() => load.answers.filter((x) => x.phase === 'down').length >= 30, LONG);

        phase = 'back';
        await redis.start();
        await readiness(cluster.nodes, 200);
        phase = 'ready';
        await waitFor(() => load.acked.size >= ackedWhileDown + 60, LONG);
        await load.stop();
        expect(unexpected(load, 'down', [201, 503])).toEqual([]);
        expect(unexpected(load, 'back', [201, 503])).toEqual([]);
        expect(unexpected(load, 'ready', [201])).toEqual([]);
        await expectNothingLost(cluster, load, recorders);

        // The adapter follows the new Redis: a token revoked on A hangs up its socket on B.
        const made = await api(a.url, 'POST', '/api/v1/admin/tokens', {
          kind: 'api',
          role: 'viewer',
          label: 'Layar setelah Redis kembali',
        });
        expect(made.status).toBe(201);
        const onB = connectClient(b.url, { token: made.body.secret });
        try {
          const snapshot = nextEvent(onB, 'snapshot', { timeout: 30_000 });
          snapshot.catch(() => undefined);
          expect(await handshake(onB)).toBe('connected');
          await snapshot;
          const cut = disconnected(onB);
          const revoked = await api(a.url, 'DELETE', `/api/v1/admin/tokens/${made.body.token.id}`);
          expect(revoked.status).toBe(200);
          expect(await within(cut, 30_000, 'the socket on B hung up')).toBe('io server disconnect');
        } finally {
          onB.disconnect();
        }
      } finally {
        await load.stop();
        recorders.forEach((r) => r.close());
      }
    });
  }, 300_000);
});
