// @vitest-environment jsdom
/** The wall token flow in a DOM: kept from `?token=`, dropped from the URL, forgotten on logout. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  adoptTokenFromUrl,
  authHeaders,
  forgetToken,
  storedToken,
} from '../../client/auth/credentials.ts';

beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('wall display token', () => {
  it('moves ?token= into storage and out of the address bar, keeping the rest', () => {
    window.history.replaceState(null, '', '/wall?lang=en&token=nkd_secret#scene');
    adoptTokenFromUrl(window.location, window.history, window.localStorage);
    expect(storedToken(window.localStorage)).toBe('nkd_secret');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/wall?lang=en#scene',
    );
    expect(authHeaders(storedToken(window.localStorage))).toEqual({
      authorization: 'Bearer nkd_secret',
    });
  });

  it('keeps a stored token when the URL has none, and forgets it on request', () => {
    window.localStorage.setItem('nakhoda.token', 'nkd_kept');
    window.history.replaceState(null, '', '/wall');
    adoptTokenFromUrl(window.location, window.history, window.localStorage);
    expect(storedToken(window.localStorage)).toBe('nkd_kept');
    forgetToken(window.localStorage);
    expect(storedToken(window.localStorage)).toBeNull();
    expect(authHeaders(null)).toEqual({});
  });
});
