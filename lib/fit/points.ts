import { rowSums, type BinomialRows } from "./design.js";
import { fitLogistic, type FitWarning, type LogisticFit } from "./logistic.js";
import { refineIntegerPoints } from "./refine.js";
import { fitScoreMap, type ScoreMap } from "./score-map.js";
import { matchCurrentRange, pdoScaling, weightedQuantile } from "./scaling.js";

/** How logits become points. */
export type PointsScale =
  /** scorecard scaling: +pdo points double the odds; `score` points at odds `odds`:1 (defaults 20, 600, 50) */
  | { readonly kind: "pdo"; readonly pdo?: number; readonly score?: number; readonly odds?: number }
  /** keep the spread of the current model's scores (see matchCurrentRange) */
  | { readonly kind: "current-range"; readonly currentPoints: ArrayLike<number>; readonly currentBase?: number }
  /** small integer table, |points| ≤ maxAbsPoints (FasterRisk style) */
  | { readonly kind: "bounded"; readonly maxAbsPoints: number };

export interface SuggestPointsOptions {
  readonly scale?: PointsScale;
  /** inverse L2 penalty (default 1) */
  readonly C?: number;
  /** criteria allowed in the table (default all) */
  readonly include?: ArrayLike<number | boolean>;
  /** workshop rule: drop criteria whose rounded points are below this in absolute value, then refit (default 0) */
  readonly minPoints?: number;
  /** drop criteria whose interval (e.g. bootstrap 2.5–97.5 %) contains 0 */
  readonly intervals?: { readonly lo: ArrayLike<number>; readonly hi: ArrayLike<number> };
  /** shrink toward these points (NaN = no opinion, treated as 0): prior β = points / expertFactor */
  readonly expertPoints?: ArrayLike<number>;
  /** points per logit of the expert table (default: the PDO factor, else 1/b of σ(a + b·expert score) fitted on the data) */
  readonly expertFactor?: number;
  /** integer refinement (default on): multipliers swept, relative span for pdo/current-range, ±1 search */
  readonly refine?: false | { readonly sweep?: number; readonly span?: number; readonly localSearch?: boolean; readonly maxMoves?: number };
}

export type DropReason = "min-points" | "interval" | "excluded";

export interface SuggestedPoints {
  /** integer points per criterion (0 when dropped) */
  readonly points: Int32Array;
  /** integer added to every lead's score */
  readonly base: number;
  /** 1 = criterion in the table */
  readonly kept: Uint8Array;
  readonly dropped: ReadonlyArray<{ readonly criterion: number; readonly reason: DropReason }>;
  /** factor·β before rounding, with the nominal factor */
  readonly continuousPoints: Float64Array;
  /** nominal points per logit unit */
  readonly factor: number;
  /** P(win | total score S) = σ(a + b·S), S = base + Σ points (refitted on the data) */
  readonly map: ScoreMap;
  /** ln 2 / b: points that double the odds in the final table */
  readonly effectivePdo: number;
  readonly fit: LogisticFit;
  readonly refinement: { readonly multiplier: number; readonly moves: number; readonly logLoss: number; readonly roundedLogLoss: number; readonly continuousLogLoss: number };
  readonly warnings: readonly FitWarning[];
}

/**
 * Suggested integer points for 0/1 criteria (METHODS.md §3): L2 logistic fit
 * (optionally shrunk toward expert points), scaling to points, workshop
 * dropping rules with refits, then integer refinement (refineIntegerPoints).
 *
 * Scales: "pdo" → factor = PDO/ln 2 and multipliers swept in [1/(1 + span),
 * 1 + span] (span 0.1), so +PDO points double the odds to within that span
 * (effectivePdo reports the exact figure); base = round(S0 − (ln odds0 − a)/b)
 * with σ(a + b·s) the refitted map on the points sum, so S0 points sit at
 * odds0:1 (without refinement, b = 1/factor and this is offset + factor·β₀). "current-range" → factor and base from
 * matchCurrentRange (5th–95th percentile spread of the current scores), base then
 * re-aligned on the 5th percentile of the final scores. "bounded" → factor =
 * maxAbsPoints / max|β|, multipliers in [max(0.25, 1/factor), 1], base 0.
 *
 * @throws when option arrays do not have one entry per criterion, or a scale
 *   parameter is invalid.
 * @example suggestPoints(collapseRows(design), { scale: { kind: "pdo" }, minPoints: 5 }).points
 */
export function suggestPoints(data: BinomialRows, options: SuggestPointsOptions = {}): SuggestedPoints {
  const { nCols } = data;
  const fn = "suggestPoints";
  const len = (name: string, a?: ArrayLike<unknown>) => {
    if (a && a.length !== nCols)
      throw new Error(`${fn}: ${name} must have one entry per criterion; received ${a.length} for ${nCols}. Pass nCols values.`);
  };
  const scale: PointsScale = options.scale ?? { kind: "pdo" };
  len("include", options.include);
  len("expertPoints", options.expertPoints);
  len("intervals.lo", options.intervals?.lo);
  len("intervals.hi", options.intervals?.hi);
  if (scale.kind === "current-range") len("currentPoints", scale.currentPoints);
  if (scale.kind === "bounded" && !(scale.maxAbsPoints >= 1))
    throw new Error(`${fn}: maxAbsPoints must be ≥ 1; received ${scale.maxAbsPoints}. Use e.g. 5 for points in [−5, 5].`);
  const pdo = scale.kind === "pdo" ? pdoScaling(scale) : undefined;
  const weights = new Float64Array(data.nRows);
  for (let r = 0; r < data.nRows; r++) weights[r] = data.won[r] + data.lost[r];
  const current = scale.kind === "current-range" ? rowSums(data, scale.currentPoints, scale.currentBase ?? 0) : undefined;

  const kept = new Uint8Array(nCols);
  const dropped: { criterion: number; reason: DropReason }[] = [];
  for (let j = 0; j < nCols; j++) {
    if (options.include && !options.include[j]) dropped.push({ criterion: j, reason: "excluded" });
    else if (options.intervals && options.intervals.lo[j] <= 0 && options.intervals.hi[j] >= 0) dropped.push({ criterion: j, reason: "interval" });
    else kept[j] = 1;
  }

  let priorMean: Float64Array | undefined;
  if (options.expertPoints) {
    const expert = Float64Array.from(options.expertPoints, (v) => (Number.isFinite(v) ? v : 0));
    let ef = options.expertFactor ?? pdo?.factor;
    if (ef === undefined) {
      const m = fitScoreMap(rowSums(data, expert), data.won, data.lost);
      ef = m.b > 0 ? 1 / m.b : NaN;
    }
    if (!(ef > 0))
      throw new Error(`${fn}: the expert points do not rank won above lost leads (fitted slope ≤ 0), so no points-per-logit factor follows from them. Pass expertFactor explicitly.`);
    priorMean = expert.map((v) => v / (ef as number));
  }

  const minPoints = options.minPoints ?? 0;
  let fit: LogisticFit;
  let factor: number;
  for (;;) {
    fit = fitLogistic(data, { C: options.C, include: kept, priorMean });
    if (pdo) factor = pdo.factor;
    else if (current) {
      const spanOf = (v: ArrayLike<number>) => {
        let s = 0;
        for (let j = 0; j < nCols; j++) if (kept[j]) s += Math.abs(v[j]);
        return s;
      };
      const cp = (scale as { currentPoints: ArrayLike<number> }).currentPoints;
      factor = matchCurrentRange(rowSums(data, fit.coef), current, weights, { eta: spanOf(fit.coef), current: spanOf(cp) }).factor;
    } else {
      let maxBeta = 0;
      for (let j = 0; j < nCols; j++) if (kept[j]) maxBeta = Math.max(maxBeta, Math.abs(fit.coef[j]));
      factor = maxBeta > 0 ? (scale as { maxAbsPoints: number }).maxAbsPoints / maxBeta : 1;
    }
    let changed = false;
    if (minPoints > 0)
      for (let j = 0; j < nCols; j++)
        if (kept[j] && Math.abs(Math.round(factor * fit.coef[j])) < minPoints) {
          kept[j] = 0;
          dropped.push({ criterion: j, reason: "min-points" });
          changed = true;
        }
    if (!changed) break;
  }
  const continuousPoints = fit.coef.map((b) => b * factor);

  const ref = options.refine === false ? undefined : options.refine ?? {};
  const count = Math.max(1, ref?.sweep ?? 21);
  let lo: number;
  let hi: number;
  if (scale.kind === "bounded") {
    hi = 1;
    lo = Math.min(1, Math.max(0.25, 1 / factor));
  } else {
    const span = ref?.span ?? 0.1;
    lo = 1 / (1 + span);
    hi = 1 + span;
  }
  const multipliers = ref ? Array.from({ length: count }, (_, k) => (count === 1 ? 1 : lo * (hi / lo) ** (k / (count - 1)))) : [1];
  if (!multipliers.includes(1)) multipliers.push(1);
  const refined = refineIntegerPoints(data, continuousPoints, kept, {
    multipliers,
    maxAbsPoints: scale.kind === "bounded" ? scale.maxAbsPoints : undefined,
    minAbsPoints: minPoints,
    localSearch: ref ? ref.localSearch ?? true : false,
    maxMoves: ref?.maxMoves,
  });

  const { a, b } = refined.map;
  let base = 0;
  if (pdo && b > 0) {
    const anchor = scale as { score?: number; odds?: number };
    base = Math.round((anchor.score ?? 600) - (Math.log(anchor.odds ?? 50) - a) / b);
  }
  else if (current) base = Math.round(weightedQuantile(current, weights, 0.05) - weightedQuantile(rowSums(data, refined.points), weights, 0.05));
  return {
    points: refined.points,
    base,
    kept,
    dropped,
    continuousPoints,
    factor,
    map: { a: a - b * base, b },
    effectivePdo: b > 0 ? Math.LN2 / b : NaN,
    fit,
    refinement: {
      multiplier: refined.multiplier,
      moves: refined.moves,
      logLoss: refined.logLoss,
      roundedLogLoss: refined.roundedLogLoss,
      continuousLogLoss: fit.logLoss,
    },
    warnings: fit.warnings,
  };
}
