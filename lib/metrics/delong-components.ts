/**
 * Internal: DeLong's structural components through sorted arrays, O(n log n).
 * For won lead i and lost lead j, ψ = 1, ½, 0 when s⁺_i >, =, < s⁻_j;
 * V10_i = mean_j ψ(s⁺_i, s⁻_j) and V01_j = mean_i ψ(s⁺_i, s⁻_j). The counts
 * "below" and "equal" come from binary searches in the other class's sorted
 * scores, which is the mid-rank computation of DeLong et al. (1988) / Sun &
 * Xu (2014) without materialising the ranks.
 */
import { lowerBound, upperBound } from "./sorted-search.js";
import type { Labels, Scores } from "./types.js";

export interface DelongComponents {
  /** V10 for each won lead, in input order of the won leads. */
  v10: Float64Array;
  /** V01 for each lost lead, in input order of the lost leads. */
  v01: Float64Array;
}

export function delongComponents(scores: Scores, labels: Labels): DelongComponents {
  const n = scores.length;
  let nWon = 0;
  for (let i = 0; i < n; i++) nWon += labels[i];
  const pos = new Float64Array(nWon);
  const neg = new Float64Array(n - nWon);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  const posSorted = pos.slice().sort();
  const negSorted = neg.slice().sort();
  const v10 = new Float64Array(pos.length);
  for (let i = 0; i < pos.length; i++) {
    const below = lowerBound(negSorted, pos[i]);
    const equal = upperBound(negSorted, pos[i]) - below;
    v10[i] = (below + 0.5 * equal) / neg.length;
  }
  const v01 = new Float64Array(neg.length);
  for (let j = 0; j < neg.length; j++) {
    const notAbove = upperBound(posSorted, neg[j]);
    const equal = notAbove - lowerBound(posSorted, neg[j]);
    v01[j] = (pos.length - notAbove + 0.5 * equal) / pos.length;
  }
  return { v10, v01 };
}

export function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/** Sample covariance (denominator n − 1) of two equal-length arrays. */
export function sampleCov(a: Float64Array, b: Float64Array): number {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}
