/**
 * Who an Open311 call is: the token whose secret is the `api_key` parameter, or the
 * `Authorization: Bearer` token. Login cookies are not taken: this door is for machines,
 * and a cookie would let any site's form post through a logged-in browser.
 */
import type { Principal } from '../../shared/domain/access.ts';
import type { AuthStore } from '../auth/auth.store.ts';
import { bearerOf, tokenPrincipal } from '../auth/authenticate.ts';
import type { Open311Error } from './format.ts';

const MAX_SECRET = 512;

export async function principalOfKey(
  auth: AuthStore,
  apiKey: string | undefined,
  authorization: string | undefined,
  now: Date,
): Promise<Principal | Open311Error> {
  const secret = apiKey ?? bearerOf(authorization) ?? undefined;
  if (secret === undefined)
    return { status: 403, description: 'api_key: required (or Authorization: Bearer <key>)' };
  const token = secret.length <= MAX_SECRET ? await auth.tokenFor(secret, now) : undefined;
  if (!token)
    return { status: 403, description: 'api_key: not a valid key (unknown, revoked or expired)' };
  return tokenPrincipal(token);
}
