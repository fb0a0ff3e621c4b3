/**
 * The auth tables' rows as both stores read them (same table and column names in SQLite
 * and PostgreSQL), their mapping to the records the rest of the server sees, and the rules
 * on a token's life that both stores apply.
 */
import type { Role, UserRole } from '../../shared/domain/access.ts';
import type { TokenKind, TokenRecord, UserAccount } from '../../shared/domain/accounts.ts';
import type { Source } from '../../shared/domain/types.ts';
import type { NewToken } from './auth.store.ts';
import { sha256 } from './auth-secrets.ts';

export interface UserRow {
  id: string;
  username: string;
  name: string;
  password_hash: string;
  role: UserRole;
  agency: string | null;
  /** SQLite's 0/1, PostgreSQL's boolean (migration 009). */
  field_crew: number | boolean;
  /** SQLite's 0/1, PostgreSQL's boolean. */
  disabled: number | boolean;
  created_at: string;
}

export interface TokenRow {
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

export interface PairingRow {
  token_id: string;
  expires_at: string;
}

export const toUser = (r: UserRow): UserAccount => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  agency: r.agency,
  fieldCrew: r.field_crew === true || r.field_crew === 1,
  disabled: r.disabled === true || r.disabled === 1,
  createdAt: r.created_at,
});

export const toToken = (r: TokenRow): TokenRecord => ({
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

/** A token still holds at `at` (ISO-8601 UTC): not revoked, not expired. */
export const tokenUsable = (t: TokenRecord, at: string) =>
  t.revokedAt === null && (t.expiresAt === null || t.expiresAt > at);

/** Only a usable wall display token can be paired. */
export const tokenPairable = (t: TokenRecord | undefined, at: string): t is TokenRecord =>
  t !== undefined && t.kind === 'display' && tokenUsable(t, at);

/** A new token's columns, in the order `newTokenValues` gives them: one insert for both stores. */
export const NEW_TOKEN_COLUMNS =
  'id, hash, kind, role, label, agency, source, created_at, created_by, expires_at';

/** The values of a new token's row; the secret is kept only as its hash. */
export function newTokenValues(id: string, secret: string, t: NewToken, now: Date): unknown[] {
  return [
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
  ];
}
