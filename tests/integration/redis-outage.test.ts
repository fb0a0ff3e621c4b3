/**
 * Redis going away and coming back, on a Redis of this test's own (the machine's shared
 * one serves other tests meanwhile): the client keeps reconnecting without crashing or
 * flooding the log, and a node keeps taking reports and logins while Redis is down
 * (limits fail open), counting again once it is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, type RedisClient } from '../../server/cluster/redis.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
} from '../support/harness.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/private-services.ts';
import { redisTestPrefix } from '../support/redis.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function privateRedis(): Promise<PrivateRedis> {
  const redis = await startPrivateRedis();
  cleanup.push(() => redis.dispose());
  return redis;
}

function client(url: string): { redis: RedisClient; lines: string[]; retries: () => number } {
  const lines: string[] = [];
  const redis = connectRedis(url, (msg) => lines.push(msg));
  let retries = 0;
  redis.on('reconnecting', () => retries++);
  cleanup.push(() => closeRedis(redis));
  return { redis, lines, retries: () => retries };
}

const unreachable = (lines: string[]) => lines.filter((l) => l.startsWith('redis: unreachable'));

describe('Redis outages', () => {
  it('connects once Redis starts, reconnects after it stops, and logs each outage once', async () => {
    const server = await privateRedis();
    await server.stop();
    const { redis, lines, retries } = client(server.url);
    await waitFor(() => retries() >= 3, { timeout: 10_000 });
    expect(redis.isReady).toBe(false);
    expect(unreachable(lines)).toHaveLength(1);
    expect(lines[0]).not.toContain(server.url);

    await server.start();
    await waitFor(() => redis.isReady, { timeout: 15_000 });
    expect(await redis.ping()).toBe('PONG');

    await server.stop();
    await waitFor(() => !redis.isReady, { timeout: 10_000 });
    const before = retries();
    await waitFor(() => retries() >= before + 3, { timeout: 10_000 });
    expect(unreachable(lines)).toHaveLength(2);
    await server.start();
    await waitFor(() => redis.isReady, { timeout: 15_000 });
    expect(lines.at(-1)).toBe('redis: connected again');
    expect(await redis.ping()).toBe('PONG');
  });

  it('takes reports and logins while Redis is down (limits fail open), and counts again once it is back', async () => {
    const redisServer = await privateRedis();
    const { redis } = client(redisServer.url);
    await waitFor(() => redis.isReady, { timeout: 10_000 });
    const node: TestServer = await startServer({
      redis,
      redisPrefix: redisTestPrefix(),
      env: { RATE_INGEST_PER_MIN: '1', RATE_LOGIN_PER_MIN: '1' },
    });
    cleanup.push(() => node.dispose());
    let n = 0;
    const post = async () =>
      (await api(node.url, 'POST', '/api/v1/incidents', report({ externalId: `o-${n++}` }))).status;
    const login = async () =>
      (
        await api(
          node.url,
          'POST',
          '/api/v1/auth/login',
          { username: 'nobody', password: 'not-the-password' },
          { authorization: '' },
        )
      ).status;

    expect([await post(), await post()]).toEqual([201, 429]);
    expect([await login(), await login()]).toEqual([401, 429]);

    await redisServer.stop();
    await waitFor(() => !redis.isReady, { timeout: 10_000 });
    expect([await post(), await post()]).toEqual([201, 201]);
    expect([await login(), await login()]).toEqual([401, 401]);

    // Back empty (it keeps nothing on disk): fresh windows, counted in Redis again.
    await redisServer.start();
    await waitFor(() => redis.isReady, { timeout: 15_000 });
    expect([await post(), await post()]).toEqual([201, 429]);
    expect([await login(), await login()]).toEqual([401, 429]);
  });

  it('closes a node with live sockets while Redis is down, without an unhandled rejection', async () => {
    const redisServer = await privateRedis();
    const { redis } = client(redisServer.url);
    await waitFor(() => redis.isReady, { timeout: 10_000 });
    const node = await startServer({ redis, redisPrefix: redisTestPrefix() });
    const socket = connectClient(node.url);
    await nextEvent(socket, 'snapshot');
    await redisServer.stop();
    await waitFor(() => !redis.isReady, { timeout: 10_000 });
    // Closing saves each socket's recovery session: those writes wait for Redis, which
    // never comes back, and fail when the client is destroyed.
    await node.dispose();
    await closeRedis(redis);
    socket.disconnect();
    // Rejections are reported on the next turns of the event loop.
    await new Promise((r) => setTimeout(r, 50));
  });
});
