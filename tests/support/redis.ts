/**
 * Redis for tests: the machine's shared Redis (other tests use it at the same time), so
 * each test names its keys, stream and channels with a prefix of its own and deletes
 * them after; and two in-process nodes on it, each with its own client, as nginx would
 * see them (a test that stops Redis uses startPrivateRedis instead).
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import { closeRedis, connectRedis, type RedisClient } from '../../server/cluster/redis.ts';
import {
  api,
  startServer,
  tempDbFile,
  waitFor,
  type TestServer,
  type TestSocket,
} from './harness.ts';

export const SHARED_REDIS_URL = process.env.REDIS_URL_FOR_TESTS ?? 'redis://127.0.0.1:6379';

export const redisTestPrefix = () => `nakhoda-test-${randomBytes(4).toString('hex')}`;

/** A connected client; `lines` collects what it logs. */
export async function testRedis(
  url = SHARED_REDIS_URL,
): Promise<{ client: RedisClient; lines: string[] }> {
  const lines: string[] = [];
  const client = connectRedis(url, (msg) => lines.push(msg));
  await waitFor(() => client.isReady, { timeout: 10_000 });
  return { client, lines };
}

/** Deletes every key under `prefix` (the stream, sessions, counters). */
export async function dropPrefix(client: RedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 }))
    if (keys.length) await client.del(keys);
}

export interface NodePair {
  a: TestServer;
  b: TestServer;
  prefix: string;
  /** Each node's own Redis client. */
  redisA: RedisClient;
  redisB: RedisClient;
  close(): Promise<void>;
}

/**
 * Two nodes sharing one Redis under a fresh prefix. With `sharedDb` they also share one
 * SQLite file (one set of accounts: a token made on A opens a socket on B); otherwise
 * each has its own, so neither ever sees the other's reports in its log.
 */
export async function startNodePair(
  opts: {
    sharedDb?: boolean;
    env?: Record<string, string>;
    b?: Parameters<typeof startServer>[0];
  } = {},
): Promise<NodePair> {
  const prefix = redisTestPrefix();
  const [ra, rb] = [await testRedis(), await testRedis()];
  const shared = opts.sharedDb ? tempDbFile() : null;
  const common = { env: opts.env, redisPrefix: prefix, ...(shared && { dbFile: shared.file }) };
  const a = await startServer({ ...common, redis: ra.client });
  const b = await startServer({ ...common, ...opts.b, redis: rb.client });
  return {
    a,
    b,
    prefix,
    redisA: ra.client,
    redisB: rb.client,
    async close() {
      await b.dispose();
      await a.dispose();
      shared?.cleanup();
      await dropPrefix(ra.client, prefix);
      await closeRedis(ra.client);
      await closeRedis(rb.client);
    },
  };
}

/** An event the product never sends, broadcast through the adapter to every node's sockets. */
export const PROBE = 'test:probe';

/**
 * Sends probes from `from` until `socket` (on another node) gets one: then that node
 * reads the adapter's stream, and everything `from` broadcast before has reached it.
 */
export async function probeThrough(from: TestServer, socket: TestSocket): Promise<void> {
  const io = from.app.io as unknown as Server;
  let seen = false;
  const listener = () => {
    seen = true;
  };
  socket.on(PROBE as never, listener);
  const timer = setInterval(() => io.emit(PROBE), 50);
  try {
    await waitFor(() => seen, { timeout: 10_000 });
  } finally {
    clearInterval(timer);
    socket.off(PROBE as never, listener);
  }
}

/** An API token made through node `on`'s admin API: its id and secret. */
export async function newApiToken(
  on: TestServer,
  role = 'viewer',
): Promise<{ id: string; secret: string }> {
  const res = await api(on.url, 'POST', '/api/v1/admin/tokens', {
    kind: 'api',
    role,
    label: `redis-test-${role}`,
  });
  if (res.status !== 201)
    throw new Error(`token not made: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.token.id, secret: res.body.secret };
}
