import { scoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkFinite, checkLabels, checkLength, checkProbabilities, fail } from "./validate.js";

export interface BrierDecomposition {
  /** mean (p − y)², computed directly. */
  brier: number;
  /** REL = Σ_k n_k (p̄_k − ȳ_k)² / N: miscalibration, lower is better. */
  reliability: number;
  /** RES = Σ_k n_k (ȳ_k − ȳ)² / N: how far groups move from the base rate, higher is better. */
  resolution: number;
  /** UNC = ȳ(1 − ȳ): the Brier score of always predicting the base rate. */
  uncertainty: number;
  /** brier − (REL − RES + UNC): 0 (up to rounding) when p is constant within each score. */
  withinScore: number;
  /** Number of distinct scores (groups k). */
  groups: number;
}

/**
 * Murphy's decomposition of the Brier score over the distinct scores:
 * Brier = REL − RES + UNC, with groups k = the leads sharing a score, n_k
 * their number, p̄_k their mean predicted probability and ȳ_k their win rate.
 *
 * Convention: the identity is exact when p is a function of the score (as
 * after a score → probability map); otherwise the difference, the within-score
 * variance of p less twice its within-score covariance with y, is returned as
 * `withinScore`.
 *
 * @throws when lengths differ, a score is not finite, p is outside [0, 1], a
 *   label is not 0/1, or there are no rows.
 * @example brierDecomposition([1, 1, 2, 2], [0.25, 0.25, 0.75, 0.75], [0, 1, 1, 1])
 *   // { brier: 0.1875, reliability: 0.0625, resolution: 0.0625, uncertainty: 0.1875, withinScore: 0, groups: 2 }
 */
export function brierDecomposition(scores: Scores, p: Scores, y: Labels): BrierDecomposition {
  const fn = "brierDecomposition";
  checkLength(fn, scores, y, ["scores", "y"]);
  checkLength(fn, p, y, ["p", "y"]);
  checkFinite(fn, scores);
  checkProbabilities(fn, p);
  checkLabels(fn, y);
  if (scores.length === 0) fail(fn, "requires at least one row.");
  const t = scoreTable(scores, y);
  const d = t.values.length;
  const sumP = new Float64Array(d);
  // Each lead's distinct score is the table's position of its row (a binary search per lead missed the cache at every step).
  const at = t.at!;
  let brierSum = 0;
  for (let i = 0; i < scores.length; i++) {
    sumP[at[i]] += p[i];
    const e = p[i] - y[i];
    brierSum += e * e;
  }
  const n = scores.length;
  const base = t.nWon / n;
  let rel = 0;
  let res = 0;
  for (let k = 0; k < d; k++) {
    const nk = t.won[k] + t.lost[k];
    const yk = t.won[k] / nk;
    const pk = sumP[k] / nk;
    rel += nk * (pk - yk) ** 2;
    res += nk * (yk - base) ** 2;
  }
  const reliability = rel / n;
  const resolution = res / n;
  const uncertainty = base * (1 - base);
  const brier = brierSum / n;
  return { brier, reliability, resolution, uncertainty, withinScore: brier - (reliability - resolution + uncertainty), groups: d };
}
