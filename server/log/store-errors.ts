/**
 * Which failures mean "the database cannot be reached now" rather than "this request is
 * wrong" or "a bug": those are answered 503 with Retry-After (nothing was stored, or the
 * commit's outcome is unknown; a source re-sending with its external id gets the same
 * incident, never a copy), and the readiness probe reports the store down meanwhile.
 */

/** PostgreSQL SQLSTATE classes and codes of an unreachable or unavailable server. */
const PG_UNAVAILABLE = [
  /^08/, // connection exception
  /^57P0[1-4]$/, // admin shutdown, crash shutdown, cannot connect now, database dropped
  /^53300$/, // too many connections
];
const NODE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  // pg: a client queried after it was closed, or after its connection broke (e.g. 57P01
  // arrived between two statements of a transaction): no code, only this message.
  /Client (was closed|has encountered a connection error) and is not queryable/i,
  /Cannot use a pool after calling end/i,
];

export function isStoreUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.some((re) => re.test(code)) || NODE_NET.has(code)) return true;
  // SQLite: another process holds the write lock past the busy timeout.
  if (code === 'SQLITE_BUSY') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (MESSAGES.some((re) => re.test(message))) return true;
  return e.cause !== undefined && e.cause !== err && isStoreUnavailable(e.cause);
}
