/**
 * The credentials this browser presents. A wall display holds its display token in
 * localStorage, put there when it paired with a one-time code (see wall-pairing.ts); a
 * token never travels in a URL, so none lands in the browser's history. A logged-in user
 * has a session cookie instead, which the browser sends by itself; then there is no token here.
 */
const STORAGE_KEY = 'nakhoda.token';

export function storeToken(storage: Storage, token: string): void {
  storage.setItem(STORAGE_KEY, token);
}

export function storedToken(storage: Storage): string | null {
  return storage.getItem(STORAGE_KEY);
}

/** Drops the stored token: on logout, and when a person logs in on a browser that had one. */
export function forgetToken(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}

export function authHeaders(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
