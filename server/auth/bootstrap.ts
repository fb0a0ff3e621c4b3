/**
 * First start: makes sure an admin exists (from NAKHODA_ADMIN_PASSWORD, or a one-time
 * password printed once), seeds NAKHODA_ADMIN_TOKEN for automation, and for the demo
 * creates demo users and a wall display token and says how to use them: each start prints
 * a fresh one-time pairing link for the demo wall, never a token.
 */
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PAIRING_TTL_MS, wallPairingPath } from '../../shared/domain/pairing.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { tokenUsable } from './auth-rows.ts';
import type { AuthStore } from './auth.store.ts';

export interface BootstrapOptions {
  adminPassword?: string | undefined;
  adminToken?: string | undefined;
  demo: boolean;
  baseUrl: string;
  now: Date;
  log: (msg: string) => void;
}

export const DEMO_USERS = [
  { username: 'supervisor', name: 'Supervisor Demo', role: 'supervisor', agency: null },
  // Works in the field too: the demo's /field page, with the crews' backdating bound.
  {
    username: 'dsda',
    name: 'Operator Dinas SDA',
    role: 'agency',
    agency: 'dsda',
    fieldCrew: true,
  },
  { username: 'viewer', name: 'Pimpinan Demo', role: 'viewer', agency: null },
] as const;
export const DEMO_PASSWORD = 'nakhoda-demo';
const DEMO_WALL_LABEL = 'Demo wall';

export async function bootstrapAuth(auth: AuthStore, opts: BootstrapOptions): Promise<void> {
  const { now, log } = opts;
  if ((await auth.countUsers()) === 0) {
    const password = opts.adminPassword ?? randomBytes(12).toString('base64url');
    await auth.createUser(
      {
        username: 'admin',
        name: 'Administrator',
        role: 'admin',
        agency: null,
        passwordHash: await hash(password),
      },
      now,
    );
    if (opts.adminPassword)
      log('auth: created user "admin" with the password from NAKHODA_ADMIN_PASSWORD');
    else
      log(
        `auth: created user "admin" with one-time password ${password} (shown once: change it after login)`,
      );
    if (opts.demo) {
      const demoHash = await hash(DEMO_PASSWORD);
      for (const u of DEMO_USERS) await auth.createUser({ ...u, passwordHash: demoHash }, now);
    }
  }
  if (opts.demo) {
    // One demo wall token for the database's life: a wall paired before a restart stays
    // paired. Each start only prints a new pairing code; opening it moves the wall there.
    const iso = now.toISOString();
    const demoWall =
      (await auth.listTokens()).find(
        (t) =>
          t.label === DEMO_WALL_LABEL &&
          t.kind === 'display' &&
          t.createdBy === 'bootstrap' &&
          tokenUsable(t, iso),
      ) ??
      (
        await auth.createToken(
          { kind: 'display', role: 'display', label: DEMO_WALL_LABEL, createdBy: 'bootstrap' },
          now,
        )
      ).token;
    const pairing = (await auth.issuePairing(demoWall.id, now))!;
    log(
      `demo: log in at ${opts.baseUrl}/login as supervisor, dsda or viewer with password "${DEMO_PASSWORD}"`,
    );
    log(
      `demo: wall display URL (open once within ${PAIRING_TTL_MS / MINUTE_MS} minutes): ${opts.baseUrl}${wallPairingPath(pairing.code)}`,
    );
  }
  if (opts.adminToken && !(await auth.hasTokenHash(opts.adminToken))) {
    await auth.createToken(
      { kind: 'api', role: 'admin', label: 'NAKHODA_ADMIN_TOKEN', createdBy: 'bootstrap' },
      now,
      opts.adminToken,
    );
    log('auth: seeded the admin API token from NAKHODA_ADMIN_TOKEN');
  }
}
