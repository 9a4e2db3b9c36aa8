/**
 * Internal: DeLong's structural components, O(n log n).
 * For won lead i and lost lead j, ψ = 1, ½, 0 when s⁺_i >, =, < s⁻_j;
 * V10_i = mean_j ψ(s⁺_i, s⁻_j) and V01_j = mean_i ψ(s⁺_i, s⁻_j). Every lead
 * at the same score has the same component, so they are computed once per
 * distinct score from the score table (lost below and tied, won above and
 * tied: the mid-rank computation of DeLong et al. (1988) / Sun & Xu (2014)
 * without materialising the ranks) and handed to each lead through the
 * table's position of its score.
 */
import { scoreTable, type ScoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";

export interface DelongComponents {
  /** V10 for each won lead, in input order of the won leads. */
  v10: Float64Array;
  /** V01 for each lost lead, in input order of the lost leads. */
  v01: Float64Array;
}

/**
 * V10 and V01 at each distinct score of a table: a won lead at score v has
 * V10 = (lost below v + ½ lost at v) / n₋, a lost lead V01 = (won above v +
 * ½ won at v) / n₊.
 */
export function componentsByScore(t: ScoreTable): { v10: Float64Array; v01: Float64Array } {
  const d = t.values.length;
  const v10 = new Float64Array(d);
  const v01 = new Float64Array(d);
  let lostBelow = 0;
  let wonAbove = t.nWon;
  for (let k = 0; k < d; k++) {
    wonAbove -= t.won[k];
    v10[k] = (lostBelow + 0.5 * t.lost[k]) / t.nLost;
    v01[k] = (wonAbove + 0.5 * t.won[k]) / t.nWon;
    lostBelow += t.lost[k];
  }
  return { v10, v01 };
}

export function delongComponents(scores: Scores, labels: Labels): DelongComponents {
  const t = scoreTable(scores, labels);
  const { v10: at10, v01: at01 } = componentsByScore(t);
  const at = t.at!;
  const v10 = new Float64Array(t.nWon);
  const v01 = new Float64Array(t.nLost);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    const k = at[i];
    if (labels[i] === 1) v10[a++] = at10[k];
    else v01[b++] = at01[k];
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
