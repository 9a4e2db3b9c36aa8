import type { Labels, Scores, Weights } from "./types.js";
import { checkLabels, checkLength, checkProbabilities, checkWeights, fail } from "./validate.js";

export interface LogLossOptions {
  /** p is clipped to [eps, 1 − eps] first; default 1e-15 (scikit-learn ≤ 1.4 default). */
  eps?: number;
  weights?: Weights;
}

/**
 * Log loss (cross-entropy) of predicted probabilities, natural log:
 * L = −Σ w_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)] / Σ w_i,
 * with p clipped to [eps, 1 − eps] so that 0 and 1 give a large finite loss.
 *
 * Convention: as scikit-learn `log_loss(y, p, eps=1e-15, sample_weight=w)`.
 *
 * @throws when lengths differ, p is outside [0, 1], a label is not 0/1, eps
 *   is not in (0, 0.5), or the weights are invalid.
 * @example logLoss([0.5, 0.5], [0, 1]) // 0.6931471805599453 (ln 2)
 */
export function logLoss(p: Scores, y: Labels, options: LogLossOptions = {}): number {
  const { eps = 1e-15, weights } = options;
  checkLength("logLoss", p, y, ["p", "y"]);
  checkProbabilities("logLoss", p);
  checkLabels("logLoss", y);
  if (!(eps > 0 && eps < 0.5)) fail("logLoss", `eps must be in (0, 0.5); received ${eps}.`);
  if (weights) checkWeights("logLoss", weights, p.length);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const w = weights ? weights[i] : 1;
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    sum -= w * (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    total += w;
  }
  return sum / total;
}
