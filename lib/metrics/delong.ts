import { Z95 } from "./normal.js";
import { componentsByScore } from "./delong-components.js";
import { scoreTable } from "./score-table.js";
import type { Interval, Labels, Scores } from "./types.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength } from "./validate.js";

export interface DelongResult {
  auc: number;
  variance: number;
  se: number;
  /** auc ± z·se with z = Φ⁻¹(0.975) = 1.95996, clipped to [0, 1]. */
  ci95: Interval;
}

/**
 * AUC with DeLong's variance estimate (DeLong, DeLong & Clarke-Pearson 1988):
 * Var = S10/n₊ + S01/n₋, where S10 and S01 are the sample variances
 * (denominator n − 1) of the components V10_i = mean_j ψ(s⁺_i, s⁻_j) and
 * V01_j = mean_i ψ(s⁺_i, s⁻_j), ψ = 1, ½, 0 for >, =, <. O(n log n).
 *
 * Convention: as pROC `var(roc, method = "delong")` and `ci.auc(method =
 * "delong")`; the 95 % interval is clipped to [0, 1]. All scores tied gives
 * auc 0.5 and variance 0.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1, or
 *   there are fewer than two won or two lost leads (S10/S01 need n − 1 ≥ 1).
 * @example delong([1, 2, 3, 4], [0, 1, 0, 1]).variance // 0.125 (auc 0.75)
 */
export function delong(scores: Scores, labels: Labels): DelongResult {
  checkLength("delong", scores, labels, ["scores", "labels"]);
  checkFinite("delong", scores);
  const won = checkLabels("delong", labels);
  checkBothClasses("delong", won, labels.length - won, 2);
  // Every won lead at distinct score v has the same V10 (lost below v, plus ½ of those tied, over n₋),
  // and every lost lead the same V01, so the sums run over the distinct scores.
  const t = scoreTable(scores, labels);
  const d = t.values.length;
  const { v10, v01 } = componentsByScore(t);
  let a = 0;
  for (let k = 0; k < d; k++) a += t.won[k] * v10[k];
  a /= t.nWon;
  let s10 = 0;
  let s01 = 0;
  for (let k = 0; k < d; k++) {
    s10 += t.won[k] * (v10[k] - a) ** 2;
    s01 += t.lost[k] * (v01[k] - a) ** 2;
  }
  const variance = s10 / (t.nWon - 1) / t.nWon + s01 / (t.nLost - 1) / t.nLost;
  const se = Math.sqrt(variance);
  return { auc: a, variance, se, ci95: [Math.max(0, a - Z95 * se), Math.min(1, a + Z95 * se)] };
}
