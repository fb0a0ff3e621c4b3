import { describe, expect, it } from 'vitest';
import { MAX_TRIES, RETRY_DELAYS_MS, retryAt } from '../../../../server/notify/notify-backoff.ts';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const after = (tries: number, random: number) => {
  const at = retryAt(tries, NOW, () => random);
  return at && at.getTime() - NOW.getTime();
};

describe('retryAt', () => {
  it.each([
    [1, 30_000],
    [2, 120_000],
    [3, 600_000],
    [4, 3_600_000],
    [5, 21_600_000],
  ])('after failed try %i, with no jitter, waits %i ms', (tries, ms) => {
    expect(after(tries, 0.5)).toBe(ms);
  });

  it('stretches or shrinks a delay by at most 20 %', () => {
    expect(after(1, 0)).toBe(24_000);
    expect(after(1, 0.999_999)).toBe(36_000);
    expect(after(5, 0.25)).toBe(21_600_000 * 0.9);
  });

  it('gives up after the last try of a round: MAX_TRIES tries, the first and one per delay', () => {
    expect(MAX_TRIES).toBe(RETRY_DELAYS_MS.length + 1);
    expect(retryAt(MAX_TRIES - 1, NOW, () => 0.5)).not.toBeNull();
    expect(retryAt(MAX_TRIES, NOW, () => 0.5)).toBeNull();
    expect(retryAt(MAX_TRIES + 3, NOW, () => 0.5)).toBeNull();
  });
});
