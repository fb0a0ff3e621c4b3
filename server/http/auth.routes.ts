/**
 * Login, logout and "who am I". Sessions are random secrets in an httpOnly,
 * SameSite=Strict cookie (Secure behind TLS); only their hash is stored.
 */
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { z } from 'zod';
import type { AuthStore } from '../auth/auth.store.ts';
import { authenticate, SESSION_COOKIE, sessionSecretOf } from '../auth/authenticate.ts';
import { zodError } from '../incident-service.ts';
import { requireJson, sendError } from './errors.ts';

const LoginSchema = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

/** Verified against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;

export function authRouter(deps: {
  auth: AuthStore;
  clock: () => Date;
  sessionHours: number;
}): Router {
  const { auth, clock } = deps;
  const router = Router();

  router.post('/auth/login', requireJson, async (req, res) => {
    const parsed = LoginSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const user = auth.findLogin(parsed.data.username);
    dummyHash ??= hash('not-a-real-password');
    const ok = await verify(user?.passwordHash ?? (await dummyHash), parsed.data.password);
    if (!user || !ok || user.disabled) {
      return sendError(res, 401, {
        code: 'bad_credentials',
        message: 'wrong username or password',
      });
    }
    const { secret, expiresAt } = auth.createSession(
      user.id,
      clock(),
      deps.sessionHours * 3_600_000,
    );
    res.cookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      expires: new Date(expiresAt),
    });
    res.json({
      user: {
        id: user.id,
        username: user.username,
        name: user.name,
        role: user.role,
        agency: user.agency,
      },
      expiresAt,
    });
  });

  router.post('/auth/logout', (req, res) => {
    const secret = sessionSecretOf(req.headers.cookie);
    if (secret) auth.deleteSession(secret);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', (req, res) => {
    const p = authenticate(
      auth,
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      clock(),
    );
    if (!p) return sendError(res, 401, { code: 'unauthenticated', message: 'not logged in' });
    res.json({ principal: p });
  });

  return router;
}
