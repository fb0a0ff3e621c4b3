/**
 * The look-up cache in front of an auth store. Every API request and every socket
 * re-check looks its credential up, so found tokens and sessions are kept a few seconds
 * (LRU) and checked against `now` by the store on each use; nothing not found is kept.
 *
 * Every write empties it, so a revocation, logout, password reset, rights change or
 * disabling holds from the very next look-up. Look-ups are asynchronous, so a look-up that
 * read the database before a write committed may finish after the write emptied the cache:
 * a generation count, bumped by each emptying, keeps such a stale answer out. A store that
 * cannot hear other processes' writes (PostgreSQL's LISTEN connection down) distrusts the
 * cache: every look-up then goes to the database.
 *
 * Look-ups of one key that arrive together share one read (a timer re-checking thousands
 * of sockets that hold one token asks once), but only within one generation: a look-up
 * that arrives after a write never takes an answer read before it.
 */
import type { TokenRecord, UserAccount } from '../../shared/domain/accounts.ts';

export type CachedLookup =
  { kind: 'token'; token: TokenRecord } | { kind: 'session'; user: UserAccount; expiresAt: string };

export interface LookupCacheOptions {
  /** How long an entry may answer without the database; 5 s unless a test says otherwise. */
  ttlMs?: number | undefined;
  max?: number | undefined;
}

const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;

type Loader = () => Promise<CachedLookup | undefined> | CachedLookup | undefined;

export interface LookupCache {
  lookup(key: string, load: Loader): Promise<CachedLookup | undefined>;
  /** What a cached look-up said may no longer hold. */
  clear(): void;
  /** Trusted only while the store hears every write that could change a look-up. */
  setTrusted(trusted: boolean): void;
}

export function createLookupCache(opts: LookupCacheOptions = {}): LookupCache {
  const ttlMs = opts.ttlMs ?? CACHE_TTL_MS;
  const max = opts.max ?? CACHE_MAX;
  const entries = new Map<string, { at: number; entry: CachedLookup }>();
  const reading = new Map<string, Promise<CachedLookup | undefined>>();
  let generation = 0;
  let trusted = true;
  const clear = () => {
    generation += 1;
    entries.clear();
    reading.clear();
  };
  /** One shared read of a key, kept for this generation's later callers. */
  const read = (key: string, load: Loader) => {
    const before = generation;
    const pending = Promise.resolve()
      .then(load)
      .then((entry) => {
        if (entry && trusted && generation === before) {
          entries.set(key, { at: Date.now(), entry });
          if (entries.size > max) entries.delete(entries.keys().next().value!);
        }
        return entry;
      });
    reading.set(key, pending);
    const done = () => {
      if (reading.get(key) === pending) reading.delete(key);
    };
    pending.then(done, done);
    return pending;
  };
  return {
    async lookup(key, load) {
      if (trusted) {
        const hit = entries.get(key);
        entries.delete(key);
        if (hit && Date.now() - hit.at < ttlMs) {
          entries.set(key, hit);
          return hit.entry;
        }
      }
      if (!trusted) return load();
      return reading.get(key) ?? read(key, load);
    },
    clear,
    setTrusted(value) {
      trusted = value;
      clear();
    },
  };
}
