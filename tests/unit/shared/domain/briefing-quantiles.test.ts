/**
 * Median and percentiles by selection give exactly what a sorted copy gives, for sizes
 * below and above the sampling threshold, with ties, and for percentiles either side of
 * the median.
 */
import { describe, expect, it } from 'vitest';
import {
  medianAndPercentile,
  medianInPlace,
  selectInPlace,
} from '../../../../shared/domain/briefing-quantiles.ts';
import {
  medianOfSorted,
  percentileOfSorted,
  sortedCopy,
} from '../../../../shared/domain/stats-math.ts';
import { mulberry32 } from '../../../../server/ingest/simulator/prng.ts';

function sample(n: number, distinct: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  return Float64Array.from({ length: n }, () => Math.floor(rnd() * distinct) / 7 - 3);
}

describe('selection', () => {
  it.each([
    [0, 10],
    [1, 10],
    [2, 10],
    [5, 3],
    [600, 1000],
    [601, 1000],
    [4000, 5],
    [25_000, 1e9],
    [25_001, 40],
  ])('of %i values (%i distinct at most) matches the sorted copy', (n, distinct) => {
    for (const p of [10, 50, 90, 99, 100]) {
      const values = sample(n, distinct, n + p);
      const sorted = sortedCopy(values);
      expect(medianAndPercentile(values, p)).toEqual({
        median: medianOfSorted(sorted),
        percentile: percentileOfSorted(sorted, p),
      });
    }
  });

  it('a median alone, of an even count, averages the two middle values', () => {
    expect(medianInPlace(Float64Array.of(9, 1, 4, 2))).toBe(3);
    expect(medianInPlace(new Float64Array(0))).toBeNull();
  });

  it('puts the k-th value at k, nothing larger before it and nothing smaller after', () => {
    const values = sample(5000, 300, 7);
    const sorted = sortedCopy(values);
    selectInPlace(values, 1234);
    expect(values[1234]).toBe(sorted[1234]);
    expect(Math.max(...values.subarray(0, 1234))).toBeLessThanOrEqual(values[1234]!);
    expect(Math.min(...values.subarray(1235))).toBeGreaterThanOrEqual(values[1234]!);
    expect(sortedCopy(values)).toEqual(sorted);
  });
});
