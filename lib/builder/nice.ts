/**
 * Readable cut points for numeric bands: 29.87 → 30, 1234 → 1200, 0.0437 → 0.044.
 * A value is rounded to two significant digits.
 * @example niceCut(29.87) // => 30
 */
export function niceCut(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const mag = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 1);
  return Number((Math.round(x / mag) * mag).toPrecision(12));
}

/**
 * Cut points for about `k` bands of equal share, on values (ties never split,
 * so a file's row order never leaks into the bands): the k−1 inner
 * quantiles (lower, type 1) of `sortedValues`, made readable, strictly
 * increasing, and strictly above the minimum (so no band is empty by
 * construction). Empty when the values take one value only.
 * @example quantileCutsSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2) // => [6]
 */
export function quantileCutsSorted(sortedValues: ArrayLike<number>, k = 5): number[] {
  const n = sortedValues.length;
  if (n === 0) return [];
  const min = sortedValues[0];
  const cuts: number[] = [];
  for (let i = 1; i < k; i++) {
    // The first value above the i/k quantile starts the next band.
    const q = sortedValues[Math.min(n - 1, Math.floor((i * n) / k))];
    const c = niceCut(q);
    if (c > min && (cuts.length === 0 || c > cuts[cuts.length - 1])) cuts.push(c);
  }
  return cuts;
}
