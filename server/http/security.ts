/**
 * Security headers (helmet) with a Content-Security-Policy that lets MapLibre's worker
 * run from our own origin and nothing else in; and rate limits per key and per IP on
 * ingest and login, so a flood from one source cannot starve the others (counted per
 * node, or across nodes with a shared store).
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import type { Principal } from '../../shared/domain/access.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { sendError } from './errors.ts';

export function securityHeaders(extraConnect: string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MapLibre and deck.gl position their controls and tooltips with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...extraConnect],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

const limited: RequestHandler = (_req, res) =>
  sendError(res, 429, {
    code: 'rate_limited',
    message: 'too many requests: slow down and retry later',
  });

/**
 * Counts in this process's memory, or in `store` when given: a Redis store
 * (cluster/rate-limit-store.ts) makes the limit one for all nodes together.
 */
export function limiter(opts: {
  perMinute: number;
  by: 'ip' | 'principal';
  store?: Store;
}): RequestHandler {
  return rateLimit({
    store: opts.store,
    windowMs: MINUTE_MS,
    limit: opts.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: limited,
    keyGenerator:
      opts.by === 'principal'
        ? (req, res) =>
            (res.locals.principal as Principal | undefined)?.id ?? ipKeyGenerator(req.ip ?? '')
        : (req) => ipKeyGenerator(req.ip ?? ''),
  });
}
