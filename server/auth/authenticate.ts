/**
 * Turns presented credentials into a Principal: a bearer token (API, display or
 * ingest key) or a session cookie. HTTP and the Socket.IO handshake share this.
 */
import { parseCookie } from 'cookie';
import type { SocketData } from '../../shared/contract.ts';
import type { Principal } from '../../shared/domain/access.ts';
import type { AuthStore, TokenRecord, UserRecord } from './auth.store.ts';
import { sha256 } from './auth-secrets.ts';

export const SESSION_COOKIE = 'nakhoda_session';

export interface Credentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
  /** Socket.IO handshake `auth.token`. */
  token?: unknown;
}

export function userPrincipal(u: UserRecord): Principal {
  const p: Principal = {
    kind: 'user',
    id: u.id,
    name: u.username,
    role: u.role,
    agency: u.agency,
    source: null,
  };
  // Only an agency user can be crew, whatever a row says (the admin API refuses others).
  if (u.fieldCrew && u.role === 'agency') p.fieldCrew = true;
  return p;
}

export function tokenPrincipal(t: TokenRecord): Principal {
  return {
    kind: 'token',
    id: t.id,
    name: t.label,
    role: t.role,
    agency: t.agency,
    source: t.source,
  };
}

export function bearerOf(authorization: string | undefined): string | null {
  const m = authorization?.match(/^Bearer\s+(\S{1,512})$/i);
  return m?.[1] ?? null;
}

export function sessionSecretOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const v = parseCookie(cookieHeader)[SESSION_COOKIE];
  return v && v.length <= 512 ? v : null;
}

/**
 * What a principal presented, kept (as a hash) by a long-lived connection so its rights
 * can be asked again later: a socket re-checks it on every command and on a timer.
 */
export type Credential = SocketData['credential'];

export function credentialOf(creds: Credentials): Credential | null {
  const token =
    typeof creds.token === 'string' && creds.token.length <= 512
      ? creds.token
      : bearerOf(creds.authorization);
  if (token) return { kind: 'token', hash: sha256(token) };
  const session = sessionSecretOf(creds.cookie);
  return session ? { kind: 'session', hash: sha256(session) } : null;
}

/** The principal a credential stands for now, or null once it is revoked, expired or ended. */
export async function principalFor(
  auth: AuthStore,
  cred: Credential,
  now: Date,
): Promise<Principal | null> {
  if (cred.kind === 'token') {
    const t = await auth.tokenByHash(cred.hash, now);
    return t ? tokenPrincipal(t) : null;
  }
  const u = await auth.sessionUserByHash(cred.hash, now);
  return u ? userPrincipal(u) : null;
}

export async function identify(
  auth: AuthStore,
  creds: Credentials,
  now: Date,
): Promise<{ principal: Principal; credential: Credential } | null> {
  const credential = credentialOf(creds);
  const principal = credential && (await principalFor(auth, credential, now));
  return principal ? { principal, credential } : null;
}

export async function authenticate(
  auth: AuthStore,
  creds: Credentials,
  now: Date,
): Promise<Principal | null> {
  return (await identify(auth, creds, now))?.principal ?? null;
}

/** True when a fresh look-up would give a principal other rights than `before` had. */
export function rightsChanged(before: Principal, now: Principal): boolean {
  return (
    before.role !== now.role ||
    before.agency !== now.agency ||
    before.source !== now.source ||
    (before.fieldCrew ?? false) !== (now.fieldCrew ?? false)
  );
}
