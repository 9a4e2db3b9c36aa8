/**
 * Recomputes historical scores for a set of model versions: scoring_dates and
 * lead_features are built once, then each version is scored from the per-lead
 * tables into its own table `scores_<id>_v<version>` (see names.ts).
 */
import type { Db, Row } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { TABLES } from "../tables.js";
import { col, render, select, table } from "../sql/index.js";
import { checkDataset, readDataShape } from "./check-data.js";
import { scoreTableSql } from "./compile.js";
import { featureName, featureSpecs, leadFeaturesSql, type FeatureSpec } from "./features.js";
import { scoresTableName } from "./names.js";
import { scoringDatesSql, type ScoringDateRule } from "./scoring-dates.js";

export { explain, type Explanation } from "./explain.js";

export interface RecomputeOptions {
  /** How each lead's scoring date is chosen (default: firstCloseOrWindow, 30 days). */
  scoringDates?: ScoringDateRule;
  /** Also read every version's rows back (default false: read the tables when needed). */
  rows?: boolean;
}

export interface VersionScores {
  model: Model;
  /** The table holding lead_id, scoring_at, one column per criterion id, score, tier. */
  table: string;
  /** SELECT of that table ordered by lead_id, for db.query or db.queryColumns. */
  sql: string;
  ms: number;
  rows?: Row[];
}

export interface RecomputeResult {
  features: { name: string; spec: FeatureSpec }[];
  versions: VersionScores[];
  warnings: string[];
  timings: { checkMs: number; scoringDatesMs: number; featuresMs: number; scoresMs: number };
}

/**
 * The SELECT of a score table (all columns, ordered by lead_id).
 * @example scoresSql(model) // => SELECT "lead_id" AS "lead_id", … FROM "scores_starting_v1" ORDER BY "lead_id"
 */
export function scoresSql(model: Model, tableName = scoresTableName(model)): string {
  const names = ["lead_id", "scoring_at", ...model.criteria.map((c) => c.id), "score", "tier"];
  return render(select({ columns: names.map((n) => ({ expr: col(n), as: n })), from: table(tableName), orderBy: [col("lead_id")] }));
}

/**
 * Builds scoring_dates and lead_features once for all `models`, then creates
 * one score table per version. Throws when two models share id and version,
 * or when a model's dataset mapping does not match the leads table.
 */
export async function recompute(db: Db, models: Model[], options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const seen = new Set<string>();
  for (const m of models) {
    const name = scoresTableName(m);
    if (seen.has(name)) throw new Error(`recompute: two models share the score table ${name} (id ${JSON.stringify(m.id)}, version ${m.version}); give each version its own number.`);
    seen.add(name);
  }
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const shape = await readDataShape(db);
  const warnings = models.flatMap((m) => checkDataset(m, shape));
  const checkMs = lap();

  await db.exec(render(scoringDatesSql(options.scoringDates, { deals: shape.tables.has(TABLES.deals) })));
  const scoringDatesMs = lap();

  const specs = featureSpecs(models);
  await db.exec(render(leadFeaturesSql(specs, { activities: shape.tables.has(TABLES.activities) })));
  const featuresMs = lap();

  const versions: VersionScores[] = [];
  for (const model of models) {
    const name = scoresTableName(model);
    await db.exec(render(scoreTableSql(model, name)));
    const sql = scoresSql(model, name);
    const entry: VersionScores = { model, table: name, sql, ms: 0 };
    if (options.rows) entry.rows = await db.query(sql);
    entry.ms = lap();
    versions.push(entry);
  }
  const scoresMs = versions.reduce((s, v) => s + v.ms, 0);
  return {
    features: specs.map((spec) => ({ name: featureName(spec), spec })),
    versions,
    warnings,
    timings: { checkMs, scoringDatesMs, featuresMs, scoresMs },
  };
}
