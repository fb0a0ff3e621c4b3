/**
 * Median and nearest-rank percentiles by selection instead of a full sort: a briefing over
 * 90 days at 5,000 a day asks for them over 400,000 response times, where sorting was
 * most of its computation (BENCHMARKS.md, "Briefings"). They give exactly what
 * `medianOfSorted` / `percentileOfSorted` (stats-math.ts) give on a sorted copy: the same
 * observations, picked without ordering the rest.
 */

/**
 * Reorders `a` so that a[k] holds the value a sorted `a` would hold there, with no larger
 * value before it and no smaller one after (Floyd & Rivest's SELECT).
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow the range around k with a sample first, so big ranges take few passes.
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The median of `a`, which is reordered (its middle value at a[length >> 1]); null when empty. */
export function medianInPlace(a: Float64Array): number | null {
  const n = a.length;
  if (n === 0) return null;
  const mid = n >> 1;
  selectInPlace(a, mid);
  if (n % 2 === 1) return a[mid]!;
  // Everything before mid is at most a[mid]: the value just below it is their largest.
  let below = a[0]!;
  for (let i = 1; i < mid; i++) if (a[i]! > below) below = a[i]!;
  return (below + a[mid]!) / 2;
}

/**
 * The median and the nearest-rank `p`th percentile of `a`, which is reordered; nulls when
 * it is empty. `a` must hold no NaN.
 */
export function medianAndPercentile(
  a: Float64Array,
  p: number,
): { median: number | null; percentile: number | null } {
  const n = a.length;
  const median = medianInPlace(a);
  if (median === null) return { median, percentile: null };
  const mid = n >> 1;
  const rank = Math.max(1, Math.ceil((p / 100) * n)) - 1;
  // The median's selection split `a` at mid: look only on the side the rank lies.
  if (rank > mid) selectInPlace(a, rank, mid + 1, n - 1);
  else if (rank < mid) selectInPlace(a, rank, 0, mid - 1);
  return { median, percentile: a[rank]! };
}
