/**
 * Calibration measured out of time: the score→probability map
 * p = σ(a + b·score) is fitted on the older leads and judged on the newer
 * ones (in-sample the calibration intercept and slope are 0 and 1 by
 * construction, so showing them would mislead). A version that carries its
 * own map is judged on the leads created after the map's fitting period.
 */
import { brier } from "../metrics/brier.js";
import { calibrationInterceptSlope, type CalibrationInterceptSlope } from "../metrics/calibration-intercept-slope.js";
import { ece } from "../metrics/ece.js";
import { logLoss } from "../metrics/log-loss.js";
import { plattFit } from "../metrics/platt-fit.js";
import { plattPredict } from "../metrics/platt-predict.js";
import type { PlattMap } from "../metrics/platt-fit.js";
import { mulberry32 } from "../prng.js";

export interface HoldoutCalibration {
  /**
   * "split": fitted on leads created before `splitDate`; "model": the
   * version's own map; "cv": 5-fold cross-validation (when creation dates
   * cannot split the leads, e.g. data without dates).
   */
  source: "split" | "model" | "cv";
  map: PlattMap;
  splitDate: string;
  nFit: number;
  nTest: number;
  nTestWon: number;
  brier: number;
  logLoss: number;
  ece: number;
  interceptSlope: CalibrationInterceptSlope | null;
  /** Why a figure is missing, or a caution (few won leads). */
  note: string | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The scores and labels of the leads whose creation time passes `keep`, as typed arrays. */
function createdWhere(s: ArrayLike<number>, y: ArrayLike<number>, created: ArrayLike<number>, keep: (t: number) => boolean): { s: Float64Array; y: Uint8Array } {
  let m = 0;
  for (let i = 0; i < s.length; i++) if (keep(created[i])) m++;
  const out = { s: new Float64Array(m), y: new Uint8Array(m) };
  for (let i = 0, k = 0; i < s.length; i++) if (keep(created[i])) (out.s[k] = s[i]), (out.y[k++] = y[i]);
  return out;
}

function judge(source: HoldoutCalibration["source"], map: PlattMap, splitMs: number, nFit: number, s: ArrayLike<number>, y: ArrayLike<number>, created: ArrayLike<number>): HoldoutCalibration {
  const { s: ts, y: ty } = createdWhere(s, y, created, (t) => t >= splitMs);
  const won = ty.reduce((a, b) => a + b, 0);
  const base = { source, map, splitDate: day(splitMs), nFit, nTest: ts.length, nTestWon: won };
  if (won < 2 || ts.length - won < 2)
    return { ...base, brier: NaN, logLoss: NaN, ece: NaN, interceptSlope: null, note: `the test period has ${won} won and ${ts.length - won} lost leads: too few to judge calibration` };
  const p = plattPredict(ts, map);
  let slope: CalibrationInterceptSlope | null = null;
  let note: string | null = won < 100 ? `only ${won} won leads in the test period: figures are uncertain` : null;
  try {
    slope = calibrationInterceptSlope(p, ty);
  } catch (e) {
    note = (e as Error).message;
  }
  return { ...base, brier: brier(p, ty), logLoss: logLoss(p, ty), ece: ece(p, ty).ece, interceptSlope: slope, note };
}

/**
 * Fits the map on labelled leads created before the `fitShare` quantile of
 * creation dates (default the oldest 70 %) and judges it on the rest.
 * Inputs are the labelled leads only (labels 0/1), with creation in epoch ms.
 */
export function splitCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>, createdMs: ArrayLike<number>, fitShare = 0.7): HoldoutCalibration {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < createdMs.length; i++) (lo = Math.min(lo, createdMs[i])), (hi = Math.max(hi, createdMs[i]));
  if (!(hi > lo)) return crossValidatedCalibration(scores, labels);
  // The creation time at rank ⌊n·fitShare⌋: a native sort of a copy (a comparator sort of indices took 0.6 s at a million leads).
  const sortedCreated = Float64Array.from(createdMs).sort();
  const cut = Math.min(sortedCreated.length - 1, Math.max(0, Math.floor(sortedCreated.length * fitShare)));
  const splitMs = sortedCreated[cut];
  const { s: fs, y: fy } = createdWhere(scores, labels, createdMs, (t) => t < splitMs);
  const fit = plattFit(fs, fy);
  return judge("split", { a: fit.a, b: fit.b }, splitMs, fs.length, scores, labels, createdMs);
}

/** Judges a version's own map on the leads created after its fitting period ended. */
export function modelMapCalibration(map: { a: number; b: number; fittedOn: { to: string } }, scores: ArrayLike<number>, labels: ArrayLike<number>, createdMs: ArrayLike<number>): HoldoutCalibration {
  const after = Date.parse(`${map.fittedOn.to}T00:00:00Z`) + 86_400_000;
  return judge("model", { a: map.a, b: map.b }, after, 0, scores, labels, createdMs);
}

/**
 * k-fold cross-validated calibration: each lead's probability comes from a
 * map fitted on the other folds; intercept and slope are then measured on
 * those out-of-fold probabilities. Folds are i mod k after a seeded
 * shuffle (lib/prng.ts mulberry32), so the result is reproducible.
 */
export function crossValidatedCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>, k = 5, seed = 1): HoldoutCalibration {
  const n = scores.length;
  const fold = new Int32Array(n);
  const idx = Array.from({ length: n }, (_, i) => i);
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  idx.forEach((i, r) => (fold[i] = r % k));
  const p = new Float64Array(n);
  for (let f = 0; f < k; f++) {
    const fs: number[] = [], fy: number[] = [];
    for (let i = 0; i < n; i++) if (fold[i] !== f) (fs.push(scores[i]), fy.push(labels[i]));
    const map = plattFit(fs, fy);
    const ts: number[] = [], ti: number[] = [];
    for (let i = 0; i < n; i++) if (fold[i] === f) (ts.push(scores[i]), ti.push(i));
    plattPredict(ts, map).forEach((v, j) => (p[ti[j]] = v));
  }
  const won = Array.from(labels).reduce((x, y) => x + y, 0);
  let slope: CalibrationInterceptSlope | null = null;
  let note: string | null = `no creation dates to split on: ${k}-fold cross-validation`;
  try {
    slope = calibrationInterceptSlope(p, labels);
  } catch (e) {
    note = (e as Error).message;
  }
  const full = plattFit(scores, labels);
  return {
    source: "cv", map: { a: full.a, b: full.b }, splitDate: "", nFit: n, nTest: n, nTestWon: won,
    brier: brier(p, labels), logLoss: logLoss(p, labels), ece: ece(p, labels).ece, interceptSlope: slope, note,
  };
}
