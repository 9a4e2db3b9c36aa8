import type { BinomialRows } from "./design.js";
import { fitLogistic, type LogisticFit, type LogisticOptions } from "./logistic.js";
import { mulberry32 } from "../prng.js";
import { poisson } from "./prng.js";

export interface BootstrapOptions {
  /** points per logit unit used to express coefficients as points (e.g. SuggestedPoints.factor) */
  readonly factor: number;
  /** number of refits (default 200, at least 2) */
  readonly replicates?: number;
  /** PRNG seed (default 1) */
  readonly seed?: number;
  /** central interval level (default 0.95 → 2.5 % and 97.5 % percentiles) */
  readonly level?: number;
  /** a criterion counts as kept in a refit when |round(points)| ≥ max(1, minPoints) (default 0) */
  readonly minPoints?: number;
  /** passed to every refit */
  readonly C?: number;
  readonly include?: LogisticOptions["include"];
  readonly priorMean?: LogisticOptions["priorMean"];
}

export interface BootstrapResult {
  readonly replicates: number;
  /** lower / upper percentile and median of factor·β per criterion */
  readonly lo: Float64Array;
  readonly median: Float64Array;
  readonly hi: Float64Array;
  /** share of refits in which the criterion is kept (see minPoints) */
  readonly keepRate: Float64Array;
  /** refits that did not converge (still included) */
  readonly notConverged: number;
  /** all refits' points, row-major replicates × criteria */
  readonly points: Float64Array;
}

/**
 * Seeded bootstrap of the points (METHODS.md §3 "Uncertainty").
 *
 * Convention: Poisson bootstrap on collapsed rows. Resampling n leads with
 * replacement gives each lead a Binomial(n, 1/n) ≈ Poisson(1) multiplicity, so a
 * collapsed row with `won` won and `lost` lost leads receives Poisson(won) and
 * Poisson(lost) leads (the sum of independent Poisson(1) draws); the total n
 * varies slightly between refits. Each refit is the same penalised logistic fit,
 * warm-started at the full-data solution and stepping with the full-data Hessian
 * (chord steps, O(nnz) each; exact gradient, so each refit reaches its own
 * optimum, to ‖gradient‖∞ ≤ 1e-6·n, about 0.01 points); points = factor·β (unrounded, fixed
 * factor, no integer refinement). Intervals are percentiles of the refits,
 * type 7 (linear interpolation, R's default). Same seed → same result.
 *
 * @throws when factor ≤ 0 or fewer than 2 replicates are asked for.
 * @example bootstrapPoints(collapseRows(design), { factor: 28.85, seed: 7 }).lo
 */
export function bootstrapPoints(data: BinomialRows, options: BootstrapOptions): BootstrapResult {
  const { nCols, nRows } = data;
  const B = options.replicates ?? 200;
  if (!(options.factor > 0))
    throw new Error(`bootstrapPoints: factor must be > 0 points per logit; received ${options.factor}. Pass SuggestedPoints.factor or pdoScaling().factor.`);
  if (!(B >= 2 && Number.isInteger(B)))
    throw new Error(`bootstrapPoints: replicates must be an integer ≥ 2; received ${B}. Use 200 or more.`);
  const level = options.level ?? 0.95;
  const keepAt = Math.max(1, options.minPoints ?? 0);
  const fitOptions = { C: options.C, include: options.include, priorMean: options.priorMean };
  const full = fullFit(data, fitOptions);
  const rng = mulberry32(options.seed ?? 1);
  const points = new Float64Array(B * nCols);
  const keep = new Float64Array(nCols);
  let notConverged = 0;
  const won = new Float64Array(nRows);
  const lost = new Float64Array(nRows);
  const sample = { ...data, won, lost };
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < nRows; r++) {
      won[r] = poisson(rng, data.won[r]);
      lost[r] = poisson(rng, data.lost[r]);
    }
    const fit = fitLogistic(sample, { ...fitOptions, init: full, reuseHessian: full, tol: 1e-6 });
    if (!fit.converged) notConverged++;
    for (let j = 0; j < nCols; j++) {
      const v = options.factor * fit.coef[j];
      points[b * nCols + j] = v;
      if (Math.abs(Math.round(v)) >= keepAt) keep[j]++;
    }
  }
  const lo = new Float64Array(nCols);
  const hi = new Float64Array(nCols);
  const median = new Float64Array(nCols);
  const col = new Float64Array(B);
  const quantile7 = (sorted: Float64Array, q: number) => {
    const h = (sorted.length - 1) * q;
    const i = Math.floor(h);
    return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  for (let j = 0; j < nCols; j++) {
    for (let b = 0; b < B; b++) col[b] = points[b * nCols + j];
    col.sort();
    lo[j] = quantile7(col, (1 - level) / 2);
    median[j] = quantile7(col, 0.5);
    hi[j] = quantile7(col, 1 - (1 - level) / 2);
  }
  return { replicates: B, lo, median, hi, keepRate: keep.map((k) => k / B), notConverged, points };
}

type FitOptions = Pick<LogisticOptions, "C" | "include" | "priorMean">;
interface FullFit {
  C: number | undefined;
  include: number[] | undefined;
  priorMean: number[] | undefined;
  check: number;
  fit: LogisticFit;
}
const fullFits = new WeakMap<BinomialRows, FullFit>();

/**
 * The full-data fit, remembered per rows object and options, so that a
 * bootstrap run in chunks (lib/suggest bootstrapInChunks) fits the full data
 * once. A checksum of the won / lost weights guards against rows changed in place.
 */
function fullFit(data: BinomialRows, o: FitOptions): LogisticFit {
  let check = data.nRows;
  for (let r = 0; r < data.nRows; r++) check += (r + 1) * data.won[r] + 0.5 * (r + 2) * data.lost[r];
  const include = o.include && Array.from(o.include, (v) => (v ? 1 : 0));
  const prior = o.priorMean && Array.from(o.priorMean);
  const same = (a: number[] | undefined, b: number[] | undefined) => (a === undefined ? b === undefined : b !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i])));
  const hit = fullFits.get(data);
  if (hit && hit.C === o.C && hit.check === check && same(hit.include, include) && same(hit.priorMean, prior)) return hit.fit;
  const fit = fitLogistic(data, o);
  fullFits.set(data, { C: o.C, include, priorMean: prior, check, fit });
  return fit;
}
