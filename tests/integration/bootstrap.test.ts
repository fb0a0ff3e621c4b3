/**
 * First start (server/auth/bootstrap.ts) on an empty auth store: the admin comes from
 * NAKHODA_ADMIN_PASSWORD or gets a one-time password printed once; NAKHODA_ADMIN_TOKEN is
 * seeded once however often the server starts; demo users exist only in demo mode. A
 * whole server started without a password is then logged into with the printed one.
 */
import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStore } from '../../server/auth/auth.store.ts';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth.store.ts';
import {
  bootstrapAuth,
  DEMO_PASSWORD,
  DEMO_USERS,
  type BootstrapOptions,
} from '../../server/auth/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda, type Nakhoda } from '../../server/nakhoda.ts';
import { api, tempDbFile } from '../support/harness.ts';

const TOKEN = 'bootstrap-test-token-0123456789abcdef';
const NOW = new Date('2026-11-20T02:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freshStore(): { auth: AuthStore; file: string } {
  const temp = tempDbFile();
  const auth = openSqliteAuthStore(temp.file);
  cleanups.push(temp.cleanup, () => auth.close());
  return { auth, file: temp.file };
}

/** Runs the first-start step as the server does; returns what it printed. */
async function start(auth: AuthStore, opts: Partial<BootstrapOptions> = {}): Promise<string[]> {
  const lines: string[] = [];
  await bootstrapAuth(auth, {
    demo: false,
    baseUrl: 'http://127.0.0.1:8080',
    now: NOW,
    log: (m) => lines.push(m),
    ...opts,
  });
  return lines;
}

const ONE_TIME = /^auth: created user "admin" with one-time password (\S+) \(shown once/;

async function passwordWorks(auth: AuthStore, username: string, password: string) {
  const user = await auth.findLogin(username);
  return user !== undefined && (await verify(user.passwordHash, password));
}

describe('first-start bootstrap', () => {
  it('creates the admin with NAKHODA_ADMIN_PASSWORD, and never prints it', async () => {
    const { auth } = freshStore();
    const lines = await start(auth, { adminPassword: 'correct-horse-battery' });
    expect((await auth.listUsers()).map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    expect(await passwordWorks(auth, 'admin', 'correct-horse-battery')).toBe(true);
    expect(lines).toEqual([
      'auth: created user "admin" with the password from NAKHODA_ADMIN_PASSWORD',
    ]);
    expect(lines.join('\n')).not.toContain('correct-horse-battery');
  });

  it('without a password, prints a one-time password once, which is the admin’s', async () => {
    const { auth } = freshStore();
    const first = await start(auth);
    const printed = first.map((l) => ONE_TIME.exec(l)?.[1]).filter(Boolean);
    expect(printed).toHaveLength(1);
    const password = printed[0]!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await passwordWorks(auth, 'admin', password)).toBe(true);

    // A restart finds the admin: no new password, no second admin, the first still works.
    const again = await start(auth);
    expect(again.join('\n')).not.toMatch(/password/);
    expect(await auth.listUsers()).toHaveLength(1);
    expect(await passwordWorks(auth, 'admin', password)).toBe(true);
    // Two fresh stores get different passwords.
    const other = (await start(freshStore().auth)).map((l) => ONE_TIME.exec(l)?.[1]);
    expect(other.filter(Boolean)).not.toContain(password);
  });

  it('a password set later does not replace the admin’s existing one', async () => {
    const { auth } = freshStore();
    await start(auth, { adminPassword: 'first-password-1' });
    await start(auth, { adminPassword: 'second-password-2' });
    expect(await passwordWorks(auth, 'admin', 'first-password-1')).toBe(true);
    expect(await passwordWorks(auth, 'admin', 'second-password-2')).toBe(false);
  });

  it('seeds NAKHODA_ADMIN_TOKEN once, as an admin API token, however often it starts', async () => {
    const { auth } = freshStore();
    const first = await start(auth, { adminPassword: 'admin-password-1', adminToken: TOKEN });
    const second = await start(auth, { adminPassword: 'admin-password-1', adminToken: TOKEN });
    expect(first).toContain('auth: seeded the admin API token from NAKHODA_ADMIN_TOKEN');
    expect(second).not.toContain('auth: seeded the admin API token from NAKHODA_ADMIN_TOKEN');
    const seeded = (await auth.listTokens()).filter((t) => t.label === 'NAKHODA_ADMIN_TOKEN');
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ kind: 'api', role: 'admin', createdBy: 'bootstrap' });
    expect((await auth.tokenFor(TOKEN, NOW))?.id).toBe(seeded[0]!.id);
    expect([...first, ...second].join('\n')).not.toContain(TOKEN);
  });

  it('without NAKHODA_ADMIN_TOKEN, makes no token and no demo users outside demo mode', async () => {
    const { auth } = freshStore();
    const lines = await start(auth, { adminPassword: 'admin-password-1' });
    expect(await auth.listTokens()).toEqual([]);
    expect((await auth.listUsers()).map((u) => u.username)).toEqual(['admin']);
    expect(lines.join('\n')).not.toMatch(/demo/);
  });

  it('in demo mode, adds the demo users with the demo password and a demo wall', async () => {
    const { auth } = freshStore();
    const lines = await start(auth, { adminPassword: 'admin-password-1', demo: true });
    const users = (await auth.listUsers()).map((u) => [u.username, u.role, u.agency]);
    expect(users.sort()).toEqual(
      [['admin', 'admin', null], ...DEMO_USERS.map((u) => [u.username, u.role, u.agency])].sort(),
    );
    for (const u of DEMO_USERS)
      expect(await passwordWorks(auth, u.username, DEMO_PASSWORD)).toBe(true);
    expect((await auth.listTokens()).map((t) => [t.label, t.kind])).toEqual([
      ['Demo wall', 'display'],
    ]);
    expect(lines).toContain(
      `demo: log in at http://127.0.0.1:8080/login as supervisor, dsda or viewer with password "${DEMO_PASSWORD}"`,
    );
  });

  it('a server started without a password is logged into with the printed one', async () => {
    const temp = tempDbFile();
    cleanups.push(temp.cleanup);
    const lines: string[] = [];
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${temp.file}`,
      SIMULATOR: 'off',
    });
    const nakhoda: Nakhoda = await startNakhoda(config, { log: (m) => lines.push(m) });
    cleanups.push(() => nakhoda.close());
    const password = lines.map((l) => ONE_TIME.exec(l)?.[1]).find(Boolean);
    if (!password) throw new Error(`no one-time password printed: ${lines.join(' | ')}`);
    const wrong = await api(
      nakhoda.url,
      'POST',
      '/api/v1/auth/login',
      { username: 'admin', password: `${password}x` },
      { authorization: '' },
    );
    expect(wrong.status).toBe(401);
    const res = await api(
      nakhoda.url,
      'POST',
      '/api/v1/auth/login',
      { username: 'admin', password },
      { authorization: '' },
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(lines.join('\n')).not.toMatch(/^demo:/m);
  });
});
