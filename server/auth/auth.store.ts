/**
 * Users, login sessions and tokens (API, wall display, ingest keys) in SQLite, beside
 * the event log. Secrets are stored only as hashes: passwords with Argon2id, random
 * tokens and session ids with SHA-256 (they are high-entropy, so a fast hash is safe).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role, UserRole } from '../../shared/domain/access.ts';
import type { TokenKind, TokenRecord, UserAccount } from '../../shared/domain/accounts.ts';
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
`;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

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

export function openAuthStore(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

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
      const secret = newSecret('nks');
      const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
      db.prepare(
        'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(sha256(secret), userId, now.toISOString(), expiresAt);
      return { secret, expiresAt };
    },
    /** The user behind a live session, or undefined when unknown, expired or disabled. */
    sessionUser(secret: string, now: Date): UserRecord | undefined {
      const r = db
        .prepare(
          `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
        )
        .get(sha256(secret), now.toISOString()) as UserRow | undefined;
      return r && toUser(r);
    },
    deleteSession: (secret: string) =>
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(secret)),
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
      const r = db
        .prepare(
          'SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)',
        )
        .get(sha256(secret), now.toISOString()) as TokenRow | undefined;
      return r && toToken(r);
    },
    hasTokenHash: (secret: string) =>
      db.prepare('SELECT 1 FROM tokens WHERE hash = ?').get(sha256(secret)) !== undefined,
    listTokens: (): TokenRecord[] =>
      (db.prepare('SELECT * FROM tokens ORDER BY created_at DESC').all() as TokenRow[]).map(
        toToken,
      ),
    revokeToken(id: string, now: Date): TokenRecord | undefined {
      db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
        now.toISOString(),
        id,
      );
      return this.getToken(id);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
