/**
 * The AuthStore contract: what every auth store (SQLite embedded, PostgreSQL for several
 * nodes) must do, as one vitest suite a store's test file registers with its own open
 * function. Each test opens a fresh, empty store with a look-up cache that never runs out
 * by itself (an hour), so whatever a test sees change, a write or a notification changed.
 * Users, sessions and tokens are here; pairing codes and secrecy in
 * auth-store-contract-pairing.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/auth/auth-secrets.ts';
import type { AuthStore, NewUser } from '../../server/auth/auth.store.ts';
import { describePairingContract } from './auth-store-contract-pairing.ts';

export interface OpenedAuthStore {
  /** A store on new, empty tables. */
  auth: AuthStore;
  /** The store's database, read and written behind the store's back (no cache emptied). */
  raw: {
    /** Every row of an auth table, as the database holds it. */
    table(name: 'users' | 'sessions' | 'tokens' | 'pairing_codes'): Promise<object[]>;
    /** Marks a token revoked, as another process on the database could. */
    revokeDirectly(tokenId: string, at: string): Promise<void>;
  };
  /** Closes the store (if the test has not) and removes its tables. */
  cleanup(): Promise<void>;
}

export type CurrentAuthStore = () => OpenedAuthStore;

/** What each store is opened with: no entry expires during a test. */
export const CACHE_FOR_TESTS = { ttlMs: 3_600_000 };

export const T0 = new Date('2026-11-20T02:00:00.000Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export const newUser = (username: string, extra: Partial<NewUser> = {}): NewUser => ({
  username,
  name: `User ${username}`,
  passwordHash: `$argon2id$stand-in-for-${username}`,
  role: 'supervisor',
  agency: null,
  ...extra,
});

export const apiToken = {
  kind: 'api',
  role: 'viewer',
  label: 'Script',
  createdBy: 'test',
} as const;
export const displayToken = {
  kind: 'display',
  role: 'display',
  label: 'Wall',
  createdBy: 'test',
} as const;

export function describeAuthStoreContract(
  name: string,
  open: () => Promise<OpenedAuthStore>,
): void {
  describe(`AuthStore contract: ${name}`, () => {
    let opened: OpenedAuthStore;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });
    const current: CurrentAuthStore = () => opened;

    describe('users', () => {
      it('creates, finds, lists by username and counts users', async () => {
        const { auth } = current();
        expect(await auth.countUsers()).toBe(0);
        const zed = await auth.createUser(newUser('zed'), T0);
        const ana = await auth.createUser(newUser('ana', { role: 'agency', agency: 'dsda' }), T0);
        expect(zed).toEqual({
          id: zed.id,
          username: 'zed',
          name: 'User zed',
          role: 'supervisor',
          agency: null,
          fieldCrew: false,
          disabled: false,
          createdAt: T0.toISOString(),
        });
        expect(await auth.getUser(ana.id)).toEqual(ana);
        expect(await auth.getUser('no-such-id')).toBeUndefined();
        expect(await auth.findLogin('ana')).toEqual({
          ...ana,
          passwordHash: '$argon2id$stand-in-for-ana',
        });
        expect(await auth.findLogin('nobody')).toBeUndefined();
        expect((await auth.listUsers()).map((u) => u.username)).toEqual(['ana', 'zed']);
        expect(await auth.countUsers()).toBe(2);
      });

      it('refuses a taken username and stores nothing of it', async () => {
        const { auth } = current();
        await auth.createUser(newUser('ana'), T0);
        await expect(auth.createUser(newUser('ana', { name: 'Other' }), T0)).rejects.toThrow();
        expect((await auth.listUsers()).map((u) => u.name)).toEqual(['User ana']);
      });

      it('changes only what is given; agency null clears it; unknown users are undefined', async () => {
        const { auth } = current();
        const u = await auth.createUser(newUser('ana', { role: 'agency', agency: 'dsda' }), T0);
        expect(await auth.updateUser(u.id, { passwordHash: 'new-hash' })).toEqual(u);
        expect((await auth.findLogin('ana'))?.passwordHash).toBe('new-hash');
        expect(await auth.updateUser(u.id, { role: 'viewer', agency: null })).toEqual({
          ...u,
          role: 'viewer',
          agency: null,
        });
        expect(await auth.updateUser(u.id, {})).toMatchObject({ role: 'viewer' });
        expect(await auth.updateUser('no-such-id', { role: 'viewer' })).toBeUndefined();
      });

      it('keeps a field crew mark, changes it when given, and finds it through a session', async () => {
        const { auth } = current();
        const crew = { role: 'agency' as const, agency: 'dsda', fieldCrew: true };
        const u = await auth.createUser(newUser('ana', crew), T0);
        expect(u.fieldCrew).toBe(true);
        expect((await auth.findLogin('ana'))?.fieldCrew).toBe(true);
        const { secret } = await auth.createSession(u.id, T0, 60_000);
        expect((await auth.sessionUser(secret, T0))?.fieldCrew).toBe(true);
        expect(await auth.updateUser(u.id, { agency: 'bm' })).toMatchObject({ fieldCrew: true });
        expect(await auth.updateUser(u.id, { fieldCrew: false })).toMatchObject({
          agency: 'bm',
          fieldCrew: false,
        });
        expect((await auth.sessionUser(secret, T0))?.fieldCrew).toBe(false);
      });

      it('disabling a user ends their sessions, and a disabled user has none', async () => {
        const { auth, raw } = current();
        const u = await auth.createUser(newUser('ana'), T0);
        const other = await auth.createUser(newUser('bob'), T0);
        const s = await auth.createSession(u.id, T0, 3_600_000);
        const kept = await auth.createSession(other.id, T0, 3_600_000);
        expect(await auth.sessionUser(s.secret, T0)).toMatchObject({ id: u.id });
        expect(await auth.updateUser(u.id, { disabled: true })).toMatchObject({ disabled: true });
        expect(await auth.sessionUser(s.secret, T0)).toBeUndefined();
        expect(await raw.table('sessions')).toHaveLength(1);
        expect(await auth.sessionUser(kept.secret, T0)).toMatchObject({ id: other.id });
        // A session made for a disabled user (a login racing the disabling) still fails.
        const late = await auth.createSession(u.id, T0, 3_600_000);
        expect(await auth.sessionUser(late.secret, T0)).toBeUndefined();
        expect(await auth.updateUser(u.id, { disabled: false })).toMatchObject({ disabled: false });
        expect(await auth.sessionUser(late.secret, T0)).toMatchObject({ id: u.id });
      });
    });

    describe('sessions', () => {
      it('a session holds until its expiry, by secret or by hash', async () => {
        const { auth } = current();
        const u = await auth.createUser(newUser('ana'), T0);
        const s = await auth.createSession(u.id, T0, 60_000);
        expect(s.secret).toMatch(/^nks_[\w-]{43}$/);
        expect(s.expiresAt).toBe(at(60_000).toISOString());
        expect(await auth.sessionUser(s.secret, at(59_999))).toEqual(u);
        expect(await auth.sessionUserByHash(sha256(s.secret), T0)).toEqual(u);
        expect(await auth.sessionUser(s.secret, at(60_000))).toBeUndefined();
        expect(await auth.sessionUser('nks_not-a-session', T0)).toBeUndefined();
      });

      it('logout ends one session; ending a user’s sessions ends all of theirs', async () => {
        const { auth } = current();
        const u = await auth.createUser(newUser('ana'), T0);
        const [a, b, c] = [
          await auth.createSession(u.id, T0, 60_000),
          await auth.createSession(u.id, T0, 60_000),
          await auth.createSession(u.id, T0, 60_000),
        ];
        expect(await auth.deleteSession(a.secret)).toBe(1);
        expect(await auth.deleteSession(a.secret)).toBe(0);
        expect(await auth.sessionUser(a.secret, T0)).toBeUndefined();
        expect(await auth.sessionUser(b.secret, T0)).toEqual(u);
        expect(await auth.endSessions(u.id)).toBe(2);
        expect(await auth.sessionUser(b.secret, T0)).toBeUndefined();
        expect(await auth.sessionUser(c.secret, T0)).toBeUndefined();
      });
    });

    describe('tokens', () => {
      it('mints a secret per kind, shown once, that finds its token until it expires', async () => {
        const { auth } = current();
        const expiresAt = at(60_000).toISOString();
        const api = await auth.createToken({ ...apiToken, expiresAt }, T0);
        const ingest = await auth.createToken(
          { kind: 'ingest', role: 'ingest', label: 'Qlue', source: 'qlue', createdBy: 'test' },
          T0,
        );
        const wall = await auth.createToken(displayToken, T0);
        expect(api.secret).toMatch(/^nka_/);
        expect(ingest.secret).toMatch(/^nki_/);
        expect(wall.secret).toMatch(/^nkd_/);
        expect(api.token).toEqual({
          id: api.token.id,
          kind: 'api',
          role: 'viewer',
          label: 'Script',
          agency: null,
          source: null,
          createdAt: T0.toISOString(),
          createdBy: 'test',
          expiresAt,
          revokedAt: null,
        });
        expect(ingest.token).toMatchObject({ source: 'qlue', expiresAt: null });
        expect(await auth.getToken(api.token.id)).toEqual(api.token);
        expect(await auth.tokenFor(api.secret, at(59_999))).toEqual(api.token);
        expect(await auth.tokenByHash(sha256(ingest.secret), T0)).toEqual(ingest.token);
        expect(await auth.tokenFor(api.secret, at(60_000))).toBeUndefined();
        expect(await auth.tokenFor('nka_not-a-token', T0)).toBeUndefined();
        expect(await auth.hasTokenHash(api.secret)).toBe(true);
        expect(await auth.hasTokenHash('nka_not-a-token')).toBe(false);
      });

      it('keeps a given secret (a seeded admin token) and lists tokens newest first', async () => {
        const { auth } = current();
        const first = await auth.createToken(apiToken, T0, 'seeded-secret-0123456789');
        const second = await auth.createToken(displayToken, at(1_000));
        expect(first.secret).toBe('seeded-secret-0123456789');
        expect(await auth.tokenFor('seeded-secret-0123456789', T0)).toEqual(first.token);
        expect(await auth.listTokens()).toEqual([second.token, first.token]);
      });

      it('revokes once: refused from the next look-up, the first revocation time kept', async () => {
        const { auth } = current();
        const { secret, token } = await auth.createToken(apiToken, T0);
        expect(await auth.tokenFor(secret, T0)).toEqual(token);
        const revoked = await auth.revokeToken(token.id, at(1_000));
        expect(revoked).toEqual({ ...token, revokedAt: at(1_000).toISOString() });
        expect(await auth.tokenFor(secret, at(1_000))).toBeUndefined();
        expect(await auth.revokeToken(token.id, at(2_000))).toEqual(revoked);
        expect(await auth.hasTokenHash(secret)).toBe(true);
        expect(await auth.revokeToken('no-such-id', T0)).toBeUndefined();
      });
    });

    describe('look-up cache', () => {
      it('answers from the cache until any write through the store empties it', async () => {
        const { auth, raw } = current();
        const { secret, token } = await auth.createToken(apiToken, T0);
        expect(await auth.tokenFor(secret, T0)).toEqual(token);
        // Revoked behind the store's back: the cached answer still holds...
        await raw.revokeDirectly(token.id, T0.toISOString());
        expect(await auth.tokenFor(secret, T0)).toEqual(token);
        // ...until the store writes anything at all.
        await auth.createUser(newUser('ana'), T0);
        expect(await auth.tokenFor(secret, T0)).toBeUndefined();
      });
    });

    describePairingContract(current);
  });
}
