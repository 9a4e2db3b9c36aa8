/**
 * fitLogistic's warnings (never thrown): not-converged; separation
 * (|β_j| > 15); fitted-extreme (leads with p̂ within 1e-8 of 0 or 1);
 * ill-conditioned (condition estimate > 1e12 or a ridge had to be added to
 * factor the Hessian); empty-column (criterion met by no lead).
 */
import type { FitWarning } from "./logistic.js";
import type { Minimum } from "./logistic-newton.js";
import { EXTREME_P } from "./logistic-passes.js";

/** Coefficient size (logit units, odds ×3·10⁶) beyond which a criterion is reported as separating. */
export const SEPARATION_BETA = 15;

export interface WarningInput extends Pick<Minimum, "theta" | "last" | "iterations" | "converged" | "gradientNorm" | "conditionEstimate" | "ridgeAdded"> {
  /** one coefficient per criterion */
  coef: Float64Array;
  /** the criteria fitted */
  cols: readonly number[];
  /** fitted criteria met by no lead */
  emptyCols: number[];
}

/** The warnings of a finished fit, in a fixed order. */
export function fitWarnings(f: WarningInput): FitWarning[] {
  const warnings: FitWarning[] = [];
  if (!f.converged)
    warnings.push({
      code: "not-converged",
      message: `fitLogistic: no convergence after ${f.iterations} Newton iterations (‖gradient‖∞ = ${f.gradientNorm.toExponential(2)}); the coefficients are approximate. Raise maxIter, or look at the separation warnings.`,
    });
  const separating = f.cols.filter((j) => Math.abs(f.coef[j]) > SEPARATION_BETA);
  if (separating.length > 0 || Math.abs(f.theta[0]) > SEPARATION_BETA)
    warnings.push({
      code: "separation",
      message: `fitLogistic: coefficients beyond ±${SEPARATION_BETA} (odds ratio > 3·10⁶) suggest (quasi-)separation: some criteria decide the outcome almost alone. Check them for leakage, merge rare criteria, or use a stronger penalty (smaller C).`,
      columns: separating,
    });
  if (f.last.extremeWeight > 0)
    warnings.push({
      code: "fitted-extreme",
      message: `fitLogistic: ${f.last.extremeWeight} weighted leads have a fitted probability within ${EXTREME_P} of 0 or 1, a sign of separation. Check the criteria they carry for leakage.`,
    });
  if (f.ridgeAdded || f.conditionEstimate > 1e12)
    warnings.push({
      code: "ill-conditioned",
      message: `fitLogistic: the Hessian is ill-conditioned (condition estimate ${f.conditionEstimate.toExponential(2)}${f.ridgeAdded ? ", a ridge was added to factor it" : ""}): criteria are (nearly) collinear or empty. Remove duplicated criteria or use a penalty (finite C).`,
    });
  if (f.emptyCols.length > 0)
    warnings.push({
      code: "empty-column",
      message: `fitLogistic: ${f.emptyCols.length} criteria are met by no lead; their coefficients stay at the prior mean. Drop them or collect more data.`,
      columns: f.emptyCols,
    });
  return warnings;
}
