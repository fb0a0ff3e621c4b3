/**
 * The express-rate-limit store every node shares (rate-limit-redis over the node's
 * node-redis client), so a limit counts requests to all nodes together.
 *
 * When Redis is down the limits fail open: a request is let through, counted as the
 * first of its window. Logins and pairing then fall back to no limit rather than to no
 * service, for as long as the outage lasts; connectRedis logs the outage once and
 * /readyz shows it. A command that fails while Redis seems up is logged once until one
 * succeeds again.
 */
import type { IncrementResponse, Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisClient } from './redis.ts';

class FailOpenRedisStore extends RedisStore {
  #client: RedisClient;
  #log: (msg: string) => void;
  #failing = false;

  constructor(client: RedisClient, prefix: string, log: (msg: string) => void) {
    super({
      prefix,
      sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<RedisReply>,
    });
    this.#client = client;
    this.#log = log;
  }

  override async increment(key: string): Promise<IncrementResponse> {
    // Not waiting for Redis in the offline queue: the request would hang as long as it is down.
    if (!this.#client.isReady) return this.#unlimited();
    // A script load that failed while Redis was away stays a rejected promise: load it again.
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    try {
      const counted = await super.increment(key);
      this.#failing = false;
      return counted;
    } catch (err) {
      if (!this.#failing) {
        const why = err instanceof Error ? err.message : String(err);
        this.#log(`rate limits: Redis command failed (${why}); requests pass until it works`);
      }
      this.#failing = true;
      return this.#unlimited();
    }
  }

  #unlimited(): IncrementResponse {
    return { totalHits: 1, resetTime: new Date(Date.now() + this.windowMs) };
  }
}

/** One store per limiter (express-rate-limit refuses a shared one); `prefix` names its keys. */
export function redisRateStore(
  client: RedisClient,
  prefix: string,
  log: (msg: string) => void,
): Store {
  return new FailOpenRedisStore(client, prefix, log);
}
