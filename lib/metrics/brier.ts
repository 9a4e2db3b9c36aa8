import type { Labels, Scores, Weights } from "./types.js";
import { checkLabels, checkLength, checkProbabilities, checkWeights } from "./validate.js";

/**
 * Brier score: the mean squared difference between predicted probability and
 * outcome, Brier = Σ w_i (p_i − y_i)² / Σ w_i (unit weights by default).
 * 0 is perfect; always predicting the base rate ȳ gives ȳ(1 − ȳ).
 *
 * Convention: as scikit-learn `brier_score_loss` (with `sample_weight`).
 *
 * @throws when lengths differ, p is outside [0, 1], a label is not 0/1, or
 *   the weights are negative, non-finite or all 0.
 * @example brier([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0]) // 0.0375
 */
export function brier(p: Scores, y: Labels, weights?: Weights): number {
  checkLength("brier", p, y, ["p", "y"]);
  checkProbabilities("brier", p);
  checkLabels("brier", y);
  if (weights) checkWeights("brier", weights, p.length);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const w = weights ? weights[i] : 1;
    const d = p[i] - y[i];
    sum += w * d * d;
    total += w;
  }
  return sum / total;
}
