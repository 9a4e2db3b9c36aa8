/**
 * Recomputes historical scores for a set of model versions: scoring_dates and
 * the per-lead input table lead_features are built once, then each version is
 * scored from lead_features alone into its own narrow table
 * `scores_<id>_v<version>` (lead_key, fit_score, engagement_score, score, tier; see
 * names.ts). Criterion points are computed on demand (scoresSelect).
 */
import type { Db, Row } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { TABLES } from "../tables.js";
import { col, describe, eq, render, select, showTables, table, type Select } from "../sql/index.js";
import { checkDataset, columnKind, readDataShape, type DataShape } from "./check-data.js";
import { INPUT, INPUT_REFS, SUB_SCORE_COLUMNS, criterionExpr, scoreTableSql } from "./compile.js";
import { FEATURES_TABLE, LEAD_KEY, featureName, featureSpecs, leadFeaturesSql, modelColumns, type FeatureSpec, type InputColumn } from "./features.js";
import { keyTables, readActivityCodes } from "../canonical.js";
import { scoresTableName } from "./names.js";
import { scoringDatesSql, type ScoringDateRule } from "./scoring-dates.js";
import { lapTimer } from "../lap.js";
import { dropLeadBase, writeLeadBase } from "../workbench/lead-base.js";

export { explain, type Explanation } from "./explain.js";

export interface RecomputeOptions {
  /** How each lead's scoring date is chosen (default: firstCloseOrWindow, 30 days). */
  scoringDates?: ScoringDateRule;
  /** Also read every version's rows back (default false: read the tables when needed). */
  rows?: boolean;
  /** Score each version on its own: a version whose SQL fails is listed in `failed` and the others go on (default false: throw). */
  isolate?: boolean;
}

export interface VersionScores {
  model: Model;
  /** The narrow table holding lead_key, fit_score, engagement_score, score, tier (lead_id and scoring_at: lead_features, on lead_key). */
  table: string;
  /** scoresSql: lead_id, scoring_at, one column per criterion id, fit_score, engagement_score, score, tier, ordered by lead_id, for db.query or db.queryColumns. */
  sql: string;
  ms: number;
  rows?: Row[];
}

export interface RecomputeResult {
  features: { name: string; spec: FeatureSpec }[];
  versions: VersionScores[];
  /** With `isolate`: the versions whose scoring failed, and why. */
  failed: { model: Model; error: string }[];
  warnings: string[];
  /** keyMs: lib/canonical.ts keyTables (0 when the loader keyed the tables already). */
  timings: { keyMs: number; checkMs: number; scoringDatesMs: number; featuresMs: number; scoresMs: number };
}

/**
 * The full scores of a version: lead_id, scoring_at, one column per criterion
 * id (its points, computed from lead_features with the same expressions as
 * the score), fit_score, engagement_score, score and tier, from the narrow score table "s" joined with
 * lead_features "i" on the integer lead_key; unordered (a subquery), see
 * scoresSql for the ordered text. Needs lead_features of the recompute that
 * created the score table. With `key`, lead_key comes first.
 */
export function scoresSelect(model: Model, tableName = scoresTableName(model), options: { key?: boolean } = {}): Select {
  const s = (n: string) => ({ expr: col(n, "s"), as: n });
  const i = (n: string) => ({ expr: col(n, INPUT), as: n });
  return select({
    columns: [
      ...(options.key ? [s(LEAD_KEY)] : []),
      i("lead_id"), i("scoring_at"), ...model.criteria.map((c) => ({ expr: criterionExpr(c, INPUT_REFS), as: c.id })),
      ...SUB_SCORE_COLUMNS.map(s), s("score"), s("tier"),
    ],
    from: table(tableName, "s"),
    joins: [{ type: "inner", source: table(FEATURES_TABLE, INPUT), on: eq(col(LEAD_KEY, INPUT), col(LEAD_KEY, "s")) }],
  });
}

/**
 * scoresSelect ordered by lead_id, rendered to SQL text.
 * @example scoresSql(model) // => SELECT "i"."lead_id" AS "lead_id", … FROM "scores_starting_v1" AS "s" JOIN "lead_features" AS "i" ON … ORDER BY "i"."lead_id"
 */
export function scoresSql(model: Model, tableName = scoresTableName(model)): string {
  return render({ ...scoresSelect(model, tableName), orderBy: [col("lead_id", INPUT)] });
}

/**
 * The leads columns recompute copies into lead_features: every column a rule
 * could read (columnKind not null) and every column the models name, but
 * lead_id; so that scoreOnFeatures can score other versions on the same table.
 */
export function inputColumns(shape: DataShape, models: Model[]): InputColumn[] {
  const readable = [...shape.leadColumns].filter(([, type]) => columnKind(type) !== null).map(([name]) => name);
  const names = [...new Set([...readable, ...modelColumns(models)])].filter((c) => c !== "lead_id" && c !== LEAD_KEY);
  return names.map((name) => {
    const type = shape.leadColumns.get(name);
    const declared = models.map((m) => m.dataset.columns[name]).find((k) => k !== undefined);
    return { name, kind: (type === undefined ? null : columnKind(type)) ?? declared ?? "string" };
  });
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
  await dropLeadBase(db); // lead_features is written again
  const keyed = await keyTables(db);
  const lap = lapTimer();
  const shape = await readDataShape(db);
  const warnings = models.flatMap((m) => checkDataset(m, shape));
  if (keyed.unkeyed > 0)
    warnings.push(`${keyed.unkeyed} activities match no lead (or have no type or timestamp) and are not scored; load the data through a dataset description to see them listed.`);
  const checkMs = lap();

  await db.exec(render(scoringDatesSql(options.scoringDates, { deals: shape.tables.has(TABLES.deals) })));
  const scoringDatesMs = lap();

  const specs = featureSpecs(models);
  await db.exec(leadFeaturesSql(specs, { activityCodes: await readActivityCodes(db), columns: inputColumns(shape, models) }));
  // The columns every version's read shares, joined once (lib/workbench/lead-base.ts); they need the outcomes of a loaded dataset.
  if ((await db.query(render(showTables()))).some((r) => r.name === "lead_outcomes")) await writeLeadBase(db);
  const featuresMs = lap();

  const versions: VersionScores[] = [];
  const failed: RecomputeResult["failed"] = [];
  for (const model of models) {
    const name = scoresTableName(model);
    try {
      await db.exec(render(scoreTableSql(model, name)));
      const sql = scoresSql(model, name);
      const entry: VersionScores = { model, table: name, sql, ms: 0 };
      if (options.rows) entry.rows = await db.query(sql);
      entry.ms = lap();
      versions.push(entry);
    } catch (e) {
      if (!options.isolate) throw e;
      failed.push({ model, error: (e as Error).message });
      lap();
    }
  }
  const scoresMs = versions.reduce((s, v) => s + v.ms, 0);
  return {
    features: specs.map((spec) => ({ name: featureName(spec), spec })),
    versions,
    failed,
    warnings,
    timings: { keyMs: keyed.ms, checkMs, scoringDatesMs, featuresMs, scoresMs },
  };
}

/**
 * The features `models` read that lead_features (built by an earlier
 * recompute) lacks: none means they can be scored on it as it is
 * (scoreTableSql), without rebuilding it.
 */
export async function missingFeatures(db: Db, models: readonly Model[]): Promise<string[]> {
  const have = new Set((await db.query<{ column_name: string }>(render(describe(FEATURES_TABLE)))).map((r) => r.column_name));
  return featureSpecs([...models]).map(featureName).filter((f) => !have.has(f));
}
