/**
 * Turns the rows a batch changed into the few row ranges deck.gl should recompute and
 * upload (`{startRow, endRow}`, end exclusive). deck.gl walks each range's slice of the
 * data and uploads each range with its own `bufferSubData`, so a thousand scattered rows
 * are better as a few dozen ranges that also cover some unchanged rows between them: the
 * smallest gaps are bridged first, until at most `maxRanges` remain.
 */

export interface RowRange {
  startRow: number;
  endRow: number;
}

export function rowRanges(rows: readonly number[], maxRanges: number): RowRange[] {
  if (rows.length === 0) return [];
  const sorted = Int32Array.from(rows).sort();
  // Runs of consecutive (or repeated) rows.
  const ranges: RowRange[] = [];
  let start = sorted[0] as number;
  let end = start + 1;
  for (let i = 1; i < sorted.length; i++) {
    const row = sorted[i] as number;
    if (row <= end) {
      end = Math.max(end, row + 1);
    } else {
      ranges.push({ startRow: start, endRow: end });
      start = row;
      end = row + 1;
    }
  }
  ranges.push({ startRow: start, endRow: end });
  if (ranges.length <= maxRanges) return ranges;

  // Keep the (maxRanges - 1) widest gaps as splits; bridge every other gap.
  const gaps = ranges.slice(1).map((r, i) => r.startRow - (ranges[i] as RowRange).endRow);
  const widest = Float64Array.from(gaps).sort().reverse();
  const threshold = maxRanges > 1 ? (widest[maxRanges - 2] as number) : Infinity;
  let splitsLeftAtThreshold = widest.slice(0, maxRanges - 1).filter((g) => g === threshold).length;
  const merged: RowRange[] = [{ ...(ranges[0] as RowRange) }];
  gaps.forEach((gap, i) => {
    const next = ranges[i + 1] as RowRange;
    let split = gap > threshold;
    if (gap === threshold && splitsLeftAtThreshold > 0) {
      split = true;
      splitsLeftAtThreshold -= 1;
    }
    if (split) merged.push({ ...next });
    else (merged[merged.length - 1] as RowRange).endRow = next.endRow;
  });
  return merged;
}
