/**
 * Counts HTTP answers for /metrics, and among them the 429 refusals, by watching each
 * response finish: the rate limiters themselves need not know about metrics.
 */
import type { Request, RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The matched route's pattern (`/api/v1/incidents/:id`), else the mount of the middleware
 * that answered (a limiter's `/api/v1/auth/login`), else `other`: never the raw URL, so the
 * label's values stay few. Every mount in the app is a fixed path, so `baseUrl` is too.
 * Express restores `baseUrl` when an error leaves a router: those answers name only the
 * route's own path.
 */
export function routeLabel(req: Request): string {
  const base = typeof req.baseUrl === 'string' ? req.baseUrl : '';
  const path: unknown = req.route?.path;
  if (typeof path === 'string') return `${base}${path}`;
  if (req.route) return 'other';
  return base || 'other';
}

export function countHttpRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      const route = routeLabel(req);
      const method = METHODS.has(req.method) ? req.method : 'other';
      metrics.httpRequests.inc({ method, route, status: String(res.statusCode) });
      if (res.statusCode === 429) metrics.rateLimited.inc({ route });
    });
    next();
  };
}
