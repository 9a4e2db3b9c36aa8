import type { Labels, Scores } from "./types.js";
import { checkLabels, checkLength, checkProbabilities, fail } from "./validate.js";

export interface EceBin {
  lo: number;
  hi: number;
  n: number;
  /** p̄_m, mean predicted probability in the bin. */
  meanPredicted: number;
  /** ȳ_m, observed win rate in the bin. */
  observedRate: number;
  /** |ȳ_m − p̄_m| */
  gap: number;
}

export interface EceResult {
  /** ECE = Σ_m (|B_m|/N)·|ȳ_m − p̄_m| */
  ece: number;
  /** MCE = max_m |ȳ_m − p̄_m| over the non-empty bins. */
  mce: number;
  /** The non-empty bins, ascending. */
  bins: EceBin[];
}

/**
 * Expected and maximum calibration error over equal-width bins of p.
 *
 * Convention: M bins (default 10) of width 1/M on [0, 1]; bin m holds
 * m/M ≤ p < (m + 1)/M, the last bin also holds p = 1 (index
 * min(⌊p·M⌋, M − 1)). Empty bins are left out of both sums and of `bins`.
 * The per-bin means equal scikit-learn `calibration_curve(strategy="uniform")`
 * except possibly for p exactly on an edge (its edges come from linspace).
 *
 * @throws when lengths differ, there are no rows, p is outside [0, 1], a
 *   label is not 0/1, or bins is not a positive integer.
 * @example ece([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).ece // 0.15
 */
export function ece(p: Scores, y: Labels, bins = 10): EceResult {
  checkLength("ece", p, y, ["p", "y"]);
  checkProbabilities("ece", p);
  checkLabels("ece", y);
  if (!(Number.isInteger(bins) && bins >= 1)) fail("ece", `bins must be a positive integer; received ${bins}.`);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const m = Math.min(Math.floor(p[i] * bins), bins - 1);
    count[m]++;
    sumP[m] += p[i];
    sumY[m] += y[i];
  }
  const out: EceBin[] = [];
  let e = 0;
  let mce = 0;
  for (let m = 0; m < bins; m++) {
    if (count[m] === 0) continue;
    const meanPredicted = sumP[m] / count[m];
    const observedRate = sumY[m] / count[m];
    const gap = Math.abs(observedRate - meanPredicted);
    e += (count[m] / p.length) * gap;
    mce = Math.max(mce, gap);
    out.push({ lo: m / bins, hi: (m + 1) / bins, n: count[m], meanPredicted, observedRate, gap });
  }
  return { ece: e, mce, bins: out };
}
