/**
 * The auth stores' look-up cache (server/auth/auth-cache.ts): what it keeps, for how long,
 * and that no answer read before a write outlives it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedLookup } from '../../../../server/auth/auth-cache.ts';
import { createLookupCache } from '../../../../server/auth/auth-cache.ts';

const entry = (id: string): CachedLookup => ({
  kind: 'token',
  token: {
    id,
    kind: 'api',
    role: 'viewer',
    label: id,
    agency: null,
    source: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    createdBy: 'test',
    expiresAt: null,
    revokedAt: null,
  },
});

/** A loader answering what `answers` holds now, counting its calls. */
function loader(answers: { now: CachedLookup | undefined }) {
  const load = vi.fn(() => answers.now);
  return load;
}

/** A loader whose answer the test hands over when it chooses. */
function deferred() {
  let answer: (e: CachedLookup | undefined) => void = () => undefined;
  const load = vi.fn(() => new Promise<CachedLookup | undefined>((resolve) => (answer = resolve)));
  return { load, answer: (e: CachedLookup | undefined) => answer(e) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('look-up cache', () => {
  it('keeps what was found for its time to live, and nothing not found', async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = createLookupCache({ ttlMs: 5_000 });
    const answers = { now: entry('a') as CachedLookup | undefined };
    const load = loader(answers);
    expect(await cache.lookup('k', load)).toEqual(entry('a'));
    answers.now = entry('b');
    vi.setSystemTime(4_999);
    expect(await cache.lookup('k', load)).toEqual(entry('a'));
    vi.setSystemTime(5_000);
    expect(await cache.lookup('k', load)).toEqual(entry('b'));
    answers.now = undefined;
    expect(await cache.lookup('missing', load)).toBeUndefined();
    answers.now = entry('c');
    expect(await cache.lookup('missing', load)).toEqual(entry('c'));
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('clear() makes the next look-up read again', async () => {
    const cache = createLookupCache();
    const answers = { now: entry('a') as CachedLookup | undefined };
    const load = loader(answers);
    await cache.lookup('k', load);
    answers.now = undefined;
    cache.clear();
    expect(await cache.lookup('k', load)).toBeUndefined();
  });

  it('a read that began before clear() is not kept, nor shared with later look-ups', async () => {
    const cache = createLookupCache();
    const before = deferred();
    const first = cache.lookup('k', before.load);
    await vi.waitFor(() => expect(before.load).toHaveBeenCalled());
    cache.clear();
    const after = deferred();
    const second = cache.lookup('k', after.load);
    await vi.waitFor(() => expect(after.load).toHaveBeenCalled());
    // The later read answers first; the earlier one, finishing last, must not overwrite it.
    after.answer(entry('new'));
    expect(await second).toEqual(entry('new'));
    before.answer(entry('old'));
    expect(await first).toEqual(entry('old'));
    const again = vi.fn(() => entry('other'));
    expect(await cache.lookup('k', again)).toEqual(entry('new'));
    expect(again).not.toHaveBeenCalled();
  });

  it('look-ups of one key arriving together share one read', async () => {
    const cache = createLookupCache();
    const read = deferred();
    const all = Promise.all([1, 2, 3].map(() => cache.lookup('k', read.load)));
    await vi.waitFor(() => expect(read.load).toHaveBeenCalled());
    read.answer(entry('a'));
    expect(await all).toEqual([entry('a'), entry('a'), entry('a')]);
    expect(read.load).toHaveBeenCalledTimes(1);
  });

  it('a loader that throws fails its look-ups, and the next one reads again', async () => {
    const cache = createLookupCache();
    const failing = vi.fn((): CachedLookup => {
      throw new Error('database down');
    });
    await expect(cache.lookup('k', failing)).rejects.toThrow('database down');
    expect(await cache.lookup('k', () => entry('a'))).toEqual(entry('a'));
  });

  it('untrusted, it reads every time and keeps nothing; trusted again, it keeps', async () => {
    const cache = createLookupCache();
    const answers = { now: entry('a') as CachedLookup | undefined };
    const load = loader(answers);
    await cache.lookup('k', load);
    cache.setTrusted(false);
    answers.now = entry('b');
    expect(await cache.lookup('k', load)).toEqual(entry('b'));
    answers.now = entry('c');
    expect(await cache.lookup('k', load)).toEqual(entry('c'));
    cache.setTrusted(true);
    expect(await cache.lookup('k', load)).toEqual(entry('c'));
    answers.now = entry('d');
    expect(await cache.lookup('k', load)).toEqual(entry('c'));
  });
});
