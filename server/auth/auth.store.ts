/**
 * Users, login sessions and tokens (API, wall display, ingest keys), and the one-time
 * codes that pair a wall with its display token: what every auth store keeps, whatever
 * its database. Two implementations behave alike (tests/support/auth-store-contract.ts):
 * - SQLite (sqlite-auth.store.ts): the embedded default, beside the event log's file;
 * - PostgreSQL (pg-auth.store.ts): several nodes on one database.
 *
 * Secrets are stored only as hashes (auth-secrets.ts). Found tokens and sessions are
 * cached for a few seconds (auth-cache.ts) and every write empties the cache, so a
 * revocation, logout, password reset, rights change or disabling holds from the next
 * request: on PostgreSQL on every node (a NOTIFY empties each node's cache).
 */
import type { Role, UserRole } from '../../shared/domain/access.ts';
import type { TokenKind, TokenRecord, UserAccount } from '../../shared/domain/accounts.ts';
import type { Source } from '../../shared/domain/types.ts';

export type { TokenKind, TokenRecord } from '../../shared/domain/accounts.ts';
export type UserRecord = UserAccount;

/** Why a pairing code was refused; a used code is as unknown as a wrong one. */
export type PairingRefusal = 'unknown' | 'expired' | 'revoked';

export interface NewUser {
  username: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  agency: string | null;
  /** Only for the agency role (the admin API checks); false when absent. */
  fieldCrew?: boolean | undefined;
}

/** Only what is given changes; `agency: null` clears it. */
export interface UserChanges {
  role?: UserRole | undefined;
  agency?: string | null | undefined;
  fieldCrew?: boolean | undefined;
  disabled?: boolean | undefined;
  passwordHash?: string | undefined;
}

export interface NewToken {
  kind: TokenKind;
  role: Role;
  label: string;
  agency?: string | null;
  source?: Source | null;
  expiresAt?: string | null;
  createdBy: string;
}

export type PairingRedemption =
  { ok: true; secret: string; token: TokenRecord } | { ok: false; reason: PairingRefusal };

export interface AuthStore {
  countUsers(): Promise<number>;
  createUser(u: NewUser, now: Date): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findLogin(username: string): Promise<(UserRecord & { passwordHash: string }) | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Disabling a user also ends their sessions, in the same transaction. */
  updateUser(id: string, changes: UserChanges): Promise<UserRecord | undefined>;
  createSession(
    userId: string,
    now: Date,
    ttlMs: number,
  ): Promise<{ secret: string; expiresAt: string }>;
  /** The user behind a live session, or undefined when unknown, expired or disabled. */
  sessionUser(secret: string, now: Date): Promise<UserRecord | undefined>;
  sessionUserByHash(idHash: string, now: Date): Promise<UserRecord | undefined>;
  /** Ends every session of a user (password reset, role or agency change); how many ended. */
  endSessions(userId: string): Promise<number>;
  /** Logout; how many sessions ended (0 or 1). */
  deleteSession(secret: string): Promise<number>;
  /** A new token; `secret` is minted unless given (NAKHODA_ADMIN_TOKEN seeds its own). */
  createToken(
    t: NewToken,
    now: Date,
    secret?: string,
  ): Promise<{ secret: string; token: TokenRecord }>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  /** A usable token for a presented secret: known, not revoked, not expired. */
  tokenFor(secret: string, now: Date): Promise<TokenRecord | undefined>;
  tokenByHash(hash: string, now: Date): Promise<TokenRecord | undefined>;
  /** Whether any token, usable or not, has this secret. */
  hasTokenHash(secret: string): Promise<boolean>;
  /** Newest first. */
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes once (a second call keeps the first time); undefined for an unknown id. */
  revokeToken(id: string, now: Date): Promise<TokenRecord | undefined>;
  /**
   * A fresh one-time code for a usable display token (undefined for any other); it
   * replaces the token's earlier unused codes, and expired codes are swept out.
   */
  issuePairing(
    tokenId: string,
    now: Date,
    ttlMs?: number,
  ): Promise<{ code: string; expiresAt: string } | undefined>;
  /**
   * Spends a canonical pairing code: deleted whatever the outcome, and when it still
   * holds, its display token gets a new secret, returned here and kept nowhere else.
   * The token's previous secret stops working, so only the newly paired wall holds one.
   */
  redeemPairing(code: string, now: Date): Promise<PairingRedemption>;
  close(): Promise<void>;
}
