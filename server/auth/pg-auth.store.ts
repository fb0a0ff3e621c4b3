/**
 * The auth store in PostgreSQL (node-postgres), shared by every node on one database: the
 * same tables, columns and semantics as SQLite's (server/log/migrations/002_auth.sql, 009_field_crew.sql).
 *
 * Open it after the PostgreSQL Store (openPgStore) of the same URL and schema: that one
 * applies the migrations, so this store finds its tables made; it says so if they are not.
 *
 * Revocation across nodes: every write NOTIFYs `nakhoda_auth` in its own transaction, so
 * the notification goes out at commit and never for a rolled-back write; its payload is the
 * schema written, a space, and the writing store's id. Each auth store LISTENs on a
 * dedicated connection (server/log/pg-listen.ts) and empties its look-up cache on every
 * notification for its schema, so a token revoked through one node is refused by the
 * others as soon as the notification arrives, not when their cache entries run out. The
 * writer's own cache was emptied when its commit returned, so it skips its own
 * notifications: arriving later, they would only throw away look-ups made since. While that connection is down (it comes back by itself) the cache is not
 * trusted: every look-up reads the database, since notifications may be going unheard.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inTransaction } from '../log/pg-transaction.ts';
import { PAIRING_TTL_MS } from '../../shared/domain/pairing.ts';
import { watchChannel } from '../log/pg-listen.ts';
import type { LookupCacheOptions } from './auth-cache.ts';
import { createLookupCache } from './auth-cache.ts';
import type { PairingRow, TokenRow, UserRow } from './auth-rows.ts';
import {
  NEW_TOKEN_COLUMNS,
  newTokenValues,
  tokenPairable,
  tokenUsable,
  toToken,
  toUser,
} from './auth-rows.ts';
import {
  newPairingCode,
  newSecret,
  newSessionSecret,
  newTokenSecret,
  sha256,
} from './auth-secrets.ts';
import type { AuthStore, PairingRedemption } from './auth.store.ts';

export interface PgAuthStoreOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** The schema the PostgreSQL Store migrated (default public). */
  schema?: string | undefined;
  /** Look-ups are one short query each; a few connections serve a node. */
  poolSize?: number | undefined;
  cache?: LookupCacheOptions | undefined;
}

/** The channel every node's auth store listens on (see the payload above). */
export const AUTH_CHANNEL = 'nakhoda_auth';
/** How the LISTEN connection shows in pg_stat_activity (and how a test finds it). */
export const AUTH_LISTEN_APPLICATION = 'nakhoda-auth-listen';
/** A fresh store waits this long at most for its LISTEN connection, then opens uncached. */
const LISTEN_WAIT_MS = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const SESSION_USER = `SELECT u.*, s.expires_at AS session_expires_at
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND NOT u.disabled`;

export async function openPgAuthStore(opts: PgAuthStoreOptions): Promise<AuthStore> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 4,
    application_name: 'nakhoda-auth',
    options: `-c search_path=${schema}`,
    // A request or socket handshake waits on a look-up: with the database gone it fails
    // (503) after a while instead of hanging, and a half-open connection is noticed.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // An idle connection that dies (a server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1 FROM users LIMIT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL auth tables unreadable in schema ${schema} (open the PostgreSQL Store first: it migrates): ${String(error)}`,
      { cause: error },
    );
  }

  const cache = createLookupCache(opts.cache);
  cache.setTrusted(false);
  const writer = randomUUID();
  const notice = `${schema} ${writer}`;
  const listenUrl = new URL(opts.url);
  listenUrl.searchParams.set('application_name', AUTH_LISTEN_APPLICATION);
  let listening: () => void = () => undefined;
  const firstListen = new Promise<void>((resolve) => (listening = resolve));
  const watch = watchChannel({
    url: listenUrl.toString(),
    channel: AUTH_CHANNEL,
    onNotify: (payload) => {
      // Anything else that writes these tables may NOTIFY with the schema alone.
      const [written, by] = payload.split(' ');
      if (written === schema && by !== writer) cache.clear();
    },
    // Down: notifications may go unheard. Up again: some may have been missed. Both empty it.
    onState: (up) => {
      cache.setTrusted(up);
      if (up) listening();
    },
  });
  const waited = new AbortController();
  const gaveUp = sleep(LISTEN_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined);
  await Promise.race([firstListen, gaveUp]);
  waited.abort();

  const rows = async <R extends object>(text: string, values?: unknown[]) =>
    (await pool.query<R>(text, values)).rows;

  /** A write: one transaction that NOTIFYs every node at commit; this node's cache empties too. */
  async function write<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(pool, 'BEGIN', async (client) => {
        const value = await work(client);
        await client.query('SELECT pg_notify($1, $2)', [AUTH_CHANNEL, notice]);
        return value;
      });
    } finally {
      cache.clear();
    }
  }

  const getToken = async (id: string) => {
    const [r] = await rows<TokenRow>('SELECT * FROM tokens WHERE id = $1', [id]);
    return r && toToken(r);
  };
  const getUser = async (id: string) => {
    const [r] = await rows<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return r && toUser(r);
  };
  const sessionUserByHash = async (idHash: string, now: Date) => {
    const c = await cache.lookup(`s:${idHash}`, async () => {
      const [r] = await rows<UserRow & { session_expires_at: string }>(SESSION_USER, [idHash]);
      return r && { kind: 'session', user: toUser(r), expiresAt: r.session_expires_at };
    });
    if (c?.kind !== 'session' || c.expiresAt <= now.toISOString()) return undefined;
    return c.user;
  };
  const tokenByHash = async (hash: string, now: Date) => {
    const c = await cache.lookup(`t:${hash}`, async () => {
      const [r] = await rows<TokenRow>('SELECT * FROM tokens WHERE hash = $1', [hash]);
      return r && { kind: 'token', token: toToken(r) };
    });
    if (c?.kind !== 'token' || !tokenUsable(c.token, now.toISOString())) return undefined;
    return c.token;
  };
  let closing: Promise<void> | null = null;

  return {
    countUsers: async () =>
      (await rows<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]!.n,
    async createUser(u, now) {
      const [r] = await write(
        async (c) =>
          (
            await c.query<UserRow>(
              `INSERT INTO users (id, username, name, password_hash, role, agency, field_crew, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
              [
                randomUUID(),
                u.username,
                u.name,
                u.passwordHash,
                u.role,
                u.agency,
                u.fieldCrew ?? false,
                now.toISOString(),
              ],
            )
          ).rows,
      );
      return toUser(r!);
    },
    getUser,
    async findLogin(username) {
      const [r] = await rows<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
    listUsers: async () =>
      (await rows<UserRow>('SELECT * FROM users ORDER BY username')).map(toUser),
    async updateUser(id, changes) {
      const set: [string, unknown][] = [];
      if (changes.role !== undefined) set.push(['role', changes.role]);
      if (changes.agency !== undefined) set.push(['agency', changes.agency]);
      if (changes.fieldCrew !== undefined) set.push(['field_crew', changes.fieldCrew]);
      if (changes.disabled !== undefined) set.push(['disabled', changes.disabled]);
      if (changes.passwordHash !== undefined) set.push(['password_hash', changes.passwordHash]);
      if (set.length === 0) return getUser(id);
      const [r] = await write(async (c) => {
        const assignments = set.map(([column], i) => `${column} = $${i + 2}`).join(', ');
        const updated = await c.query<UserRow>(
          `UPDATE users SET ${assignments} WHERE id = $1 RETURNING *`,
          [id, ...set.map(([, value]) => value)],
        );
        if (changes.disabled) await c.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        return updated.rows;
      });
      return r && toUser(r);
    },
    async createSession(userId, now, ttlMs) {
      const secret = newSessionSecret();
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      await write((c) =>
        c.query(
          'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
          [sha256(secret), userId, now.toISOString(), expiresAt],
        ),
      );
      return { secret, expiresAt };
    },
    sessionUser: (secret, now) => sessionUserByHash(sha256(secret), now),
    sessionUserByHash,
    endSessions: (userId) =>
      write(
        async (c) =>
          (await c.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0,
      ),
    deleteSession: (secret) =>
      write(
        async (c) =>
          (await c.query('DELETE FROM sessions WHERE id_hash = $1', [sha256(secret)])).rowCount ??
          0,
      ),
    async createToken(t, now, secret = newTokenSecret(t.kind)) {
      const [r] = await write(
        async (c) =>
          (
            await c.query<TokenRow>(
              `INSERT INTO tokens (${NEW_TOKEN_COLUMNS})
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
              newTokenValues(randomUUID(), secret, t, now),
            )
          ).rows,
      );
      return { secret, token: toToken(r!) };
    },
    getToken,
    tokenFor: (secret, now) => tokenByHash(sha256(secret), now),
    tokenByHash,
    hasTokenHash: async (secret) =>
      (await rows('SELECT 1 FROM tokens WHERE hash = $1', [sha256(secret)])).length > 0,
    listTokens: async () =>
      (await rows<TokenRow>('SELECT * FROM tokens ORDER BY created_at DESC')).map(toToken),
    async revokeToken(id, now) {
      const [r] = await write(async (c) => {
        await c.query('UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
          id,
          now.toISOString(),
        ]);
        return (await c.query<TokenRow>('SELECT * FROM tokens WHERE id = $1', [id])).rows;
      });
      return r && toToken(r);
    },
    async issuePairing(tokenId, now, ttlMs = PAIRING_TTL_MS) {
      const at = now.toISOString();
      if (!tokenPairable(await getToken(tokenId), at)) return undefined;
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      const code = await write(async (c) => {
        await c.query('DELETE FROM pairing_codes WHERE token_id = $1 OR expires_at <= $2', [
          tokenId,
          at,
        ]);
        // Two live codes colliding in 2^40 is unlikely, but a collision must not be a 500.
        for (;;) {
          const candidate = newPairingCode();
          const added = await c.query(
            `INSERT INTO pairing_codes (code_hash, token_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (code_hash) DO NOTHING`,
            [sha256(candidate), tokenId, at, expiresAt],
          );
          if (added.rowCount === 1) return candidate;
        }
      });
      return { code, expiresAt };
    },
    redeemPairing(code, now) {
      const at = now.toISOString();
      return write(async (c): Promise<PairingRedemption> => {
        // Deleting it is what claims it: of two walls opening one code at once, one wins.
        const [p] = (
          await c.query<PairingRow>(
            'DELETE FROM pairing_codes WHERE code_hash = $1 RETURNING token_id, expires_at',
            [sha256(code)],
          )
        ).rows;
        if (!p) return { ok: false, reason: 'unknown' };
        if (p.expires_at <= at) return { ok: false, reason: 'expired' };
        const [r] = (
          await c.query<TokenRow>('SELECT * FROM tokens WHERE id = $1 FOR UPDATE', [p.token_id])
        ).rows;
        const t = r && toToken(r);
        if (!tokenPairable(t, at)) return { ok: false, reason: 'revoked' };
        const secret = newSecret('nkd');
        await c.query('UPDATE tokens SET hash = $2 WHERE id = $1', [t.id, sha256(secret)]);
        return { ok: true, secret, token: t };
      });
    },
    close() {
      closing ??= (async () => {
        await watch.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
