/**
 * What a log line may say about a request: its URL with every secret-bearing query
 * parameter (`/wall?token=…`, `?code=…`, `?pair=…`) replaced, and no credential header.
 * One home for the rule, so request logs and anything else that logs a URL agree.
 */

export const REDACTED = '[redacted]';

/** Query parameters that carry credentials, whatever their case. */
const SECRET_PARAMS = new Set([
  'token',
  'code',
  'pair',
  'password',
  'secret',
  'key',
  'apikey',
  'api_key',
  'access_token',
  'refresh_token',
  'id_token',
  'session',
  'sig',
  'signature',
  'state',
]);
/** Names that say "credential" in part (`displayToken`, `client_secret`, `x-api-key`). */
const SECRET_PART = /token|secret|passw|api[-_]?key/i;

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

export function isSecretParam(name: string): boolean {
  const n = decodeName(name);
  return SECRET_PARAMS.has(n) || SECRET_PART.test(n);
}

/**
 * The URL (path and query, as a request line carries it) with the value of each secret
 * parameter replaced by `[redacted]`; other parameters are kept as they came. The path is
 * kept: no route of ours takes a credential in its path. A fragment is dropped.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const noFragment = hash < 0 ? url : url.slice(0, hash);
  const q = noFragment.indexOf('?');
  if (q < 0) return noFragment;
  const query = noFragment
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && isSecretParam(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${noFragment.slice(0, q)}?${query}`;
}

/** Headers worth a log line; everything else (authorization, cookie, …) is never logged. */
const LOGGED_HEADERS = ['user-agent', 'content-type', 'content-length', 'origin', 'referer'];

export function loggableHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    // A referer is a URL of ours: `/wall?token=…` must not come back through it.
    out[name] = name === 'referer' ? redactUrl(text) : text;
  }
  return out;
}

/**
 * Paths pino blanks in any object logged, a second net under the serializers: a
 * `logger.info({ req: { headers } })` written later must still not leak.
 */
export const REDACT_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.token',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];
