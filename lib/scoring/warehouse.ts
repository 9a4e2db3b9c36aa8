/**
 * The scoring SQL over the three source tables alone, for any dialect
 * (issue 18): the same trees as recompute (scoring-dates.ts, features.ts,
 * compile.ts), with the canonical tables renamed to CTEs or temp tables over
 * the sources instead of DuckDB's keyed storage (lib/canonical.ts):
 *
 *   ls_leads            the source leads plus lead_key = lead_id (the join
 *                       key; text instead of DuckDB's dense integer)
 *   ls_activity_events  lead_key = lead_id, type_code = activity_type (the
 *                       type itself as its code: no mapping table needed,
 *                       and the SQL does not depend on the data), occurred_at
 *   ls_scoring_dates    scoringDatesSql's SELECT
 *   ls_lead_features    leadFeaturesSelect (its own CTEs x, g hoisted)
 *   ls_scores           one version's scoreSelect
 *
 * The DuckDB dialect renders this too (the outputs are executed in tests);
 * DuckDB-specific spellings (hash, epoch_ms, FILTER, //) are the dialects'.
 */
import type { ColumnType, Model } from "../model/schema.js";
import { ACTIVITY_EVENTS, LEAD_ID, LEAD_KEY, TABLES } from "../tables.js";
import {
  and, as, col, createView, cte, isNotNull, select, star, table, withCtes, type Cte, type Dialect, type Query, type Select, type Source, type Statement,
} from "../sql/index.js";
import { render } from "../sql/render.js";
import { scoreSelect } from "./compile.js";
import { FEATURES_TABLE, featureSpecs, leadFeaturesSelect, modelColumns, type FeatureSpec, type InputColumn } from "./features.js";
import { scoresSelect } from "./recompute.js";
import { SCORING_DATES_TABLE, scoringDatesSql, type ScoringDateRule } from "./scoring-dates.js";

/** Where the source tables live: schema (null: the search path / default dataset) and table names; null for an absent table. */
export interface SourceTables {
  schema: string | null;
  leads: string;
  activities: string | null;
  deals: string | null;
}
export const DEFAULT_SOURCES: SourceTables = { schema: null, leads: TABLES.leads, activities: TABLES.activities, deals: TABLES.deals };

/** Names of the intermediate relations (CTEs in a view, temp tables in the PostgreSQL engine). */
export const W = { leads: "ls_leads", events: "ls_activity_events", dates: "ls_scoring_dates", features: "ls_lead_features", scores: "ls_scores" } as const;

/** A copy of a tree with table sources renamed (aliases kept): `map` from a table name to its new source. */
export function renameTables<T>(node: T, map: ReadonlyMap<string, { name: string; schema: string | null }>): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    if (o.kind === "table" && typeof o.name === "string" && "alias" in o && map.has(o.name)) {
      const to = map.get(o.name)!;
      return table(to.name, o.alias as string | null, to.schema);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = walk(v);
    return out;
  };
  return walk(node) as T;
}

const local = (name: string) => ({ name, schema: null });
const source = (src: SourceTables, name: string) => ({ name, schema: src.schema });

/** The leads columns an export copies into lead_features: the columns the models read, with their declared (or rule-implied) kind. */
export function exportColumns(models: Model[]): InputColumn[] {
  const kinds = new Map<string, ColumnType>();
  for (const m of models) for (const [c, k] of Object.entries(m.dataset.columns)) kinds.set(c, k);
  for (const m of models)
    for (const c of m.criteria) {
      const r = c.rule as { column?: string; value?: unknown; values?: unknown[]; type: string };
      if (!r.column || kinds.has(r.column)) continue;
      const v = r.value ?? r.values?.[0];
      kinds.set(r.column, r.type === "bands" ? "number" : r.type === "flag" ? "boolean" : typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string");
    }
  return modelColumns(models).filter((c) => c !== LEAD_ID && c !== LEAD_KEY).map((name) => ({ name, kind: kinds.get(name) ?? "string" }));
}

export interface WarehouseOptions {
  scoringDates?: ScoringDateRule;
  /** Leads columns copied into lead_features (default exportColumns(models)). */
  columns?: InputColumn[];
}

/** ls_leads: the source leads and lead_key = lead_id. */
export function leadsSelect(src: SourceTables): Select {
  return select({ columns: [as(star("l")), as(col(LEAD_ID, "l"), LEAD_KEY)], from: table(src.leads, "l", src.schema) });
}

/** ls_activity_events: lead_key = lead_id, type_code = activity_type, occurred_at (rows with a type and a time). */
export function eventsSelect(src: SourceTables): Select {
  return select({
    columns: [as(col(LEAD_ID, "a"), LEAD_KEY), as(col("activity_type", "a"), "type_code"), as(col("occurred_at", "a"))],
    from: table(src.activities!, "a", src.schema),
    where: and(isNotNull(col("activity_type", "a")), isNotNull(col("occurred_at", "a"))),
  });
}

/** ls_scoring_dates over ls_leads and the source deals. */
export function datesSelect(src: SourceTables, rule: ScoringDateRule | undefined): Select {
  const st = scoringDatesSql(rule, { deals: src.deals !== null });
  if (st.kind !== "createTableAs") throw new Error("warehouse: scoringDatesSql changed shape");
  const map = new Map<string, { name: string; schema: string | null }>([[TABLES.leads, local(W.leads)]]);
  if (src.deals !== null) map.set(TABLES.deals, source(src, src.deals));
  return renameTables(st.select, map);
}

/** The activity codes of the warehouse form: each activity type the models read is its own code. */
export function typeCodes(models: Model[], src: SourceTables): Map<string, string> {
  if (src.activities === null) return new Map();
  return new Map(featureSpecs(models).map((s: FeatureSpec) => [s.activity, s.activity]));
}

/** ls_lead_features over ls_scoring_dates, ls_leads and ls_activity_events: its CTEs (x, g) and its final SELECT. */
export function featuresParts(models: Model[], src: SourceTables, options: WarehouseOptions = {}): { ctes: Cte[]; select: Select } {
  const sel = leadFeaturesSelect(featureSpecs(models), { activityCodes: typeCodes(models, src), columns: options.columns ?? exportColumns(models) });
  const renamed = renameTables(sel, new Map([[SCORING_DATES_TABLE, local(W.dates)], [TABLES.leads, local(W.leads)], [ACTIVITY_EVENTS, local(W.events)]]));
  const { with: ctes, ...rest } = renamed;
  return { ctes: ctes ?? [], select: rest };
}

/** The CTEs up to ls_lead_features (sources → keyed leads, events, scoring dates, features). */
export function featureCtes(models: Model[], src: SourceTables, options: WarehouseOptions = {}): Cte[] {
  const f = featuresParts(models, src, options);
  return [
    cte(W.leads, leadsSelect(src)),
    ...(src.activities !== null ? [cte(W.events, eventsSelect(src))] : []),
    cte(W.dates, datesSelect(src, options.scoringDates)),
    ...f.ctes,
    cte(W.features, f.select),
  ];
}

/** One version's score query over ls_lead_features (narrow: lead_key, fit_score, engagement_score, score, tier). */
export function versionScoreSelect(model: Model, featuresTable: string = W.features): Select {
  return renameTables(scoreSelect(model), new Map([[FEATURES_TABLE, local(featuresTable)]]));
}

/** The full per-lead rows (lead_id, scoring_at, criterion points…, fit_score, engagement_score, score, tier) from a score table and ls_lead_features. */
export function versionRowsSelect(model: Model, scoresTable: string, featuresTable: string = W.features): Select {
  return renameTables(scoresSelect(model, scoresTable), new Map([[FEATURES_TABLE, local(featuresTable)]]));
}

/**
 * One query for a version over the three source tables: lead_id, scoring_at,
 * one column per criterion id (its points), fit_score, engagement_score,
 * score, tier. `models` (default [model]) decides lead_features' columns.
 */
export function versionQuery(model: Model, src: SourceTables, options: WarehouseOptions = {}): Select {
  const ctes = [...featureCtes([model], src, options), cte(W.scores, versionScoreSelect(model))];
  return withCtes(ctes, versionRowsSelect(model, W.scores));
}

/** CREATE OR REPLACE VIEW <name> AS versionQuery. */
export function versionView(model: Model, name: string, src: SourceTables, options: WarehouseOptions = {}): Statement {
  return createView(name, versionQuery(model, src, options));
}

/** The lead_features query over the sources alone (the dbt features model). */
export function featuresQuery(models: Model[], src: SourceTables, options: WarehouseOptions = {}): Query {
  const ctes = featureCtes(models, src, options);
  const last = ctes.pop()!;
  return withCtes(ctes, last.query as Select);
}

/** Renders a warehouse tree in a dialect. */
export function renderIn(node: Statement | Query, dialect: Dialect): string {
  return render(node, dialect);
}
