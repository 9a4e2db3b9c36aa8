import { brierDecomposition, type BrierDecomposition } from "./brier-decomposition.js";
import { calibrationInterceptSlope, type CalibrationInterceptSlope } from "./calibration-intercept-slope.js";
import { delong, type DelongResult } from "./delong.js";
import { ece } from "./ece.js";
import { ks, type KsResult } from "./ks.js";
import { liftGain, type LiftGainRow } from "./lift-gain.js";
import { logLoss } from "./log-loss.js";
import { monotonicity, type MonotonicityResult } from "./monotonicity.js";
import { plattFit, type PlattMap } from "./platt-fit.js";
import { plattPredict } from "./platt-predict.js";
import { effectiveTierTable, type TierRow, type TierThresholds } from "./tier-table.js";
import type { Labels, Scores } from "./types.js";
import { withSharedScoreTables } from "./score-table.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength, fail } from "./validate.js";
import { winRateByBand, type BandOptions, type WinRateBand } from "./win-rate-by-band.js";

export interface EvaluateOptions extends TierThresholds {
  /** A score → probability map fitted on other data; without it one is fitted here, in-sample. */
  map?: PlattMap;
  /** Score bands for the win-rate table; default { bands: 10 } (quantile bands). */
  bands?: BandOptions;
  /** Depths of the lift/gain table; default 10. */
  deciles?: number;
  /** Equal-width bins for ECE/MCE; default 10. */
  eceBins?: number;
  /**
   * The version's own tier of each lead (its score table's `tier` column):
   * the tier table counts these instead of cutting the scores at the
   * thresholds, so a version that routes its tiers by grid cell is counted as
   * routed. Same length and order as scores.
   */
  tiers?: ArrayLike<string>;
}

export interface Evaluation {
  n: number;
  nWon: number;
  nLost: number;
  baseRate: number;
  /** AUC with its DeLong standard error and 95 % interval. */
  auc: DelongResult;
  gini: number;
  ks: KsResult;
  calibration: {
    /** "given": the map came from elsewhere; "fitted-in-sample": fitted on these leads (optimistic). */
    mapSource: "given" | "fitted-in-sample";
    map: PlattMap;
    /** Whether the in-sample fit converged; null for a given map. */
    converged: boolean | null;
    /** Brier score of the mapped probabilities with its Murphy decomposition over the scores. */
    brier: BrierDecomposition;
    logLoss: number;
    ece: number;
    mce: number;
    /** Calibration intercept/slope; only for a given map (in-sample they are 0 and 1 by construction) that is not constant. */
    interceptSlope: CalibrationInterceptSlope | null;
  };
  tiers: TierRow[];
  bands: WinRateBand[];
  monotonicity: MonotonicityResult;
  liftGain: LiftGainRow[];
  flags: {
    /** nWon < 100: every figure above is uncertain. */
    fewWins: boolean;
    /** A win rate falls from one band to the next. */
    nonMonotoneBands: boolean;
    /** The in-sample map did not converge (e.g. the score separates won from lost perfectly). */
    mapNotConverged: boolean;
  };
}

/**
 * All headline metrics of a lead score on labelled leads, as one
 * JSON-serialisable object (what `leadscore evaluate` prints): counts and
 * base rate; AUC with DeLong CI, Gini, KS; calibration of p = σ(a + b·s)
 * (Brier with decomposition, log loss, ECE/MCE, and, for a given map, the
 * calibration intercept and slope); the tier table; win rate per band with
 * the monotonicity check; lift/gain; and flags. The tier table counts
 * `options.tiers` when given (routing by grid cell), else the thresholds.
 *
 * Convention: each part follows its own function's conventions (see
 * {@link delong}, {@link ks}, {@link winRateByBand}, {@link liftGain}, …).
 * Without `map`, the Platt map is fitted on the same leads, so the
 * calibration figures are optimistic; `calibration.mapSource` says which.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   there are fewer than two won or two lost leads, or an option is invalid.
 * @example evaluate([1, 2, 3, 4], [0, 1, 0, 1], { nurture: 2, salesReady: 4 }).auc.auc // 0.75
 */
export function evaluate(scores: Scores, labels: Labels, options: EvaluateOptions): Evaluation {
  // Every figure below reads the same scores and labels: their table is sorted once.
  return withSharedScoreTables(() => evaluateOnce(scores, labels, options));
}

function evaluateOnce(scores: Scores, labels: Labels, options: EvaluateOptions): Evaluation {
  const fn = "evaluate";
  checkLength(fn, scores, labels, ["scores", "labels"]);
  checkFinite(fn, scores);
  const nWon = checkLabels(fn, labels);
  const n = scores.length;
  checkBothClasses(fn, nWon, n - nWon, 2);
  const { map: given, bands: bandOptions = { bands: 10 }, deciles = 10, eceBins = 10 } = options;
  if (given && !(Number.isFinite(given.a) && Number.isFinite(given.b))) {
    fail(fn, `map coefficients must be finite; received a = ${given.a}, b = ${given.b}.`);
  }
  const fitted = given ? null : plattFit(scores, labels);
  const map: PlattMap = given ? { a: given.a, b: given.b } : { a: fitted!.a, b: fitted!.b };
  const p = plattPredict(scores, map);
  const calibrationError = ece(p, labels, eceBins);
  const bands = winRateByBand(scores, labels, bandOptions);
  const mono = monotonicity(bands);
  const discrimination = delong(scores, labels);
  return {
    n,
    nWon,
    nLost: n - nWon,
    baseRate: nWon / n,
    auc: discrimination,
    gini: 2 * discrimination.auc - 1,
    ks: ks(scores, labels),
    calibration: {
      mapSource: given ? "given" : "fitted-in-sample",
      map,
      converged: fitted ? fitted.converged : null,
      brier: brierDecomposition(scores, p, labels),
      logLoss: logLoss(p, labels),
      ece: calibrationError.ece,
      mce: calibrationError.mce,
      interceptSlope: given && !isConstant(p) ? calibrationInterceptSlope(p, labels) : null,
    },
    tiers: effectiveTierTable(scores, labels, options, options.tiers),
    bands,
    monotonicity: mono,
    liftGain: liftGain(scores, labels, { deciles }),
    flags: { fewWins: nWon < 100, nonMonotoneBands: !mono.monotone, mapNotConverged: fitted ? !fitted.converged : false },
  };
}

function isConstant(p: Float64Array): boolean {
  for (let i = 1; i < p.length; i++) if (p[i] !== p[0]) return false;
  return true;
}
