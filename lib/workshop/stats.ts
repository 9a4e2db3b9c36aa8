/**
 * The small statistics of a vote: quantiles and rounding, with their
 * conventions fixed (METHODS.md §10: mean, median, IQR). The arithmetic is
 * simple-statistics' (quantileSorted is R's type 7, as here; mean sums with
 * compensated summation); this module fixes the conventions and the messages.
 */
import { mean as ssMean, quantileSorted as ssQuantileSorted } from "simple-statistics";

/**
 * Quantile of sorted values, type 7 (linear interpolation between order
 * statistics; R's default, numpy's "linear"): h = (n − 1)·p,
 * q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
 * @throws when values is empty or p is outside [0, 1].
 * @example quantileSorted([10, 10, 10, 10, 20, 20, 20, 20], 0.25) // => 10 (R: quantile(c(rep(10,4),rep(20,4)), .25) = 10)
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("quantileSorted requires at least one value; received none.");
  if (!(p >= 0 && p <= 1)) throw new Error(`quantileSorted requires p in [0, 1]; received ${p}.`);
  return ssQuantileSorted(sorted as number[], p);
}

/**
 * Rounds to the nearest integer, halves away from zero (so +12.5 → 13 and
 * −12.5 → −13: a negative criterion is rounded like its positive mirror;
 * Math.round would give −12). Guards against binary noise: 2.4999999999999996
 * (a mean of 0.1-steps) is treated as 2.5.
 * @example roundPoints(-12.5) // => -13
 */
export function roundPoints(x: number): number {
  const a = Math.abs(x);
  const r = Math.floor(a + 0.5 + 1e-9);
  return r === 0 ? 0 : Math.sign(x) * r;
}

export interface VoteStats {
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  /** q3 − q1 (type-7 quartiles). */
  iqr: number;
  min: number;
  max: number;
}

/**
 * Mean, median, quartiles (type 7), IQR, min and max of a set of votes.
 * @throws when there are no votes.
 * @example voteStats([10, 10, 10, 10, 10, 20, 20, 20, 20, 20]).mean // => 15
 */
export function voteStats(values: readonly number[]): VoteStats {
  if (values.length === 0) throw new Error("voteStats requires at least one vote; received none.");
  const s = [...values].sort((a, b) => a - b);
  const q1 = quantileSorted(s, 0.25), q3 = quantileSorted(s, 0.75);
  return { n: s.length, mean: ssMean(s), median: quantileSorted(s, 0.5), q1, q3, iqr: q3 - q1, min: s[0], max: s[s.length - 1] };
}
