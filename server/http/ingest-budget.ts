/**
 * Ingest rate limits that count reports, not requests: a bulk post of 1,000 reports
 * spends 1,000 of its source's and its address's per-minute budget, a single post one.
 * A one-minute window per key from its first report (as express-rate-limit counts the
 * other routes); a post that would overrun either budget is refused whole with 429 and
 * nothing of it is stored.
 *
 * The counts live in this process (expired keys swept once a minute) or, with several
 * nodes, in Redis, where one script checks and spends both budgets atomically for all
 * nodes together. When Redis is down the budget fails open (reports are taken, not
 * counted): ingest must not stop because its limiter's store did; connectRedis logs the
 * outage and /readyz shows it.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Principal } from '../../shared/domain/access.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { RedisClient } from '../cluster/redis.ts';
import { sendError } from './errors.ts';

export interface IngestBudget {
  /** Spends `n` reports for this request; false (and a 429 sent) when over a limit. */
  charge(req: Request, res: Response, n: number): Promise<boolean>;
  /** Middleware charging one report: the single-report route. */
  one: RequestHandler;
}

/** A per-minute budget under `key`. */
export interface Allowance {
  key: string;
  limit: number;
}

export type Spent = { ok: true } | { ok: false; retryAfterMs: number };

/** Spends `n` from every allowance, or from none when one would go over. */
export type ReportCounter = (allowances: Allowance[], n: number) => Promise<Spent>;

export function memoryReportCounter(now = () => Date.now()): ReportCounter {
  const windows = new Map<string, { resetAt: number; used: number }>();
  let nextSweep = 0;
  return async (allowances, n) => {
    const t = now();
    if (t >= nextSweep) {
      for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
      nextSweep = t + MINUTE_MS;
    }
    const spending = allowances.map(({ key, limit }) => {
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { resetAt: t + MINUTE_MS, used: 0 };
        windows.set(key, w);
      }
      return { w, limit };
    });
    const full = spending.find(({ w, limit }) => w.used + n > limit);
    if (full) return { ok: false, retryAfterMs: full.w.resetAt - t };
    for (const { w } of spending) w.used += n;
    return { ok: true };
  };
}

/** KEYS: the budgets; ARGV: n, each key's limit, the window (ms). Returns {1, 0} or {0, ms left}. */
const SPEND_SCRIPT = `
local n = tonumber(ARGV[1])
local window = tonumber(ARGV[#ARGV])
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used + n > tonumber(ARGV[i + 1]) then
    local left = redis.call('PTTL', key)
    if left < 0 then left = window end
    return {0, left}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('INCRBY', key, n)
  redis.call('PEXPIRE', key, window, 'NX')
end
return {1, 0}
`;

export function redisReportCounter(
  client: RedisClient,
  prefix: string,
  log: (msg: string) => void,
): ReportCounter {
  let failing = false;
  return async (allowances, n) => {
    // Not waiting in node-redis's offline queue: ingest would hang as long as Redis is down.
    if (!client.isReady) return { ok: true };
    try {
      const [ok, left] = (await client.eval(SPEND_SCRIPT, {
        keys: allowances.map((a) => prefix + a.key),
        arguments: [String(n), ...allowances.map((a) => String(a.limit)), String(MINUTE_MS)],
      })) as [number, number];
      failing = false;
      return ok === 1 ? { ok: true } : { ok: false, retryAfterMs: left };
    } catch (err) {
      if (!failing) {
        const why = err instanceof Error ? err.message : String(err);
        log(`ingest budget: Redis command failed (${why}); reports are taken uncounted`);
      }
      failing = true;
      return { ok: true };
    }
  };
}

export function ingestBudget(
  limits: { perMinute: number; perIpPerMinute: number },
  counter: ReportCounter = memoryReportCounter(),
): IngestBudget {
  const charge = async (req: Request, res: Response, n: number): Promise<boolean> => {
    const allowances: Allowance[] = [
      { key: `ip:${ipKeyGenerator(req.ip ?? '')}`, limit: limits.perIpPerMinute },
    ];
    const id = (res.locals.principal as Principal | undefined)?.id;
    if (id !== undefined) allowances.push({ key: `principal:${id}`, limit: limits.perMinute });
    const spent = await counter(allowances, n);
    if (spent.ok) return true;
    res.set('Retry-After', String(Math.ceil(spent.retryAfterMs / 1000)));
    sendError(res, 429, {
      code: 'rate_limited',
      message: 'too many reports: slow down and retry later',
    });
    return false;
  };
  return {
    charge,
    one: (req, res, next) => {
      charge(req, res, 1).then((ok) => ok && next(), next);
    },
  };
}
