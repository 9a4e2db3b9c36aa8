/**
 * Everything the calibration page (and the report) shows for one version,
 * computed once from its scored leads: the headline metrics of
 * lib/metrics `evaluate`, out-of-time calibration, ROC points and the
 * reliability bins. The tier table counts the version's own tiers (its
 * score table's, routed by grid cell when the model routes so).
 */
import { ece } from "../metrics/ece.js";
import { evaluate, type Evaluation } from "../metrics/evaluate.js";
import { plattPredict } from "../metrics/platt-predict.js";
import { rocCurve, type RocPoint } from "../metrics/roc-curve.js";
import { withSharedScoreTables } from "../metrics/score-table.js";
import type { Model } from "../model/schema.js";
import { modelMapCalibration, splitCalibration, type HoldoutCalibration } from "./holdout.js";
import { labelled, type ScoredLeads } from "./scored.js";

export interface VersionCalibration {
  model: Model;
  evaluation: Evaluation;
  /** Map fitted on the oldest 70 % of labelled leads, judged on the newest 30 %. */
  outOfTime: HoldoutCalibration | null;
  /** The version's own map judged on leads after its fitting period (when it has one). */
  ownMap: HoldoutCalibration | null;
  roc: RocPoint[];
  reliability: { predicted: number; observed: number; n: number }[];
  /** Why there are no metrics (a class is empty). */
  error: string | null;
}

/** The headline metrics of one version only (lib/metrics `evaluate`, as versionCalibration computes them); never throws on thin data (see `error`). */
export function versionEvaluation(model: Model, scored: ScoredLeads, bands = 10): { model: Model; evaluation: Evaluation; error: null } | { model: Model; error: string } {
  const { scores, labels, tiers } = labelled(scored);
  const won = labels.reduce((a, b) => a + b, 0);
  if (won < 2 || labels.length - won < 2) return { model, error: `${won} won and ${labels.length - won} lost leads: at least 2 of each are needed` };
  return { model, evaluation: evaluate(scores, labels, { ...model.thresholds, bands: { bands }, tiers }), error: null };
}

/** Computes the calibration of one version; never throws on thin data (see `error`). */
export function versionCalibration(model: Model, scored: ScoredLeads, bands = 10): VersionCalibration | { model: Model; error: string } {
  // The evaluation and the ROC points read the same labelled scores: their table is sorted once.
  return withSharedScoreTables(() => calibrationOnce(model, scored, bands));
}

function calibrationOnce(model: Model, scored: ScoredLeads, bands: number): VersionCalibration | { model: Model; error: string } {
  const { scores, labels, index, tiers } = labelled(scored);
  const won = labels.reduce((a, b) => a + b, 0);
  if (won < 2 || labels.length - won < 2) return { model, error: `${won} won and ${labels.length - won} lost leads: at least 2 of each are needed` };
  const created = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) created[k] = scored.createdMs[index[k]];
  const evaluation = evaluate(scores, labels, { ...model.thresholds, bands: { bands }, tiers });
  let outOfTime: HoldoutCalibration | null = null;
  try {
    outOfTime = splitCalibration(scores, labels, created);
  } catch {
    outOfTime = null;
  }
  const ownMap = model.probabilityMap ? modelMapCalibration(model.probabilityMap, scores, labels, created) : null;
  const p = plattPredict(scores, evaluation.calibration.map);
  const reliability = ece(p, labels).bins.map((b) => ({ predicted: b.meanPredicted, observed: b.observedRate, n: b.n }));
  return { model, evaluation, outOfTime, ownMap, roc: rocCurve(scores, labels, { maxPoints: 200 }), reliability, error: null };
}
