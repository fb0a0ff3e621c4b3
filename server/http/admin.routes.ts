/**
 * Admin API: users (create, change role, disable, reset password) and tokens
 * (wall display tokens, per-source ingest keys, API tokens; create and revoke).
 * A new token's secret is shown once in the response; only its hash is kept. A display
 * token's secret is never shown: the admin gets a one-time pairing code for the wall.
 */
import { hash } from '@node-rs/argon2';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { CityPack } from '../../shared/city/types.ts';
import { agencyByCode } from '../../shared/city/lookup.ts';
import { USER_ROLES } from '../../shared/domain/access.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import { SOURCES } from '../../shared/domain/types.ts';
import {
  formatPairingCode,
  wallPairingPath,
  type WallPairing,
} from '../../shared/domain/pairing.ts';
import type { AuthStore, UserRecord } from '../auth/auth.store.ts';
import { allow, principalOf } from './auth.middleware.ts';
import { requireJson, sendError } from './errors.ts';

const password = z.string().min(10, 'at least 10 characters').max(256);

const NewUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{2,64}$/, 'lower-case letters, digits, . _ - (2–64)'),
    name: z.string().trim().min(1).max(120),
    role: z.enum(USER_ROLES),
    agency: z.string().max(64).nullable().optional(),
    fieldCrew: z.boolean().optional(),
    password,
  })
  .strict();

const UserChangeSchema = z
  .object({
    role: z.enum(USER_ROLES).optional(),
    agency: z.string().max(64).nullable().optional(),
    fieldCrew: z.boolean().optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .strict();

const NewTokenSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('display'),
      label: z.string().trim().min(1).max(120),
      expiresAt: z.iso.datetime().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ingest'),
      label: z.string().trim().min(1).max(120),
      source: z.enum(SOURCES),
      expiresAt: z.iso.datetime().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('api'),
      label: z.string().trim().min(1).max(120),
      role: z.enum(USER_ROLES),
      agency: z.string().max(64).optional(),
      expiresAt: z.iso.datetime().optional(),
    })
    .strict(),
]);

function rightsOrPasswordChanged(
  before: UserRecord,
  after: UserRecord | undefined,
  passwordReset: boolean,
): boolean {
  if (passwordReset || !after) return true;
  return (
    before.role !== after.role ||
    before.agency !== after.agency ||
    before.fieldCrew !== after.fieldCrew ||
    before.disabled !== after.disabled
  );
}

const pairingOf = (p: { code: string; expiresAt: string }): WallPairing => ({
  code: formatPairingCode(p.code),
  expiresAt: p.expiresAt,
  wallPath: wallPairingPath(p.code),
});

export function adminRouter(deps: {
  auth: AuthStore;
  pack: CityPack;
  clock: () => Date;
  onRevoked: (principalId: string) => void;
}): Router {
  const { auth, pack, clock } = deps;
  const router = Router();
  router.use('/admin', allow('admin:manage'));

  const agencyProblem = (role: string | undefined, agency: string | null | undefined) => {
    if (role === 'agency' && !agency) return 'agency operators need an agency';
    if (agency && !agencyByCode(pack, agency)) return `unknown agency '${agency}'`;
    return null;
  };
  const CREW_PROBLEM = 'only agency operators can be field crew';
  const crewRefused = (res: Response) =>
    sendError(res, 422, {
      code: 'invalid_field',
      message: `fieldCrew: ${CREW_PROBLEM}`,
      fields: { fieldCrew: CREW_PROBLEM },
    });

  router.get('/admin/users', async (_req, res) => {
    res.json({ users: await auth.listUsers() });
  });

  router.post('/admin/users', requireJson, async (req, res) => {
    const parsed = NewUserSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const u = parsed.data;
    const problem = agencyProblem(u.role, u.agency);
    if (problem)
      return sendError(res, 422, {
        code: 'invalid_field',
        message: `agency: ${problem}`,
        fields: { agency: problem },
      });
    if (u.fieldCrew && u.role !== 'agency') return crewRefused(res);
    if (await auth.findLogin(u.username)) {
      return sendError(res, 409, {
        code: 'exists',
        message: `username: '${u.username}' is taken`,
        fields: { username: 'is taken' },
      });
    }
    const user = await auth.createUser(
      {
        username: u.username,
        name: u.name,
        role: u.role,
        agency: u.role === 'agency' ? (u.agency ?? null) : null,
        fieldCrew: u.fieldCrew ?? false,
        passwordHash: await hash(u.password),
      },
      clock(),
    );
    res.status(201).json({ user });
  });

  router.patch<{ id: string }>('/admin/users/:id', requireJson, async (req, res) => {
    const parsed = UserChangeSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const existing = await auth.getUser(req.params.id);
    if (!existing)
      return sendError(res, 404, { code: 'not_found', message: `no user '${req.params.id}'` });
    const c = parsed.data;
    const role = c.role ?? existing.role;
    const problem = agencyProblem(role, c.agency === undefined ? existing.agency : c.agency);
    if (problem)
      return sendError(res, 422, {
        code: 'invalid_field',
        message: `agency: ${problem}`,
        fields: { agency: problem },
      });
    if (c.fieldCrew && role !== 'agency') return crewRefused(res);
    if (existing.id === principalOf(res).id && (c.disabled || (c.role && c.role !== 'admin'))) {
      return sendError(res, 409, {
        code: 'self_lockout',
        message: 'an admin cannot disable or demote themselves',
      });
    }
    const user = await auth.updateUser(existing.id, {
      role: c.role,
      agency: role === 'agency' ? c.agency : null,
      // A user leaving the agency role leaves the crew with it.
      fieldCrew: role === 'agency' ? c.fieldCrew : false,
      disabled: c.disabled,
      passwordHash: c.password ? await hash(c.password) : undefined,
    });
    // Any change of rights or password ends the user's sessions and hangs up their sockets.
    if (rightsOrPasswordChanged(existing, user, c.password !== undefined)) {
      await auth.endSessions(existing.id);
      deps.onRevoked(existing.id);
    }
    res.json({ user });
  });

  router.get('/admin/tokens', async (_req, res) => {
    res.json({ tokens: await auth.listTokens() });
  });

  router.post('/admin/tokens', requireJson, async (req, res) => {
    const parsed = NewTokenSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, zodError(parsed.error));
    const t = parsed.data;
    const createdBy = principalOf(res).name;
    const base = { label: t.label, expiresAt: t.expiresAt ?? null, createdBy };
    const spec =
      t.kind === 'display'
        ? { ...base, kind: t.kind, role: 'display' as const }
        : t.kind === 'ingest'
          ? { ...base, kind: t.kind, role: 'ingest' as const, source: t.source }
          : { ...base, kind: t.kind, role: t.role, agency: t.agency ?? null };
    if (t.kind === 'api') {
      const problem = agencyProblem(t.role, t.agency);
      if (problem)
        return sendError(res, 422, {
          code: 'invalid_field',
          message: `agency: ${problem}`,
          fields: { agency: problem },
        });
    }
    const now = clock();
    const { secret, token } = await auth.createToken(spec, now);
    if (token.kind !== 'display') {
      res.status(201).json({ token, secret });
      return;
    }
    // The secret minted here is dropped unseen; the wall gets its own when it pairs.
    res.status(201).json({ token, pairing: pairingOf((await auth.issuePairing(token.id, now))!) });
  });

  router.post<{ id: string }>('/admin/tokens/:id/pairing', async (req, res) => {
    const token = await auth.getToken(req.params.id);
    if (!token)
      return sendError(res, 404, { code: 'not_found', message: `no token '${req.params.id}'` });
    const issued = await auth.issuePairing(token.id, clock());
    if (!issued)
      return sendError(res, 409, {
        code: 'not_pairable',
        message: 'only an active wall display token can be paired',
      });
    res.status(201).json({ token, pairing: pairingOf(issued) });
  });

  router.delete<{ id: string }>('/admin/tokens/:id', async (req, res) => {
    const token = await auth.revokeToken(req.params.id, clock());
    if (!token)
      return sendError(res, 404, { code: 'not_found', message: `no token '${req.params.id}'` });
    deps.onRevoked(token.id);
    res.json({ token });
  });

  return router;
}
