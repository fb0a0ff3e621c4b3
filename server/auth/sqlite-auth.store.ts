/**
 * The auth store in SQLite (better-sqlite3), in the event log's file: the embedded
 * default. Synchronous inside, asynchronous outside, like every AuthStore (auth.store.ts).
 * Another process on the same file is not heard: its writes reach this process's cache
 * only when an entry's few seconds run out.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PAIRING_TTL_MS } from '../../shared/domain/pairing.ts';
import type { CachedLookup, LookupCacheOptions } from './auth-cache.ts';
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
  newSessionSecret,
  newTokenSecret,
  newSecret,
  sha256,
} from './auth-secrets.ts';
import type { AuthStore, PairingRedemption, UserRecord } from './auth.store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
  role TEXT NOT NULL, agency TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
  field_crew INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, role TEXT NOT NULL, label TEXT NOT NULL,
  agency TEXT, source TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL, expires_at TEXT, revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS pairing_codes (
  code_hash TEXT PRIMARY KEY, token_id TEXT NOT NULL REFERENCES tokens (id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
`;

/**
 * Columns added since the first schema, for files made before them (CREATE TABLE IF NOT
 * EXISTS leaves an existing table as it was); the PostgreSQL migrations add the same.
 */
const ADDED_COLUMNS = [
  { table: 'users', column: 'field_crew', definition: 'INTEGER NOT NULL DEFAULT 0' },
] as const;

function addMissingColumns(db: Database.Database): void {
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.pragma(`table_info(${table})`) as { name: string }[];
    if (!columns.some((c) => c.name === column)) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }
}

export function openSqliteAuthStore(
  file: string,
  opts: { cache?: LookupCacheOptions } = {},
): AuthStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addMissingColumns(db);
  const tokenByHashStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE hash = ?');
  const sessionByHashStmt = db.prepare<[string], UserRow & { expires_at: string }>(
    `SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = ? AND u.disabled = 0`,
  );
  const cache = createLookupCache(opts.cache);
  /** Runs a write in a transaction, then empties the cache (auth-cache.ts). */
  const write = <T>(work: () => T): T => {
    try {
      return db.transaction(work)();
    } finally {
      cache.clear();
    }
  };

  const getUser = (id: string): UserRecord | undefined => {
    const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return r && toUser(r);
  };
  const getToken = (id: string) => {
    const r = db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return r && toToken(r);
  };
  const sessionUserByHash = async (idHash: string, now: Date) => {
    const c = await cache.lookup(`s:${idHash}`, (): CachedLookup | undefined => {
      const r = sessionByHashStmt.get(idHash);
      return r && { kind: 'session', user: toUser(r), expiresAt: r.expires_at };
    });
    if (c?.kind !== 'session' || c.expiresAt <= now.toISOString()) return undefined;
    return c.user;
  };
  const tokenByHash = async (hash: string, now: Date) => {
    const c = await cache.lookup(`t:${hash}`, (): CachedLookup | undefined => {
      const r = tokenByHashStmt.get(hash);
      return r && { kind: 'token', token: toToken(r) };
    });
    if (c?.kind !== 'token' || !tokenUsable(c.token, now.toISOString())) return undefined;
    return c.token;
  };

  return {
    countUsers: async () =>
      (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n,
    async createUser(u, now) {
      const id = randomUUID();
      write(() =>
        db
          .prepare(
            `INSERT INTO users (id, username, name, password_hash, role, agency, field_crew, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            u.username,
            u.name,
            u.passwordHash,
            u.role,
            u.agency,
            u.fieldCrew ? 1 : 0,
            now.toISOString(),
          ),
      );
      return getUser(id)!;
    },
    getUser: async (id) => getUser(id),
    async findLogin(username) {
      const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
        UserRow | undefined;
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
    listUsers: async () =>
      (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser),
    async updateUser(id, changes) {
      write(() => {
        const set = (column: string, value: unknown) =>
          db.prepare(`UPDATE users SET ${column} = ? WHERE id = ?`).run(value, id);
        if (changes.role !== undefined) set('role', changes.role);
        if (changes.agency !== undefined) set('agency', changes.agency);
        if (changes.fieldCrew !== undefined) set('field_crew', changes.fieldCrew ? 1 : 0);
        if (changes.disabled !== undefined) {
          set('disabled', changes.disabled ? 1 : 0);
          if (changes.disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
        }
        if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash);
      });
      return getUser(id);
    },
    async createSession(userId, now, ttlMs) {
      const secret = newSessionSecret();
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      write(() =>
        db
          .prepare(
            'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
          )
          .run(sha256(secret), userId, now.toISOString(), expiresAt),
      );
      return { secret, expiresAt };
    },
    sessionUser: (secret, now) => sessionUserByHash(sha256(secret), now),
    sessionUserByHash,
    endSessions: async (userId) =>
      write(() => db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes),
    deleteSession: async (secret) =>
      write(() => db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(secret)).changes),
    async createToken(t, now, secret = newTokenSecret(t.kind)) {
      const id = randomUUID();
      write(() =>
        db
          .prepare(
            `INSERT INTO tokens (${NEW_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...newTokenValues(id, secret, t, now)),
      );
      return { secret, token: getToken(id)! };
    },
    getToken: async (id) => getToken(id),
    tokenFor: (secret, now) => tokenByHash(sha256(secret), now),
    tokenByHash,
    hasTokenHash: async (secret) =>
      db.prepare('SELECT 1 FROM tokens WHERE hash = ?').get(sha256(secret)) !== undefined,
    listTokens: async () =>
      (db.prepare('SELECT * FROM tokens ORDER BY created_at DESC').all() as TokenRow[]).map(
        toToken,
      ),
    async revokeToken(id, now) {
      write(() =>
        db
          .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .run(now.toISOString(), id),
      );
      return getToken(id);
    },
    async issuePairing(tokenId, now, ttlMs = PAIRING_TTL_MS) {
      const at = now.toISOString();
      if (!tokenPairable(getToken(tokenId), at)) return undefined;
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      const code = write(() => {
        db.prepare('DELETE FROM pairing_codes WHERE token_id = ? OR expires_at <= ?').run(
          tokenId,
          at,
        );
        // Two live codes colliding in 2^40 is unlikely, but a collision must not be a 500.
        for (;;) {
          const candidate = newPairingCode();
          const added = db
            .prepare(
              `INSERT INTO pairing_codes (code_hash, token_id, created_at, expires_at)
               VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING`,
            )
            .run(sha256(candidate), tokenId, at, expiresAt);
          if (added.changes === 1) return candidate;
        }
      });
      return { code, expiresAt };
    },
    async redeemPairing(code, now): Promise<PairingRedemption> {
      const at = now.toISOString();
      return write((): PairingRedemption => {
        const p = db
          .prepare('SELECT token_id, expires_at FROM pairing_codes WHERE code_hash = ?')
          .get(sha256(code)) as PairingRow | undefined;
        if (!p) return { ok: false, reason: 'unknown' };
        db.prepare('DELETE FROM pairing_codes WHERE code_hash = ?').run(sha256(code));
        if (p.expires_at <= at) return { ok: false, reason: 'expired' };
        const t = getToken(p.token_id);
        if (!tokenPairable(t, at)) return { ok: false, reason: 'revoked' };
        const secret = newSecret('nkd');
        db.prepare('UPDATE tokens SET hash = ? WHERE id = ?').run(sha256(secret), t.id);
        return { ok: true, secret, token: t };
      });
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
