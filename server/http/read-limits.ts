/**
 * Limits on heavy reads (replay, briefing, exports): how many one principal may run at
 * once and per minute, and how long a response may take to reach its client. A greedy
 * or slow reader, say a wall display stuck on a bad network, must not hold memory, the
 * event loop or sockets that reports and the live stream need. Ingest has its own limits.
 */
import type { RequestHandler, Response } from 'express';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { sendError } from './errors.ts';
import { principalOf } from './auth.middleware.ts';
import { limiter } from './security.ts';

export interface HeavyReadLimits {
  /** Heavy reads one principal may have running at once; more are refused with 429 busy. */
  concurrentPerPrincipal: number;
  /** Heavy reads one principal may start per minute; more are refused with 429 rate_limited. */
  perMinute: number;
  /** A heavy response still going after this long (ms) is cut. */
  sendDeadlineMs: number;
  /** A heavy response whose client has taken nothing for this long (ms) is cut. */
  sendStallMs: number;
}

/**
 * The briefing page runs a briefing and a replay together; an export, or a period
 * changed while they load, makes four.
 */
export const DEFAULT_HEAVY_READ_LIMITS: HeavyReadLimits = {
  concurrentPerPrincipal: 4,
  perMinute: 60,
  sendDeadlineMs: 5 * MINUTE_MS,
  sendStallMs: 30_000,
};

/** Seconds a refused client is asked to wait before trying again. */
const BUSY_RETRY_SECONDS = 5;

/**
 * Middleware for a heavy route, after authentication: a slot among the principal's
 * concurrent heavy reads (with the send deadline armed), then the per-minute rate.
 */
export function heavyReads(limits: HeavyReadLimits): RequestHandler[] {
  const running = new Map<string, number>();
  const admit: RequestHandler = (_req, res, next) => {
    const p = principalOf(res);
    const key = `${p.kind}:${p.id}`;
    const count = running.get(key) ?? 0;
    if (count >= limits.concurrentPerPrincipal) {
      res.setHeader('Retry-After', String(BUSY_RETRY_SECONDS));
      sendError(res, 429, {
        code: 'busy',
        message: `at most ${limits.concurrentPerPrincipal} replays, briefings or exports at once: wait for one to finish`,
      });
      return;
    }
    running.set(key, count + 1);
    const stopWatching = cutWhenStalled(res, limits);
    // One listener: a streamed response already carries several (pipeline, compression).
    res.once('close', () => {
      stopWatching();
      const left = (running.get(key) ?? 1) - 1;
      if (left > 0) running.set(key, left);
      else running.delete(key);
    });
    next();
  };
  return [admit, limiter({ perMinute: limits.perMinute, by: 'principal' })];
}

/**
 * Destroys the response (and so frees what its handler holds) past the deadline, or once
 * it has sent headers and the socket took no byte for `sendStallMs`: heavy bodies are
 * written in small pieces under backpressure, so bytes handed to the socket follow what
 * the client reads. Time spent computing before the headers is not a stall. Returns the
 * function that stops watching.
 */
function cutWhenStalled(res: Response, limits: HeavyReadLimits): () => void {
  const started = Date.now();
  let written = -1;
  let movedAt = started;
  const timer = setInterval(
    () => {
      const now = Date.now();
      const bytes = res.headersSent ? (res.socket?.bytesWritten ?? 0) : -1;
      if (!res.headersSent || bytes !== written) {
        written = bytes;
        movedAt = now;
      }
      if (now - started >= limits.sendDeadlineMs || now - movedAt >= limits.sendStallMs)
        res.destroy();
    },
    Math.max(10, Math.min(limits.sendStallMs, limits.sendDeadlineMs) / 5),
  );
  timer.unref();
  return () => clearInterval(timer);
}
