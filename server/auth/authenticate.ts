/**
 * Turns presented credentials into a Principal: a bearer token (API, display or
 * ingest key) or a session cookie. HTTP and the Socket.IO handshake share this.
 */
import { parseCookie } from 'cookie';
import type { Principal } from '../../shared/domain/access.ts';
import type { AuthStore, TokenRecord, UserRecord } from './auth.store.ts';

export const SESSION_COOKIE = 'nakhoda_session';

export interface Credentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
  /** Socket.IO handshake `auth.token`. */
  token?: unknown;
}

export function userPrincipal(u: UserRecord): Principal {
  return { kind: 'user', id: u.id, name: u.username, role: u.role, agency: u.agency, source: null };
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

export function authenticate(auth: AuthStore, creds: Credentials, now: Date): Principal | null {
  const token =
    typeof creds.token === 'string' && creds.token.length <= 512
      ? creds.token
      : bearerOf(creds.authorization);
  if (token) {
    const t = auth.tokenFor(token, now);
    return t ? tokenPrincipal(t) : null;
  }
  const session = sessionSecretOf(creds.cookie);
  if (session) {
    const u = auth.sessionUser(session, now);
    return u ? userPrincipal(u) : null;
  }
  return null;
}
