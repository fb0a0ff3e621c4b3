/**
 * The credentials this browser presents. A wall display is opened once with
 * `?token=…`: the token is kept in localStorage and taken out of the address bar, so it is
 * not shown on the wall or kept in history. A logged-in user has a session cookie instead,
 * which the browser sends by itself; then there is no token here.
 */
const STORAGE_KEY = 'nakhoda.token';

/** Moves a `?token=` from the URL into storage; call once at start. */
export function adoptTokenFromUrl(location: Location, history: History, storage: Storage): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  storage.setItem(STORAGE_KEY, token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
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
