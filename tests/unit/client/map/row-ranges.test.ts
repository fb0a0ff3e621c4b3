/** Rows a batch changed → the few ranges deck.gl recomputes and uploads. */
import { describe, expect, it } from 'vitest';
import { rowRanges } from '../../../../client/map/row-ranges.ts';

const r = (startRow: number, endRow: number) => ({ startRow, endRow });

describe('rowRanges', () => {
  it.each([
    ['nothing', [], 8, []],
    ['one row', [5], 8, [r(5, 6)]],
    ['a run, unsorted and repeated', [7, 5, 6, 6], 8, [r(5, 8)]],
    ['separate runs', [1, 2, 10, 20, 21], 8, [r(1, 3), r(10, 11), r(20, 22)]],
    // Gaps 2, 2, 1, 1, 1, 7: the widest (7) and the first 2 stay splits; the rest are bridged.
    [
      'too many: the smallest gaps are bridged',
      [0, 3, 6, 8, 10, 12, 20],
      3,
      [r(0, 1), r(3, 13), r(20, 21)],
    ],
    ['one range at most', [0, 50, 100], 1, [r(0, 101)]],
    ['ties at the threshold keep no more splits than asked', [0, 2, 4, 6], 2, [r(0, 1), r(2, 7)]],
  ])('%s', (_name, rows, max, expected) => {
    expect(rowRanges(rows, max)).toEqual(expected);
  });

  it('covers every changed row within at most the given number of ranges', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 100_000);
    const ranges = rowRanges(rows, 64);
    expect(ranges.length).toBeLessThanOrEqual(64);
    for (const row of rows)
      expect(ranges.some((x) => x.startRow <= row && row < x.endRow)).toBe(true);
    ranges.slice(1).forEach((x, i) => expect(x.startRow).toBeGreaterThan(ranges[i]!.endRow));
  });
});
