/**
 * Two nodes in one process sharing the machine's Redis (each test under its own prefix):
 * a revocation on one node hangs up the socket on the other, batches stay on the node
 * that made them, and the login and ingest limits count both nodes' requests together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventsBatch } from '../../shared/contract.ts';
import {
  api,
  connectClient,
  disconnected,
  nextEvent,
  report,
  type TestSocket,
} from '../support/harness.ts';
import { newApiToken, probeThrough, startNodePair, type NodePair } from '../support/redis.ts';

const HOUR_MS = 3_600_000;

let pair: NodePair | null = null;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await pair?.close();
  pair = null;
});

function open(url: string, token?: string): TestSocket {
  const s = connectClient(url, token === undefined ? {} : { token });
  sockets.push(s);
  return s;
}

describe('Socket.IO across nodes through Redis', () => {
  it("revoking a token on node A hangs up that token's socket on node B", async () => {
    // B never re-checks credentials on its own within the test: only the adapter can cut it.
    pair = await startNodePair({ sharedDb: true, b: { principalRecheckMs: HOUR_MS } });
    const { a, b } = pair;
    const token = await newApiToken(a);
    const onB = open(b.url, token.secret);
    await nextEvent(onB, 'snapshot');
    await probeThrough(a, onB);
    const cut = disconnected(onB);
    expect((await api(a.url, 'DELETE', `/api/v1/admin/tokens/${token.id}`)).status).toBe(200);
    expect(await cut).toBe('io server disconnect');
  });

  it("sends a node's batches to its own sockets only, never through the adapter", async () => {
    pair = await startNodePair();
    const { a, b } = pair;
    const onA = open(a.url);
    const onB = open(b.url);
    await Promise.all([nextEvent(onA, 'snapshot'), nextEvent(onB, 'snapshot')]);
    const batchesOnB: EventsBatch[] = [];
    onB.on('events:batch', (batch) => batchesOnB.push(batch));
    // B reads the adapter's stream from here on: anything A broadcast would reach it.
    await probeThrough(a, onB);
    const batchOnA = nextEvent(onA, 'events:batch');
    const posted = await api(a.url, 'POST', '/api/v1/incidents', report());
    expect(posted.status).toBe(201);
    expect((await batchOnA).events.map((e) => e.incidentId)).toContain(posted.body.incident.id);
    // A probe sent after A's batch reaches B after anything A broadcast before it.
    await probeThrough(a, onB);
    expect(batchesOnB).toEqual([]);
  });
});

describe('rate limits shared through Redis', () => {
  it('refuses logins once the attempts on both nodes together pass the limit', async () => {
    pair = await startNodePair({ env: { RATE_LOGIN_PER_MIN: '4' } });
    const { a, b } = pair;
    const attempt = async (url: string) =>
      (
        await api(
          url,
          'POST',
          '/api/v1/auth/login',
          { username: 'nobody', password: 'not-the-password' },
          { authorization: '' },
        )
      ).status;
    const statuses = [];
    for (const url of [a.url, b.url, a.url, b.url, a.url, b.url]) statuses.push(await attempt(url));
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it("refuses a post whole once a principal's reports on both nodes together pass its budget", async () => {
    // One accounts table, so the admin token is one principal on both nodes.
    pair = await startNodePair({ sharedDb: true, env: { RATE_INGEST_PER_MIN: '3' } });
    const { a, b } = pair;
    const post = (url: string, body: unknown) => api(url, 'POST', '/api/v1/incidents/batch', body);
    const two = (tag: string) => [
      report({ externalId: `${tag}-1` }),
      report({ externalId: `${tag}-2` }),
    ];
    expect((await post(a.url, two('a'))).status).toBe(200);
    // 2 spent on A: 2 more on B would make 4 > 3, so none of them is taken.
    const refused = await post(b.url, two('b'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await api(a.url, 'POST', '/api/v1/incidents', report({ externalId: 'a-3' }))).status,
    ).toBe(201);
    expect(
      (await api(b.url, 'POST', '/api/v1/incidents', report({ externalId: 'b-3' }))).status,
    ).toBe(429);
    const stored = await api(a.url, 'GET', '/api/v1/incidents');
    const ids = (stored.body.items as { externalId: string }[]).map((i) => i.externalId).sort();
    expect(ids).toEqual(['a-1', 'a-2', 'a-3']);
  });
});
