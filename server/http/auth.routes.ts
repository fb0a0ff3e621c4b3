/**
 * Login, logout and "who am I". Sessions are random secrets in an httpOnly,
 * SameSite=Strict cookie (Secure behind TLS); only their hash is stored. A wall display
 * pairs here too: it trades a one-time code for its display token's secret.
 */
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { z } from 'zod';
import type { AuthStore } from '../auth/auth.store.ts';
import { sha256 } from '../auth/auth-secrets.ts';
import { authenticate, SESSION_COOKIE, sessionSecretOf } from '../auth/authenticate.ts';
import { normalizePairingCode } from '../../shared/domain/pairing.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import { requireJson, sendError } from './errors.ts';

const LoginSchema = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

const PairSchema = z
  .object({
    code: z
      .string()
      .max(32)
      .transform((s, ctx) => {
        const code = normalizePairingCode(s);
        if (code === null) ctx.addIssue({ code: 'custom', message: 'not a pairing code' });
        return code ?? '';
      }),
  })
  .strict();

const PAIRING_REFUSED = {
  unknown: [404, 'pairing_unknown', 'unknown or already used: ask for a new code in /admin'],
  expired: [400, 'pairing_expired', 'expired: ask for a new code in /admin'],
  revoked: [400, 'pairing_revoked', 'its display token is revoked or expired'],
} as const;

/** Verified against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;

export function authRouter(deps: {
  auth: AuthStore;
  clock: () => Date;
  sessionHours: number;
  /** Hangs up the live sockets of a session that just ended (by its hash). */
  onSessionEnded: (sessionHash: string) => void;
  /** A display token got a new secret by pairing: whoever held the old one is cut off. */
  onTokenRotated?: (tokenId: string) => void;
}): Router {
  const { auth, clock } = deps;
  const router = Router();

  router.post('/auth/login', requireJson, async (req, res) => {
    const parsed = LoginSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const user = await auth.findLogin(parsed.data.username);
    dummyHash ??= hash('not-a-real-password');
    const ok = await verify(user?.passwordHash ?? (await dummyHash), parsed.data.password);
    if (!user || !ok || user.disabled) {
      return sendError(res, 401, {
        code: 'bad_credentials',
        message: 'wrong username or password',
      });
    }
    const { secret, expiresAt } = await auth.createSession(
      user.id,
      clock(),
      deps.sessionHours * HOUR_MS,
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

  // JSON only: a cross-site form (text/plain, urlencoded) cannot log people out.
  router.post('/auth/logout', requireJson, async (req, res) => {
    const secret = sessionSecretOf(req.headers.cookie);
    if (secret) {
      await auth.deleteSession(secret);
      deps.onSessionEnded(sha256(secret));
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.post('/auth/pair', requireJson, async (req, res) => {
    const parsed = PairSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const result = await auth.redeemPairing(parsed.data.code, clock());
    if (!result.ok) {
      const [status, code, problem] = PAIRING_REFUSED[result.reason];
      return sendError(res, status, {
        code,
        message: `code: ${problem}`,
        fields: { code: problem },
      });
    }
    deps.onTokenRotated?.(result.token.id);
    res.json({ token: result.secret });
  });

  router.get('/auth/me', async (req, res) => {
    const p = await authenticate(
      auth,
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      clock(),
    );
    if (!p) return sendError(res, 401, { code: 'unauthenticated', message: 'not logged in' });
    res.json({ principal: p });
  });

  return router;
}
