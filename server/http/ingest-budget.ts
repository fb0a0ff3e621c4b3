/**
 * Ingest rate limits that count reports, not requests: a bulk post of 1,000 reports
 * spends 1,000 of its source's and its address's per-minute budget, a single post one.
 * A one-minute window per key from its first report (as express-rate-limit counts the
 * other routes); a post that would overrun either budget is refused whole with 429 and
 * nothing of it is stored. Expired keys are swept once a minute.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Principal } from '../../shared/domain/access.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { sendError } from './errors.ts';

export interface IngestBudget {
  /** Spends `n` reports for this request; false (and a 429 sent) when over a limit. */
  charge(req: Request, res: Response, n: number): boolean;
  /** Middleware charging one report: the single-report route. */
  one: RequestHandler;
}

export function ingestBudget(limits: { perMinute: number; perIpPerMinute: number }): IngestBudget {
  interface Window {
    resetAt: number;
    used: number;
  }
  const windows = new Map<string, Window>();
  let nextSweep = 0;
  const windowOf = (key: string, now: number): Window => {
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { resetAt: now + MINUTE_MS, used: 0 };
      windows.set(key, w);
    }
    return w;
  };
  const charge = (req: Request, res: Response, n: number): boolean => {
    const now = Date.now();
    if (now >= nextSweep) {
      for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
      nextSweep = now + MINUTE_MS;
    }
    const ip = windowOf(`ip:${ipKeyGenerator(req.ip ?? '')}`, now);
    const id = (res.locals.principal as Principal | undefined)?.id;
    const principal = id === undefined ? undefined : windowOf(`principal:${id}`, now);
    const over = (w: Window | undefined, limit: number) => w !== undefined && w.used + n > limit;
    const full = over(ip, limits.perIpPerMinute)
      ? ip
      : over(principal, limits.perMinute)
        ? principal
        : undefined;
    if (full) {
      res.set('Retry-After', String(Math.ceil((full.resetAt - now) / 1000)));
      sendError(res, 429, {
        code: 'rate_limited',
        message: 'too many reports: slow down and retry later',
      });
      return false;
    }
    ip.used += n;
    if (principal) principal.used += n;
    return true;
  };
  return {
    charge,
    one: (req, res, next) => {
      if (charge(req, res, 1)) next();
    },
  };
}
