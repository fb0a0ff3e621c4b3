// @vitest-environment jsdom
/**
 * The wall's credentials in a DOM: the pairing code read from `?pair=` and dropped from the
 * URL (keeping the rest), refusals named for the pairing screen, the token kept and forgotten.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  authHeaders,
  forgetToken,
  storedToken,
  storeToken,
} from '../../../../client/auth/credentials.ts';
import {
  dropPairingFromUrl,
  pairingCodeFromUrl,
  pairingProblem,
  retryable,
} from '../../../../client/auth/wall-pairing.ts';

beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('wall pairing link', () => {
  it('reads the code from ?pair= and drops only it from the address bar', () => {
    window.history.replaceState(null, '', '/wall?lang=en&pair=ABCD-EFGH#scene');
    expect(pairingCodeFromUrl(window.location)).toBe('ABCD-EFGH');
    dropPairingFromUrl(window.location, window.history);
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/wall?lang=en#scene',
    );
    expect(pairingCodeFromUrl(window.location)).toBeNull();
  });

  it('finds no code in a plain wall URL, nor in an old ?token= link', () => {
    window.history.replaceState(null, '', '/wall?token=nkd_old&pair=');
    expect(pairingCodeFromUrl(window.location)).toBeNull();
  });

  it.each([
    [{ status: 404, code: 'pairing_unknown' }, 'unknown', false],
    [{ status: 400, code: 'invalid_request' }, 'unknown', false],
    [{ status: 400, code: 'pairing_expired' }, 'expired', false],
    [{ status: 400, code: 'pairing_revoked' }, 'revoked', false],
    [{ status: 429, code: 'rate_limited' }, 'rateLimited', true],
    [{ status: 0, code: 'network' }, 'unreachable', true],
    [{ status: 502, code: 'http_error' }, 'unreachable', true],
  ] as const)('names %j as %s (retry with the same code: %s)', (failure, problem, again) => {
    expect(pairingProblem(failure)).toBe(problem);
    expect(retryable(pairingProblem(failure))).toBe(again);
  });
});

describe('wall display token', () => {
  it('is kept in storage, sent as a bearer token, and forgotten on request', () => {
    storeToken(window.localStorage, 'nkd_kept');
    expect(storedToken(window.localStorage)).toBe('nkd_kept');
    expect(authHeaders(storedToken(window.localStorage))).toEqual({
      authorization: 'Bearer nkd_kept',
    });
    forgetToken(window.localStorage);
    expect(storedToken(window.localStorage)).toBeNull();
    expect(authHeaders(null)).toEqual({});
  });
});
