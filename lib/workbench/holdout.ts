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

export interface HoldoutCalibration {
  /** "split": fitted on leads created before `splitDate`; "model": the version's own map. */
  source: "split" | "model";
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

function judge(source: HoldoutCalibration["source"], map: PlattMap, splitMs: number, nFit: number, s: ArrayLike<number>, y: ArrayLike<number>, created: ArrayLike<number>): HoldoutCalibration {
  const ts: number[] = [];
  const ty: number[] = [];
  for (let i = 0; i < s.length; i++) if (created[i] >= splitMs) (ts.push(s[i]), ty.push(y[i]));
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
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => createdMs[a] - createdMs[b]);
  const cut = Math.min(order.length - 1, Math.max(0, Math.floor(order.length * fitShare)));
  const splitMs = createdMs[order[cut]];
  const fs: number[] = [];
  const fy: number[] = [];
  for (let i = 0; i < scores.length; i++) if (createdMs[i] < splitMs) (fs.push(scores[i]), fy.push(labels[i]));
  const fit = plattFit(fs, fy);
  return judge("split", { a: fit.a, b: fit.b }, splitMs, fs.length, scores, labels, createdMs);
}

/** Judges a version's own map on the leads created after its fitting period ended. */
export function modelMapCalibration(map: { a: number; b: number; fittedOn: { to: string } }, scores: ArrayLike<number>, labels: ArrayLike<number>, createdMs: ArrayLike<number>): HoldoutCalibration {
  const after = Date.parse(`${map.fittedOn.to}T00:00:00Z`) + 86_400_000;
  return judge("model", { a: map.a, b: map.b }, after, 0, scores, labels, createdMs);
}
