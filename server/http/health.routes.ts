/**
 * Probes for load balancers and the people on call. `/healthz`: the process answers.
 * `/readyz`: this node can keep what it acknowledges (store reachable, adapter connected,
 * projection caught up), else 503 naming what is not. `/metrics`: Prometheus text, for
 * a scraper on this host or one presenting the metrics token, never for the public.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request } from 'express';
import { Router } from 'express';
import type { Store } from '../log/store.ts';
import type { FollowerStatus } from '../projection/log-follower.ts';
import type { Metrics } from '../observability/metrics.ts';
import { TimeoutError, withTimeout } from '../observability/timeout.ts';
import { sendError } from './errors.ts';

/** What readiness depends on; the caller knows how to ask each. */
export interface ReadyChecks {
  /** The store answers a query. Must not hang: a check that does not settle times out. */
  store(): Promise<boolean>;
  /** The Socket.IO adapter's Redis connection is up (absent on a single node). */
  redis?(): boolean;
  /** The live projection has applied the log up to its head. */
  caughtUp(): boolean;
}

export type CheckState = 'ok' | 'failing' | 'timed out';

export interface HealthOptions {
  metrics: Metrics;
  ready: ReadyChecks;
  /** The body of /healthz: the seq this node shows and its store's kind. */
  alive: () => { seq: number; store: string };
  /** Bearer token a scraper on another host presents for /metrics. */
  metricsToken?: string | undefined;
  storeTimeoutMs?: number;
}

const DEFAULT_STORE_TIMEOUT_MS = 1000;

/** Headers a proxy adds: a request carrying one came from elsewhere, whatever the socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(a) === 4) return a.startsWith('127.');
  return a === '::1';
}

/**
 * A scrape from this host itself. A proxy on this host (nginx) also connects from
 * loopback, so a forwarded request is never taken as local, trusted proxy or not.
 */
function fromThisHost(req: Request): boolean {
  if (FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  return isLoopback(req.socket.remoteAddress) && isLoopback(req.ip);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function hasToken(req: Request, token: string | undefined): boolean {
  const header = req.headers.authorization;
  if (!token || !header?.startsWith('Bearer ')) return false;
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token));
}

async function storeState(check: ReadyChecks['store'], timeoutMs: number): Promise<CheckState> {
  try {
    return (await withTimeout(check(), timeoutMs)) ? 'ok' : 'failing';
  } catch (err) {
    return err instanceof TimeoutError ? 'timed out' : 'failing';
  }
}

function syncState(check: () => boolean): CheckState {
  try {
    return check() ? 'ok' : 'failing';
  } catch {
    return 'failing';
  }
}

export async function readiness(
  ready: ReadyChecks,
  storeTimeoutMs = DEFAULT_STORE_TIMEOUT_MS,
): Promise<{ ready: boolean; checks: Record<string, CheckState> }> {
  const checks: Record<string, CheckState> = {
    store: await storeState(() => ready.store(), storeTimeoutMs),
    caughtUp: syncState(() => ready.caughtUp()),
  };
  if (ready.redis) checks.redis = syncState(() => ready.redis!());
  return { ready: Object.values(checks).every((s) => s === 'ok'), checks };
}

export function healthRouter(opts: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, ...opts.alive() });
  });
  router.get('/readyz', async (_req, res) => {
    const { ready, checks } = await readiness(opts.ready, opts.storeTimeoutMs);
    res
      .status(ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ ok: ready, checks });
  });
  router.get('/metrics', async (req, res) => {
    if (!fromThisHost(req) && !hasToken(req, opts.metricsToken)) {
      res.set('WWW-Authenticate', 'Bearer');
      sendError(res, 401, {
        code: 'unauthenticated',
        message: 'metrics are served to this host, or with Authorization: Bearer <metrics token>',
      });
      return;
    }
    const { registry } = opts.metrics;
    res
      .set('Content-Type', registry.contentType)
      .set('Cache-Control', 'no-store')
      .send(await registry.metrics());
  });
  return router;
}

/** A node further than this behind the log's head is catching up, not ready. */
export const MAX_READY_LAG_EVENTS = 2_000;

/**
 * Readiness of a node: its store answers a read; its projection follows the log (the last
 * read succeeded and it is within MAX_READY_LAG_EVENTS of the head it has seen, its own
 * writes and other nodes' alike); and, with REDIS_URL, Redis is connected.
 */
export function nodeReadyChecks(deps: {
  store: Pick<Store, 'latestSeq'>;
  following: () => FollowerStatus;
  redis?: { readonly isReady: boolean } | undefined;
}): ReadyChecks {
  const { redis } = deps;
  return {
    store: async () => {
      await deps.store.latestSeq();
      return true;
    },
    caughtUp: () => {
      const s = deps.following();
      return s.storeReachable && s.head - s.applied <= MAX_READY_LAG_EVENTS;
    },
    ...(redis ? { redis: () => redis.isReady } : {}),
  };
}
