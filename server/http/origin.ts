/**
 * Same-origin rule for credentials the browser attaches by itself (the session cookie).
 * SameSite=Strict does not stop a page on another port of the same host, or a sibling
 * subdomain, from riding the cookie: so a cookie-authenticated socket or write must come
 * from the server's own origin (its Host) or an origin the operator allowed.
 * Bearer tokens are never attached by a browser on its own, so they need no such check.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from './errors.ts';

export function originAllowed(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) {
    // Browsers send Origin on every cross-origin request; when it is missing, Fetch
    // Metadata (sent by every current browser) still says whether the page was ours.
    const site = headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  if (allowed.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and anything unparsable
  }
  return host !== '' && host === headers.host;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses writes (and login/logout) that carry the session cookie from a page of another
 * origin: 403 `cross_origin`. Requests with a bearer token pass untouched.
 */
export function sameOriginWrites(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    // Only a bearer token stands in for the cookie check: any other Authorization header
    // leaves the request authenticated by its cookie, so the cookie's rule applies.
    if (SAFE_METHODS.has(req.method) || /^Bearer\s/i.test(req.headers.authorization ?? '')) {
      return next();
    }
    if (!req.headers.cookie || originAllowed(req.headers, allowed)) return next();
    sendError(res, 403, {
      code: 'cross_origin',
      message: `origin ${req.headers.origin ?? '(unknown)'} may not use this session; open Nakhoda from its own address`,
    });
  };
}
