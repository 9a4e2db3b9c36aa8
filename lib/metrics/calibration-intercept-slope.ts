import { fitLogistic1d } from "./logistic-1d.js";
import { scoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkBothClasses, checkLabels, checkLength, checkProbabilities, fail } from "./validate.js";

export interface CalibrationInterceptSlope {
  /** a in logit P(y) = a + b·logit(p̂); ideal 0. */
  intercept: number;
  /** b, the calibration slope; ideal 1 (0.9–1.1 is well calibrated, < 1 overconfident). */
  slope: number;
  /** Calibration-in-the-large: a′ in logit P(y) = a′ + 1·logit(p̂) (slope fixed at 1); ideal 0, > 0 under-predicts. */
  calibrationInTheLarge: number;
  /** Mean of p̂. */
  meanPredicted: number;
  /** Observed win rate ȳ. */
  observedRate: number;
  /** Both Newton fits converged. */
  converged: boolean;
}

/**
 * Calibration intercept and slope of predicted probabilities on held-out
 * leads (Cox 1958; Steyerberg's "calibration slope"): the maximum-likelihood
 * fit of logit P(y = 1) = a + b·logit(p̂). Also the calibration-in-the-large
 * a′ of the offset model logit P(y = 1) = a′ + logit(p̂) (R `rms::val.prob`
 * "Intercept" with slope fixed at 1), and the plain means.
 *
 * Convention: p̂ is clipped to [1e-15, 1 − 1e-15] before the logit; the fit
 * is unpenalised (scikit-learn `LogisticRegression(penalty=None)` on the
 * single column logit(p̂)). Only meaningful on data the map was not fitted
 * on: in-sample, a Platt map gives intercept 0 and slope 1 by construction.
 *
 * @throws when lengths differ, p̂ is outside [0, 1], a label is not 0/1,
 *   either class is empty, or all p̂ are equal (after clipping).
 * @example calibrationInterceptSlope([0.2, 0.2, 0.2, 0.8, 0.8, 0.8], [0, 0, 1, 1, 1, 0]) // intercept 0, slope 0.5 (= ln 2 / ln 4), …
 */
export function calibrationInterceptSlope(p: Scores, y: Labels): CalibrationInterceptSlope {
  const fn = "calibrationInterceptSlope";
  checkLength(fn, p, y, ["p", "y"]);
  checkProbabilities(fn, p);
  const won = checkLabels(fn, y);
  checkBothClasses(fn, won, y.length - won);
  const eps = 1e-15;
  const x = new Float64Array(p.length);
  let sumP = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - eps, Math.max(eps, p[i]));
    x[i] = Math.log(q / (1 - q));
    sumP += p[i];
  }
  const t = scoreTable(x, y);
  if (t.values.length < 2) {
    fail(fn, "requires at least two distinct predicted probabilities; all p̂ are equal, so the slope is not defined.");
  }
  const free = fitLogistic1d(t.values, t.won, t.lost);
  const large = fitLogistic1d(t.values, t.won, t.lost, { fixedSlope: 1 });
  return {
    intercept: free.a,
    slope: free.b,
    calibrationInTheLarge: large.a,
    meanPredicted: sumP / p.length,
    observedRate: won / p.length,
    converged: free.converged && large.converged,
  };
}
