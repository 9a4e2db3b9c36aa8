/**
 * Scores extra model versions (the workshop's consensus and data-fit drafts)
 * on a database that a recompute already prepared, without rebuilding
 * scoring_dates and lead_features: one score table per version
 * (`scores_<id>_v<version>`, replaced when it exists), readable with
 * lib/workbench/scored.ts readScored.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { scoreTableSql } from "../scoring/compile.js";
import { FEATURES_TABLE } from "../scoring/features.js";
import { scoresTableName } from "../scoring/names.js";
import { missingFeatures } from "../scoring/recompute.js";
import { render } from "../sql/render.js";
import { versionCalibration, type VersionCalibration } from "../workbench/calibration.js";
import { readScored, type ScoredLeads } from "../workbench/scored.js";

/**
 * Creates (or replaces) the score table of each model from the existing
 * lead_features table.
 * @throws when lead_features lacks a feature a model reads (recompute a
 *   version that has the same activity rules first).
 */
export async function scoreOnFeatures(db: Db, models: readonly Model[]): Promise<void> {
  const missing = await missingFeatures(db, models);
  if (missing.length)
    throw new Error(`scoreOnFeatures: ${FEATURES_TABLE} lacks ${missing.join(", ")}; recompute the base model's version first (openWorkbench does it for every version in data/models/).`);
  for (const m of models) await db.exec(render(scoreTableSql(m, scoresTableName(m))));
}

export interface ScoredVersion {
  model: Model;
  scored: ScoredLeads;
  calibration: VersionCalibration | { model: Model; error: string };
}

/**
 * Reads each version's recomputed scores (readScored) and its calibration
 * (versionCalibration), one after the other; `progress` is told before each.
 */
export async function calibrateVersions(
  db: Db,
  models: readonly Model[],
  progress: (model: Model, i: number) => void = () => {},
  /** How a version's calibration is had (default versionCalibration; the site passes one that reads figures kept in the browser). */
  calibrate: (model: Model, scored: ScoredLeads) => Promise<ScoredVersion["calibration"]> = async (m, s) => versionCalibration(m, s),
): Promise<ScoredVersion[]> {
  const out: ScoredVersion[] = [];
  for (const [i, model] of models.entries()) {
    progress(model, i);
    const scored = await readScored(db, model);
    out.push({ model, scored, calibration: await calibrate(model, scored) });
  }
  return out;
}
