/**
 * A wall display pairs once: it is opened at `/wall?pair=CODE`, trades the one-time code
 * for its display token (POST /api/v1/auth/pair), keeps the token in localStorage and
 * takes the code out of the address bar. What went wrong is named for the pairing screen;
 * a refusal that a reload cannot fix also drops the spent code from the URL.
 */
import { PAIRING_PARAM } from '../../shared/domain/pairing.ts';
import { apiRequest, type ApiFailure } from './api-request.ts';
import { storeToken } from './credentials.ts';

export type PairingProblem = 'unknown' | 'expired' | 'revoked' | 'rateLimited' | 'unreachable';

export type PairingOutcome = { ok: true } | { ok: false; problem: PairingProblem };

export function pairingCodeFromUrl(location: Location): string | null {
  const code = new URL(location.href).searchParams.get(PAIRING_PARAM);
  return code ? code : null;
}

export function dropPairingFromUrl(location: Location, history: History): void {
  const url = new URL(location.href);
  url.searchParams.delete(PAIRING_PARAM);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** The server's refusal, as the pairing screen explains it. */
export function pairingProblem(failure: Pick<ApiFailure, 'status' | 'code'>): PairingProblem {
  if (failure.code === 'pairing_expired') return 'expired';
  if (failure.code === 'pairing_revoked') return 'revoked';
  if (failure.status === 429) return 'rateLimited';
  if (failure.status === 0 || failure.status >= 500) return 'unreachable';
  return 'unknown';
}

/** Only a busy or unreachable server is worth a retry with the same code. */
export const retryable = (problem: PairingProblem) =>
  problem === 'rateLimited' || problem === 'unreachable';

export async function pairWall(
  code: string,
  location: Location,
  history: History,
  storage: Storage,
): Promise<PairingOutcome> {
  // No stored token goes along: pairing needs none, and an old one may be why we re-pair.
  const res = await apiRequest<{ token: string }>('/api/v1/auth/pair', {
    method: 'POST',
    body: { code },
    token: null,
  });
  if (res.ok) {
    storeToken(storage, res.data.token);
    dropPairingFromUrl(location, history);
    return { ok: true };
  }
  const problem = pairingProblem(res);
  if (!retryable(problem)) dropPairingFromUrl(location, history);
  return { ok: false, problem };
}
