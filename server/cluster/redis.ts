/**
 * The node's one Redis connection (node-redis), shared by the Socket.IO adapter and the
 * rate limits. Redis is a helper, not the source of truth: a node starts and serves while
 * it is down, the client reconnects by itself forever with a capped backoff, and an
 * error never reaches the process. Commands sent while it is down wait in node-redis's
 * offline queue (the adapter's room operations go out when it is back); the rate limits
 * ask `isReady` first and let requests through instead (fail open, see rate-limit-store.ts).
 */
import { createClient, type RedisClientType } from 'redis';

export type RedisClient = RedisClientType;

/** Retries start quickly and settle at this interval while Redis stays down. */
const MAX_RETRY_MS = 5_000;
const FIRST_RETRY_MS = 100;
/** A connection attempt that hangs (a dropped SYN) counts as a failure after this. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Milliseconds before reconnect attempt `retries` (0-based): doubling, capped, with jitter. */
export function reconnectDelay(retries: number, random = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.min(retries, 16), MAX_RETRY_MS);
  // Nodes that lost Redis together do not all knock in the same millisecond.
  return Math.round(base * (0.8 + 0.2 * random()));
}

/**
 * Starts connecting and returns at once: the client is usable right away and `isReady`
 * says whether Redis answers now. The URL is never logged (it may carry a password).
 */
export function connectRedis(url: string, log: (msg: string) => void): RedisClient {
  const client: RedisClient = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Always a number: node-redis gives up for good on `false` or an Error.
      reconnectStrategy: (retries) => reconnectDelay(retries),
    },
  });
  // One line when the connection goes and one when it is back, not one per retry.
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    const why = err instanceof Error ? err.message : String(err);
    log(
      `redis: unreachable (${why}); reconnecting. Until it is back, rate limits are not ` +
        `shared (requests pass) and room operations from other nodes wait`,
    );
  });
  client.on('ready', () => {
    log(down ? 'redis: connected again' : 'redis: connected');
    down = false;
  });
  // Retries happen inside connect(); it only settles once connected or closed.
  client.connect().catch(() => undefined);
  return client;
}

/**
 * Closes the connection: politely when Redis answers, at once when it does not
 * (`close()` waits for queued replies that a dead server never sends).
 */
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) await client.close();
  else client.destroy();
}
