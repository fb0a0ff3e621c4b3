/**
 * Users, login sessions and tokens (API, wall display, ingest keys) in SQLite, beside
 * the event log, and the one-time codes that pair a wall with its display token. Secrets
 * are stored only as hashes: passwords with Argon2id, random tokens and session ids with
 * SHA-256 (they are high-entropy, so a fast hash is safe), pairing codes with SHA-256 too
 * (short, but single-use, expiring within minutes and guessed only through a rate limit).
 *
 * Every API request and every socket re-check looks its credential up, so found tokens and
 * sessions are cached (LRU, a few seconds) and checked against `now` on each use. Every
 * write through this store empties the cache, so a revocation, logout, password reset,
 * rights change or disabling holds from the very next request; the short life bounds how
 * long a write made by another process on the same file can go unseen.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role, UserRole } from '../../shared/domain/access.ts';
import type { TokenKind, TokenRecord, UserAccount } from '../../shared/domain/accounts.ts';
import {
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_TTL_MS,
} from '../../shared/domain/pairing.ts';
import type { Source } from '../../shared/domain/types.ts';

export type { TokenKind, TokenRecord } from '../../shared/domain/accounts.ts';
export type UserRecord = UserAccount;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
  role TEXT NOT NULL, agency TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
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

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;
/** 256 is a multiple of the alphabet's 32 letters, so `byte % 32` is uniform. */
const newPairingCode = () =>
  Array.from(randomBytes(PAIRING_CODE_LENGTH), (b) => PAIRING_ALPHABET[b % 32]).join('');

/** Why a pairing code was refused; a used code is as unknown as a wrong one. */
export type PairingRefusal = 'unknown' | 'expired' | 'revoked';

interface UserRow {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  role: UserRole;
  agency: string | null;
  disabled: number;
  created_at: string;
}
interface TokenRow {
  id: string;
  kind: TokenKind;
  role: Role;
  label: string;
  agency: string | null;
  source: Source | null;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
}
interface PairingRow {
  token_id: string;
  expires_at: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  agency: r.agency,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});
const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  kind: r.kind,
  role: r.role,
  label: r.label,
  agency: r.agency,
  source: r.source,
  createdAt: r.created_at,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export type AuthStore = ReturnType<typeof openAuthStore>;

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

type Cached =
  { kind: 'token'; row: TokenRow } | { kind: 'session'; row: UserRow; expiresAt: string };

export function openAuthStore(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const tokenByHashStmt = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE hash = ?');
  const sessionByHashStmt = db.prepare<[string], UserRow & { expires_at: string }>(
    `SELECT u.*, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = ? AND u.disabled = 0`,
  );
  const cache = new Map<string, { at: number; entry: Cached }>();
  const cached = (key: string, load: () => Cached | undefined): Cached | undefined => {
    const now = Date.now();
    const hit = cache.get(key);
    cache.delete(key);
    if (hit && now - hit.at < CACHE_TTL_MS) {
      cache.set(key, hit);
      return hit.entry;
    }
    const entry = load();
    if (!entry) return undefined;
    cache.set(key, { at: now, entry });
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
    return entry;
  };
  /** Every write: what a cached look-up said may no longer hold. */
  const changed = () => cache.clear();

  return {
    countUsers: () => (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n,
    createUser(
      u: {
        username: string;
        name: string;
        passwordHash: string;
        role: UserRole;
        agency: string | null;
      },
      now: Date,
    ) {
      changed();
      const id = randomUUID();
      db.prepare(
        'INSERT INTO users (id, username, name, password_hash, role, agency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, u.username, u.name, u.passwordHash, u.role, u.agency, now.toISOString());
      return this.getUser(id)!;
    },
    getUser(id: string): UserRecord | undefined {
      const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return r && toUser(r);
    },
    findLogin(username: string): (UserRecord & { passwordHash: string }) | undefined {
      const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
        UserRow | undefined;
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
    listUsers: (): UserRecord[] =>
      (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser),
    updateUser(
      id: string,
      changes: {
        role?: UserRole;
        agency?: string | null;
        disabled?: boolean;
        passwordHash?: string;
      },
    ) {
      changed();
      const tx = db.transaction(() => {
        if (changes.role !== undefined)
          db.prepare('UPDATE users SET role = ? WHERE id = ?').run(changes.role, id);
        if (changes.agency !== undefined)
          db.prepare('UPDATE users SET agency = ? WHERE id = ?').run(changes.agency, id);
        if (changes.disabled !== undefined) {
          db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(
            changes.disabled ? 1 : 0,
            id,
          );
          if (changes.disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
        }
        if (changes.passwordHash !== undefined) {
          db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(
            changes.passwordHash,
            id,
          );
        }
      });
      tx();
      return this.getUser(id);
    },
    createSession(userId: string, now: Date, ttlMs: number): { secret: string; expiresAt: string } {
      changed();
      const secret = newSecret('nks');
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      db.prepare(
        'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(sha256(secret), userId, now.toISOString(), expiresAt);
      return { secret, expiresAt };
    },
    /** The user behind a live session, or undefined when unknown, expired or disabled. */
    sessionUser(secret: string, now: Date): UserRecord | undefined {
      return this.sessionUserByHash(sha256(secret), now);
    },
    sessionUserByHash(idHash: string, now: Date): UserRecord | undefined {
      const c = cached(`s:${idHash}`, () => {
        const r = sessionByHashStmt.get(idHash);
        return r && { kind: 'session', row: r, expiresAt: r.expires_at };
      });
      if (c?.kind !== 'session' || c.expiresAt <= now.toISOString()) return undefined;
      return toUser(c.row);
    },
    /** Ends every session of a user: password reset, role or agency change, disabling. */
    endSessions(userId: string) {
      changed();
      return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    },
    deleteSession(secret: string) {
      changed();
      return db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(secret));
    },
    createToken(
      t: {
        kind: TokenKind;
        role: Role;
        label: string;
        agency?: string | null;
        source?: Source | null;
        expiresAt?: string | null;
        createdBy: string;
      },
      now: Date,
      secret = newSecret(t.kind === 'display' ? 'nkd' : t.kind === 'ingest' ? 'nki' : 'nka'),
    ): { secret: string; token: TokenRecord } {
      changed();
      const id = randomUUID();
      db.prepare(
        `INSERT INTO tokens (id, hash, kind, role, label, agency, source, created_at, created_by, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        sha256(secret),
        t.kind,
        t.role,
        t.label,
        t.agency ?? null,
        t.source ?? null,
        now.toISOString(),
        t.createdBy,
        t.expiresAt ?? null,
      );
      return { secret, token: this.getToken(id)! };
    },
    getToken(id: string): TokenRecord | undefined {
      const r = db.prepare('SELECT * FROM tokens WHERE id = ?').get(id) as TokenRow | undefined;
      return r && toToken(r);
    },
    /** A usable token for a presented secret: known, not revoked, not expired. */
    tokenFor(secret: string, now: Date): TokenRecord | undefined {
      return this.tokenByHash(sha256(secret), now);
    },
    tokenByHash(hash: string, now: Date): TokenRecord | undefined {
      const c = cached(`t:${hash}`, () => {
        const r = tokenByHashStmt.get(hash);
        return r && { kind: 'token', row: r };
      });
      if (c?.kind !== 'token') return undefined;
      const r = c.row;
      if (r.revoked_at !== null || (r.expires_at !== null && r.expires_at <= now.toISOString()))
        return undefined;
      return toToken(r);
    },
    hasTokenHash: (secret: string) =>
      db.prepare('SELECT 1 FROM tokens WHERE hash = ?').get(sha256(secret)) !== undefined,
    listTokens: (): TokenRecord[] =>
      (db.prepare('SELECT * FROM tokens ORDER BY created_at DESC').all() as TokenRow[]).map(
        toToken,
      ),
    revokeToken(id: string, now: Date): TokenRecord | undefined {
      changed();
      db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
        now.toISOString(),
        id,
      );
      return this.getToken(id);
    },
    /**
     * A fresh one-time code for a usable display token (undefined for any other); it
     * replaces the token's earlier unused codes, and expired codes are swept out.
     */
    issuePairing(
      tokenId: string,
      now: Date,
      ttlMs = PAIRING_TTL_MS,
    ): { code: string; expiresAt: string } | undefined {
      const t = this.getToken(tokenId);
      const at = now.toISOString();
      if (!t || t.kind !== 'display' || t.revokedAt || (t.expiresAt && t.expiresAt <= at))
        return undefined;
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      const issue = db.transaction(() => {
        db.prepare('DELETE FROM pairing_codes WHERE token_id = ? OR expires_at <= ?').run(
          tokenId,
          at,
        );
        // Two live codes colliding in 2^40 is unlikely, but a collision must not be a 500.
        for (;;) {
          const code = newPairingCode();
          const added = db
            .prepare(
              `INSERT INTO pairing_codes (code_hash, token_id, created_at, expires_at)
               VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO NOTHING`,
            )
            .run(sha256(code), tokenId, at, expiresAt);
          if (added.changes === 1) return code;
        }
      });
      return { code: issue(), expiresAt };
    },
    /**
     * Spends a canonical pairing code: deleted whatever the outcome, and when it still
     * holds, its display token gets a new secret, returned here and kept nowhere else.
     * The token's previous secret stops working, so only the newly paired wall holds one.
     */
    redeemPairing(
      code: string,
      now: Date,
    ): { ok: true; secret: string; token: TokenRecord } | { ok: false; reason: PairingRefusal } {
      changed();
      const at = now.toISOString();
      const redeem = db.transaction(() => {
        const p = db
          .prepare('SELECT token_id, expires_at FROM pairing_codes WHERE code_hash = ?')
          .get(sha256(code)) as PairingRow | undefined;
        if (!p) return { ok: false as const, reason: 'unknown' as const };
        db.prepare('DELETE FROM pairing_codes WHERE code_hash = ?').run(sha256(code));
        if (p.expires_at <= at) return { ok: false as const, reason: 'expired' as const };
        const t = this.getToken(p.token_id);
        if (!t || t.kind !== 'display' || t.revokedAt || (t.expiresAt && t.expiresAt <= at))
          return { ok: false as const, reason: 'revoked' as const };
        const secret = newSecret('nkd');
        db.prepare('UPDATE tokens SET hash = ? WHERE id = ?').run(sha256(secret), t.id);
        return { ok: true as const, secret, token: t };
      });
      return redeem();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
