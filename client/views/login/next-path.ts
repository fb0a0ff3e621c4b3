/**
 * Where to go after logging in. `?next=` comes from a link anyone can craft, so only a
 * path on this same origin is accepted ("/ops?status=received"); anything that could leave
 * the site ("//evil.example", "https://…", "/\\evil", "javascript:…") or loop back to the
 * login page falls back to the home page.
 */
const HOME = '/';
/** Any origin will do: it is only the reference a relative path is resolved against. */
const BASE = 'https://nakhoda.invalid';

export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000) return HOME;
  // A single leading slash, and never a second one or a backslash right after it: browsers
  // read "//host" and "/\host" as another site.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return HOME;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return HOME;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return HOME;
  }
  if (url.origin !== BASE) return HOME;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login link for a page the user was sent away from. */
export function loginHref(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === HOME ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}
