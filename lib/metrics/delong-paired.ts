import { delongComponents, mean, sampleCov, type DelongComponents } from "./delong-components.js";
import { normalCdf, Z95 } from "./normal.js";
import type { Interval, Labels, Scores } from "./types.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength } from "./validate.js";

export interface DelongPairedResult {
  aucA: number;
  aucB: number;
  /** aucA − aucB */
  diff: number;
  /** Standard error of diff. */
  se: number;
  /** diff ± z·se with z = Φ⁻¹(0.975), clipped to [−1, 1]. */
  ci95: Interval;
  /** diff / se (0 when diff and se are both 0). */
  z: number;
  /** Two-sided p-value 2·Φ(−|z|). */
  p: number;
}

/**
 * Paired DeLong test: do two scores on the same leads differ in AUC?
 * With the V10/V01 components of each score, S10 and S01 are their 2×2
 * sample covariance matrices (over won and lost leads respectively),
 * S = S10/n₊ + S01/n₋ and Var(A − B) = S_AA + S_BB − 2·S_AB;
 * z = (AUC_A − AUC_B)/√Var, p = 2·Φ(−|z|).
 *
 * Convention: the formula of pROC `roc.test(method = "delong", paired =
 * TRUE)`. Identical scores give se 0, z 0, p 1.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1, or
 *   there are fewer than two won or two lost leads.
 * @example delongPaired([1, 2, 3, 4], [4, 3, 2, 1], [0, 0, 1, 1]).diff // 1 (aucA 1, aucB 0)
 */
export function delongPaired(scoresA: Scores, scoresB: Scores, labels: Labels): DelongPairedResult {
  const fn = "delongPaired";
  checkLength(fn, scoresA, labels, ["scoresA", "labels"]);
  checkLength(fn, scoresB, labels, ["scoresB", "labels"]);
  checkFinite(fn, scoresA, "scoresA");
  checkFinite(fn, scoresB, "scoresB");
  const won = checkLabels(fn, labels);
  checkBothClasses(fn, won, labels.length - won, 2);
  return delongPairedOf(delongComponents(scoresA, labels), delongComponents(scoresB, labels));
}

/**
 * delongPaired from both versions' DeLong components on the same leads (as
 * delongComponents gives them): for several pairs of the same scores, each
 * version's components are computed once. The inputs are not checked here.
 */
export function delongPairedOf(A: DelongComponents, B: DelongComponents): DelongPairedResult {
  const aucA = mean(A.v10);
  const aucB = mean(B.v10);
  const nWon = A.v10.length;
  const nLost = A.v01.length;
  const varA = sampleCov(A.v10, A.v10) / nWon + sampleCov(A.v01, A.v01) / nLost;
  const varB = sampleCov(B.v10, B.v10) / nWon + sampleCov(B.v01, B.v01) / nLost;
  const covAB = sampleCov(A.v10, B.v10) / nWon + sampleCov(A.v01, B.v01) / nLost;
  const diff = aucA - aucB;
  const se = Math.sqrt(Math.max(0, varA + varB - 2 * covAB));
  const z = se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  const p = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { aucA, aucB, diff, se, ci95: [Math.max(-1, diff - Z95 * se), Math.min(1, diff + Z95 * se)], z, p };
}
