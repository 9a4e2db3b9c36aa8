import { fitLogistic1d } from "./logistic-1d.js";
import { scoreTable } from "./score-table.js";
import type { Labels, Scores, Weights } from "./types.js";
import { checkFinite, checkLabels, checkLength, checkWeights, fail } from "./validate.js";

/** The score → probability map p = σ(a + b·s). */
export interface PlattMap {
  a: number;
  b: number;
}

export interface PlattFit extends PlattMap {
  /** False when Newton stopped without converging (e.g. perfect separation). */
  converged: boolean;
  iterations: number;
}

/**
 * Platt scaling: fits p = σ(a + b·s), σ(t) = 1/(1 + e⁻ᵗ), by maximum
 * likelihood, maximising Σ w_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)].
 *
 * Convention: no penalty and plain 0/1 targets (not Platt's smoothed
 * targets), i.e. scikit-learn `LogisticRegression(penalty=None)` on the one
 * column s. Newton's method with step halving on rows grouped by distinct
 * score, s standardised internally; converges in ~5–10 iterations. All
 * scores tied gives b = 0 and a = logit(ȳ). Perfectly separated classes have
 * no maximum: the fit is returned with `converged: false`.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   the weights are invalid, or either class is empty (weighted).
 * @example plattFit([0, 0, 0, 1, 1, 1], [0, 0, 1, 0, 1, 1]) // { a: -0.6931…, b: 1.3862…, converged: true, … } (−ln 2, ln 4)
 */
export function plattFit(scores: Scores, labels: Labels, weights?: Weights): PlattFit {
  checkLength("plattFit", scores, labels, ["scores", "labels"]);
  checkFinite("plattFit", scores);
  checkLabels("plattFit", labels);
  if (weights) checkWeights("plattFit", weights, scores.length);
  const t = scoreTable(scores, labels, weights);
  if (!(t.nWon > 0 && t.nLost > 0)) {
    fail("plattFit", `requires won (label 1) and lost (label 0) leads with positive weight; received ${t.nWon} won and ${t.nLost} lost.`);
  }
  return fitLogistic1d(t.values, t.won, t.lost);
}
