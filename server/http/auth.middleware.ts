/**
 * Authentication for HTTP: every /api/v1 request carries a principal or is refused
 * with 401; route handlers then ask the shared policy what that principal may do.
 */
import type { RequestHandler, Response } from 'express';
import type { Action, Principal } from '../../shared/domain/access.ts';
import { authorize } from '../../shared/domain/access.ts';
import type { AuthStore } from '../auth/auth.store.ts';
import { authenticate } from '../auth/authenticate.ts';
import { sendError } from './errors.ts';

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new Error('route reached without authentication');
  return p;
}

export function authenticateRequests(auth: AuthStore, clock: () => Date): RequestHandler {
  return async (req, res, next) => {
    const principal = await authenticate(
      auth,
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      clock(),
    );
    if (!principal) {
      sendError(res, 401, {
        code: 'unauthenticated',
        message: 'log in, or send Authorization: Bearer <token>',
      });
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

/** Refuses with 403 unless the principal may take the action. */
export function allow(
  action: Action['type'] & ('incident:read' | 'events:read' | 'admin:manage'),
): RequestHandler {
  return (_req, res, next) => {
    const decision = authorize(principalOf(res), { type: action });
    if (!decision.allowed) {
      sendError(res, 403, { code: 'forbidden', message: decision.reason });
      return;
    }
    next();
  };
}
