/**
 * Scorecard scaling: how many points one logit unit is worth, and where the
 * score scale sits (METHODS.md §3 "Points").
 */
import { radixSort } from "../metrics/radix-order.js";

export interface PdoScaling {
  /** points per logit unit: PDO / ln 2 */
  readonly factor: number;
  /** S0 − factor·ln(odds0): the score at even odds */
  readonly offset: number;
}

/**
 * Points-to-double-the-odds scaling: factor = PDO / ln 2,
 * offset = S0 − factor·ln(odds0); then +PDO points double the odds of winning,
 * P(win | S) = σ((S − offset)/factor) and base = offset + factor·β₀.
 *
 * @throws when pdo ≤ 0 or odds ≤ 0.
 * @example pdoScaling({ pdo: 20, score: 600, odds: 50 }) // { factor: 28.8539…, offset: 487.1229… }
 */
export function pdoScaling(options: { pdo?: number; score?: number; odds?: number } = {}): PdoScaling {
  const pdo = options.pdo ?? 20;
  const score = options.score ?? 600;
  const odds = options.odds ?? 50;
  if (!(pdo > 0) || !(odds > 0) || !Number.isFinite(score))
    throw new Error(`pdoScaling: PDO and odds must be > 0 and the score finite; received pdo ${pdo}, odds ${odds}, score ${score}. Use e.g. { pdo: 20, score: 600, odds: 50 }.`);
  const factor = pdo / Math.LN2;
  return { factor, offset: score - factor * Math.log(odds) };
}

/**
 * Weighted quantile, type 1 (the smallest value whose cumulative weight reaches
 * q·total). Values need not be sorted.
 *
 * @example weightedQuantile([3, 1, 2], [1, 1, 1], 0.5) // 2
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  return weightedQuantiles(values, weights, [q])[0];
}

/**
 * weightedQuantile at several q from one sort of the values (a stable radix
 * sort, lib/metrics/radix-order.ts, when every value is finite: a million
 * values in tens of milliseconds, where a comparison sort of their indices
 * took about a second; the same order, so the same quantiles).
 *
 * @example weightedQuantiles([3, 1, 2], [1, 1, 1], [0.05, 0.95]) // [1, 3]
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, qs: readonly number[]): number[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0))
    throw new Error(`weightedQuantile: needs positive total weight; received ${total}. Pass at least one lead.`);
  let finite = true;
  for (let i = 0; i < values.length && finite; i++) finite = Number.isFinite(values[i]);
  const order: ArrayLike<number> = finite
    ? radixSort(values).order
    : Array.from({ length: values.length }, (_, i) => i).sort((x, y) => values[x] - values[y]);
  return qs.map((q) => {
    let acc = 0;
    for (let r = 0; r < order.length; r++) {
      acc += weights[order[r]];
      if (acc >= q * total - 1e-12 * total) return values[order[r]];
    }
    return values[order[order.length - 1]];
  });
}

/**
 * "Keep the current score range": choose the points-per-logit factor and the
 * base so that the new scores of the leads spread like the current ones, so
 * existing thresholds keep cutting similar volumes.
 *
 * Convention: on the fitting leads, the 5th–95th percentile spread of the new
 * linear predictor η = Σ β_j (without intercept) is scaled to the 5th–95th
 * percentile spread of the current total score: factor = (Q95_cur − Q5_cur) /
 * (Q95_η − Q5_η), and base = Q5_cur − factor·Q5_η, so the 5th percentiles
 * coincide. When either spread is zero, the achievable spans (sum of positive
 * minus sum of negative values) are matched instead.
 *
 * @throws when the arrays differ in length.
 * @example matchCurrentRange([0, 1, 2], [0, 10, 20], [1, 1, 1]).factor // 10
 */
export function matchCurrentRange(
  eta: ArrayLike<number>,
  currentScore: ArrayLike<number>,
  weights: ArrayLike<number>,
  spans?: { eta: number; current: number },
): { factor: number; base: number } {
  if (eta.length !== currentScore.length || eta.length !== weights.length)
    throw new Error(`matchCurrentRange: eta, currentScore and weights must have the same length; received ${eta.length}, ${currentScore.length}, ${weights.length}. Pass one value per (collapsed) row.`);
  const [e5, e95] = weightedQuantiles(eta, weights, [0.05, 0.95]);
  const [c5, c95] = weightedQuantiles(currentScore, weights, [0.05, 0.95]);
  let factor = (c95 - c5) / (e95 - e5);
  if (!(Number.isFinite(factor) && factor > 0)) factor = spans && spans.eta > 0 && spans.current > 0 ? spans.current / spans.eta : 1;
  return { factor, base: c5 - factor * e5 };
}
