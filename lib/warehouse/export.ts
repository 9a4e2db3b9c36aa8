/**
 * `leadscore sql` (issue 18): a version's scoring SQL for a warehouse, as one
 * view over the three source tables, or as dbt models (one per version over
 * a shared features model) with a schema.yml documenting every column.
 */
import type { Model } from "../model/schema.js";
import { CATEGORIES } from "../scoring/compile.js";
import { featureName, featureSpecs, attrColumn, type FeatureSpec, type InputColumn } from "../scoring/features.js";
import { scoresTableName } from "../scoring/names.js";
import type { ScoringDateRule } from "../scoring/scoring-dates.js";
import {
  W, exportColumns, featuresQuery, versionRowsSelect, versionScoreSelect, versionView, type SourceTables,
} from "../scoring/warehouse.js";
import { cte, render, table, withCtes, type Dialect } from "../sql/index.js";
import { fitIdent } from "../sql/dialects/postgres.js";

export interface ExportOptions {
  scoringDates?: ScoringDateRule;
  /** Leads columns copied into lead_features (default: those the models read, exportColumns). */
  columns?: InputColumn[];
}

/** The view of a version: leadscore_<score table name> (e.g. leadscore_scores_starting_v2). */
export const viewName = (model: Model) => `leadscore_${scoresTableName(model)}`;
export const FEATURES_MODEL = "leadscore_lead_features";

/** One CREATE OR REPLACE VIEW per version, each over the source tables alone; joined by ";\n\n". */
export function viewsSql(models: Model[], dialect: Dialect, src: SourceTables, options: ExportOptions = {}): string {
  return `${models.map((m) => render(versionView(m, viewName(m), src, { scoringDates: options.scoringDates, columns: options.columns ?? exportColumns([m]) }), dialect)).join(";\n\n")};\n`;
}

/** A column name as the warehouse stores it (BigQuery: "@x" is `_at_x`; PostgreSQL: long names shortened). */
export function storedName(dialect: Dialect, name: string): string {
  if (dialect.name === "bigquery" && name.startsWith("@")) return `_at_${name.slice(1)}`;
  if (dialect.name === "postgres") return fitIdent(name);
  return name;
}

function describeFeature(s: FeatureSpec): string {
  switch (s.kind) {
    case "count":
      return `number of ${s.activity} activities in the ${s.withinDays} days before scoring_at`;
    case "decayedCount":
      return `sum of decay weights 0.5^(age/${s.halfLifeDays} days), rounded to 1e-9, of ${s.activity} activities in the ${s.withinDays} days before scoring_at`;
    case "lastAge":
      return `days from the last ${s.activity} activity to scoring_at (NULL if none)`;
    case "lastWeight":
      return `decay weight 0.5^(lastAge/${s.halfLifeDays} days) of the last ${s.activity} activity, rounded to 1e-9 (NULL if none)`;
  }
}

const yamlString = (s: string) => JSON.stringify(s);

export interface DbtFile {
  path: string;
  text: string;
}

/**
 * dbt models: leadscore_lead_features.sql (materialized table, over
 * {{ source('leadscore', …) }}), one leadscore_scores_<id>_v<n>.sql per
 * version over {{ ref('leadscore_lead_features') }}, and schema.yml (the
 * source tables and every model's columns, described).
 */
export function dbtFiles(models: Model[], dialect: Dialect, src: SourceTables, options: ExportOptions = {}): DbtFile[] {
  const columns = options.columns ?? exportColumns(models);
  const placeholder = (n: string) => `__leadscore_dbt_${n}`;
  const srcNames: [string, string | null][] = [["leads", src.leads], ["activities", src.activities], ["deals", src.deals]];
  const phSources: SourceTables = {
    schema: null,
    leads: placeholder("leads"),
    activities: src.activities === null ? null : placeholder("activities"),
    deals: src.deals === null ? null : placeholder("deals"),
  };
  const jinja = (text: string) => {
    let out = text;
    const quoted = (n: string) => render(table(placeholder(n)), dialect);
    for (const [kind, name] of srcNames) if (name !== null) out = out.split(quoted(kind)).join(`{{ source('leadscore', '${name}') }}`);
    return out.split(quoted("features")).join(`{{ ref('${FEATURES_MODEL}') }}`);
  };
  const files: DbtFile[] = [];
  const features = render(featuresQuery(models, phSources, { scoringDates: options.scoringDates, columns }), dialect);
  files.push({ path: `${FEATURES_MODEL}.sql`, text: `{{ config(materialized='table') }}\n\n${jinja(features)}\n` });
  for (const m of models) {
    const q = withCtes([cte(W.scores, versionScoreSelect(m, placeholder("features")))], versionRowsSelect(m, W.scores, placeholder("features")));
    files.push({ path: `${viewName(m)}.sql`, text: `{{ config(materialized='table') }}\n\n${jinja(render(q, dialect))}\n` });
  }

  const y: string[] = ["version: 2", "", "sources:", "  - name: leadscore", "    description: \"The CRM tables the scores are computed from (leadscore dataset tables).\""];
  if (src.schema) y.push(`    schema: ${yamlString(src.schema)}`);
  y.push("    tables:");
  const srcDoc: Record<string, string> = {
    leads: "one row per lead: lead_id, created_at and the attribute columns",
    activities: "one row per activity: lead_id, activity_type, occurred_at",
    deals: "deals: lead_id, status (won, lost, open), closed_at",
  };
  for (const [kind, name] of srcNames) if (name !== null) y.push(`      - name: ${yamlString(name)}`, `        description: ${yamlString(srcDoc[kind])}`);
  y.push("", "models:");
  const col = (name: string, description: string) => [`      - name: ${yamlString(storedName(dialect, name))}`, `        description: ${yamlString(description)}`];
  y.push(`  - name: ${FEATURES_MODEL}`, `    description: ${yamlString("one row per lead: its scoring date and every input the scored versions read (leadscore lead_features)")}`, "    columns:");
  y.push(...col("lead_key", "the join key (lead_id)"), ...col("lead_id", "the lead"), ...col("scoring_at", "the moment the score is computed as of; no later activity counts"));
  for (const c of columns) y.push(...col(attrColumn(c.name), `leads column ${c.name} (${c.kind})`));
  for (const s of featureSpecs(models)) y.push(...col(featureName(s), describeFeature(s)));
  for (const m of models) {
    y.push(`  - name: ${viewName(m)}`, `    description: ${yamlString(`scores of model ${m.id} version ${m.version}: one row per lead`)}`, "    columns:");
    y.push(...col("lead_id", "the lead"), ...col("scoring_at", "the moment the score is computed as of"));
    for (const c of m.criteria) y.push(...col(c.id, `points of criterion ${c.id} (${c.category}${c.label ? `: ${c.label}` : ""})`));
    y.push(...col("fit_score", `the capped total of the ${CATEGORIES[0]} criteria`), ...col("engagement_score", `the capped total of the ${CATEGORIES[1]} criteria`));
    y.push(...col("score", "fit_score + engagement_score"), ...col("tier", "sales-ready, nurture or ignore"));
  }
  files.push({ path: "schema.yml", text: `${y.join("\n")}\n` });
  return files;
}
