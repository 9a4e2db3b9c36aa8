/**
 * The per-lead input table `lead_features`: built ONCE per dataset and
 * scoring-date rule, for the union of the features used by a set of model
 * versions. Every score query then scans this one table (no activity scan,
 * no text-key join). One row per lead of scoring_dates, in no guaranteed
 * order (readers that need one sort by lead_key, as unitsSql does; sorting
 * here would hold a second copy of the table while it is built):
 *
 *  lead_key    INTEGER, the leads' key (lib/canonical.ts; the join key of the
 *              score tables, see compile.ts)
 *  lead_id     VARCHAR, scoring_at TIMESTAMP (as in scoring_dates)
 *  @<column>   each leads attribute column the models may read, named
 *              "@" + the escaped leads column (attrColumn; never collides with
 *              the names above or with a feature name, which use [a-z0-9_] only); string
 *              columns as hash(value), see attrValueSql
 *  <feature>   one column per feature spec (featureName)
 *
 * Features come from ONE pass over activity_events (keyed, sorted by lead:
 * lib/canonical.ts): filtered first (type codes in use, occurred_at <=
 * scoring_at), the age computed once per row, grouped by lead_key. Feature kinds (age = (scoring_at − occurred_at) in days,
 * see schema.ts):
 *  count        number of activities of the type with 0 <= age < withinDays (BIGINT)
 *  decayedCount sum of w(age) over the same activities, w(t) = round(1e9 · 0.5^(t / h)) / 1e9;
 *               summed as integer nano-units (exactly, in DOUBLE) then divided by 1e9 (DOUBLE)
 *  lastAge      age in days of the most recent activity of the type, NULL if none (DOUBLE)
 *  lastWeight   w(lastAge) = round(1e9 · 0.5^(lastAge / h)) / 1e9, NULL if none (DOUBLE):
 *               hasActivity-with-decay rules read it, so no score query calls pow()
 */
import type { ColumnType, Model, Rule } from "../model/schema.js";
import { ACTIVITY_EVENTS, LEAD_KEY, TABLES } from "../tables.js";
import {
  agg, and, as, call, cast, caseWhen, cmp, coalesce, col, count, createTable, cte, div, eq, inList, isNull, join, leftJoin, lit, mul,
  render, select, sub, sum, table, withCtes, type Expr, type Select, type SelectColumn, type Statement,
} from "../sql/index.js";
import { escapeName, unescapeName } from "./names.js";
import { SCORING_DATES_TABLE } from "./scoring-dates.js";

export const FEATURES_TABLE = "lead_features";
export { LEAD_KEY };
export const MS_PER_DAY = 86_400_000;
export const NANO = 1_000_000_000;

export type FeatureSpec =
  | { kind: "count"; activity: string; withinDays: number }
  | { kind: "decayedCount"; activity: string; withinDays: number; halfLifeDays: number }
  | { kind: "lastAge"; activity: string }
  | { kind: "lastWeight"; activity: string; halfLifeDays: number };

/** The canonical text of a spec (fixed key order), the basis of its name. */
export function featureKey(spec: FeatureSpec): string {
  switch (spec.kind) {
    case "count":
      return JSON.stringify([spec.kind, spec.activity, spec.withinDays]);
    case "decayedCount":
      return JSON.stringify([spec.kind, spec.activity, spec.withinDays, spec.halfLifeDays]);
    case "lastAge":
      return JSON.stringify([spec.kind, spec.activity]);
    case "lastWeight":
      return JSON.stringify([spec.kind, spec.activity, spec.halfLifeDays]);
  }
}

/**
 * The column name of a feature, injective by construction (no hash): the
 * kind, the activity type escaped with escapeName (a-z, 0-9 kept; "_"
 * doubled; any other character, upper-case letters included, as "_u" + 4
 * hex digits), then the window and half-life. Two different specs never
 * share a name, also under DuckDB's case-insensitive identifiers, so
 * activity types that differ only in case ("Email", "email") get their own
 * columns. `parseFeatureName` reverses it.
 * @example featureName({ kind: "count", activity: "web_visit", withinDays: 30 }) // => "count_web__visit_30d"
 * @example featureName({ kind: "lastWeight", activity: "Email", halfLifeDays: 7.5 }) // => "lastweight__u0045mail_h7_u002e5"
 */
export function featureName(spec: FeatureSpec): string {
  const a = escapeName(spec.activity);
  const h = (x: number) => `_h${escapeName(String(x))}`;
  switch (spec.kind) {
    case "count":
      return `count_${a}_${spec.withinDays}d`;
    case "decayedCount":
      return `decayed_${a}_${spec.withinDays}d${h(spec.halfLifeDays)}`;
    case "lastAge":
      return `lastage_${a}`;
    case "lastWeight":
      return `lastweight_${a}${h(spec.halfLifeDays)}`;
  }
}

/** The spec of a featureName, or null when `name` is not one (featureName(parseFeatureName(n)) === n). */
export function parseFeatureName(name: string): FeatureSpec | null {
  const m = /^(count|decayed|lastage|lastweight)_/.exec(name);
  if (!m) return null;
  const { text: activity, end } = unescapeName(name, m[0].length);
  const rest = name.slice(end);
  const num = (s: string) => {
    const u = unescapeName(s);
    return u.end === s.length && u.text !== "" && Number.isFinite(Number(u.text)) ? Number(u.text) : null;
  };
  let spec: FeatureSpec | null = null;
  if (m[1] === "lastage" && rest === "") spec = { kind: "lastAge", activity };
  const days = /^_(\d+)d(.*)$/.exec(rest);
  if (m[1] === "count" && days && days[2] === "") spec = { kind: "count", activity, withinDays: Number(days[1]) };
  if (m[1] === "decayed" && days && days[2].startsWith("_h")) {
    const h = num(days[2].slice(2));
    if (h !== null) spec = { kind: "decayedCount", activity, withinDays: Number(days[1]), halfLifeDays: h };
  }
  if (m[1] === "lastweight" && rest.startsWith("_h")) {
    const h = num(rest.slice(2));
    if (h !== null) spec = { kind: "lastWeight", activity, halfLifeDays: h };
  }
  return spec && featureName(spec) === name ? spec : null;
}

/** The main feature an activity rule reads (its count, decayed count or last age), or null for attribute rules. */
export function ruleFeature(rule: Rule): FeatureSpec | null {
  switch (rule.type) {
    case "activityCount":
      return { kind: "count", activity: rule.activity, withinDays: rule.withinDays };
    case "activityPoints":
      return rule.decay
        ? { kind: "decayedCount", activity: rule.activity, withinDays: rule.withinDays, halfLifeDays: rule.decay.halfLifeDays }
        : { kind: "count", activity: rule.activity, withinDays: rule.withinDays };
    case "hasActivity":
    case "recency":
      return { kind: "lastAge", activity: rule.activity };
    default:
      return null;
  }
}

/** Every feature a rule reads: ruleFeature, plus lastWeight for hasActivity with decay. */
export function ruleFeatures(rule: Rule): FeatureSpec[] {
  const main = ruleFeature(rule);
  if (!main) return [];
  if (rule.type === "hasActivity" && rule.decay) return [main, { kind: "lastWeight", activity: rule.activity, halfLifeDays: rule.decay.halfLifeDays }];
  return [main];
}

/** The distinct features used by a set of models, sorted by name (deterministic). */
export function featureSpecs(models: Model[]): FeatureSpec[] {
  const byName = new Map<string, FeatureSpec>();
  for (const m of models) for (const c of m.criteria) for (const f of ruleFeatures(c.rule)) byName.set(featureName(f), f);
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

/**
 * The name of a leads attribute column in lead_features: "@" + escapeName
 * (injective also when compared case-insensitively: "Source" and "source"
 * get two columns). @example attrColumn("job_level") // => "@job__level"
 */
export const attrColumn = (column: string) => `@${escapeName(column)}`;

/** The leads columns the models' rules read, sorted (what lead_features must copy at least). */
export function modelColumns(models: Model[]): string[] {
  const out = new Set<string>();
  for (const m of models) {
    for (const c of Object.keys(m.dataset.columns)) out.add(c);
    for (const c of m.criteria) if ("column" in c.rule) out.add(c.rule.column);
  }
  return [...out].sort();
}

/** SQL of the decay weight in nano-units: round(1e9 * 0.5^(ageDays / h)). */
export function nanoWeightSql(ageDaysExpr: Expr, halfLifeDays: number): Expr {
  return call("round", mul(call("pow", lit(0.5), div(ageDaysExpr, lit(halfLifeDays))), lit(NANO)));
}

// Column names inside the features statement (fixed, quoted when rendered).
const S = "s", L = "l", E = "e", X = "x", G = "g", AGE = "age_ms", AGE_DAYS = "age_days", TYPE = "type_code";
const aggName = (i: number) => `f${i}`;

/** The lastAge expression in days from the aggregated minimum age in ms (NULL when none). */
const lastAgeOf = (minAgeMs: Expr) => div(cast(minAgeMs, "DOUBLE"), lit(MS_PER_DAY));

/** A leads column copied into lead_features, with the kind of value it holds. */
export interface InputColumn {
  name: string;
  kind: ColumnType;
}

export interface LeadFeaturesOptions {
  /**
   * activity_type → type_code of the keyed activities (lib/canonical.ts
   * readActivityCodes). Features of a type without a code (no activities
   * table, or a type that never occurs) are constant: count 0, decayed 0,
   * lastAge / lastWeight NULL.
   */
  activityCodes?: ReadonlyMap<string, number | string>;
  /** The leads columns to copy as "@<column>" (default none; recompute copies every readable leads column but lead_id). */
  columns?: InputColumn[];
}

/**
 * The value of a leads attribute in lead_features: string columns as
 * hash(value) (UBIGINT; NULL stays NULL), others as they are. compile.ts
 * compares a string column with hash('<literal>'), which DuckDB folds to a
 * constant: an integer comparison instead of a string one (2x faster in
 * DuckDB-WASM) and 8 bytes a row instead of a string. Two strings with the
 * same 64-bit hash would compare equal; for one literal against d distinct
 * values of a column the chance is about d / 2^64 (5e-14 for a million).
 */
export function attrValueExpr(column: InputColumn, alias: string): Expr {
  const c = col(column.name, alias);
  return column.kind === "string" ? caseWhen([{ when: isNull(c), then: lit(null) }], call("hash", c)) : c;
}

/** attrValueExpr rendered (DuckDB). */
export function attrValueSql(column: InputColumn, alias: string): string {
  return render(attrValueExpr(column, alias));
}

/**
 * The SELECT of lead_features (see the module comment), as a tree, over
 * scoring_dates, keyed leads and activity_events (lib/canonical.ts):
 *  WITH x AS (the activities that can count, their age once per row),
 *       g AS (one aggregate per distinct count / decayed sum / min age, by lead_key)
 *  SELECT … FROM scoring_dates s JOIN leads l … LEFT JOIN g ….
 */
export function leadFeaturesSelect(specs: FeatureSpec[], options: LeadFeaturesOptions = {}): Select {
  const codes = options.activityCodes ?? new Map<string, number>();
  const attrs = (options.columns ?? []).map((c) => as(attrValueExpr(c, L), attrColumn(c.name)));
  const head = [as(col(LEAD_KEY, S)), as(col("lead_id", S)), as(col("scoring_at", S)), ...attrs];
  const from = table(SCORING_DATES_TABLE, S);
  const leadsJoin = join(table(TABLES.leads, L), eq(col(LEAD_KEY, L), col(LEAD_KEY, S)));
  const constant = (s: FeatureSpec) => (s.kind === "count" ? cast(lit(0), "BIGINT") : s.kind === "decayedCount" ? cast(lit(0), "DOUBLE") : cast(lit(null), "DOUBLE"));

  const activities = [...new Set(specs.map((s) => s.activity))].filter((a) => codes.has(a)).sort();
  if (activities.length === 0) {
    return select({ columns: [...head, ...specs.map((s) => as(constant(s), featureName(s)))], from, joins: [leadsJoin] });
  }

  // x: the activities that can count (types in use, at or before scoring_at), their age once per row.
  const code = (a: string) => lit(codes.get(a)!);
  const ageMs = sub(call("epoch_ms", col("scoring_at", S)), call("epoch_ms", col("occurred_at", E)));
  const x = select({
    columns: [as(col(LEAD_KEY, E), LEAD_KEY), as(col(TYPE, E), TYPE), as(ageMs, AGE), as(div(cast(ageMs, "DOUBLE"), lit(MS_PER_DAY)), AGE_DAYS)],
    from: table(ACTIVITY_EVENTS, E),
    joins: [join(table(SCORING_DATES_TABLE, S), eq(col(LEAD_KEY, S), col(LEAD_KEY, E)))],
    where: and(inList(col(TYPE, E), activities.map(code)), cmp("<=", col("occurred_at", E), col("scoring_at", S))),
  });

  // g: one aggregate per distinct (kind, activity, window, half-life) among count / decayed / min age.
  const aggs: SelectColumn[] = [];
  const aggIndex = new Map<string, number>();
  const aggregate = (key: string, expr: Expr) => {
    if (!aggIndex.has(key)) {
      aggIndex.set(key, aggs.length);
      aggs.push(as(expr, aggName(aggs.length)));
    }
    return col(aggName(aggIndex.get(key)!), G);
  };
  const ofType = (a: string) => eq(col(TYPE), code(a));
  const inWindow = (a: string, days: number) => and(ofType(a), cmp("<", col(AGE), lit(days * MS_PER_DAY)));
  const minAge = (a: string) => aggregate(JSON.stringify(["min", a]), agg("min", [col(AGE)], { filter: ofType(a) }));
  const featureExpr = (s: FeatureSpec): Expr => {
    if (!codes.has(s.activity)) return constant(s);
    switch (s.kind) {
      case "count":
        return coalesce(aggregate(featureKey(s), count(null, { filter: inWindow(s.activity, s.withinDays) })), cast(lit(0), "BIGINT"));
      case "decayedCount": {
        // Summed as DOUBLE: every weight is an integer number of nano-units, so every partial sum is an
        // integer below 2^53 (9 million activities at weight 1e9) and exact; a BIGINT sum would keep a
        // 16-byte HUGEINT state per lead and add slower.
        const nanos = sum(caseWhen([{ when: inWindow(s.activity, s.withinDays), then: nanoWeightSql(col(AGE_DAYS), s.halfLifeDays) }]));
        return div(cast(coalesce(aggregate(featureKey(s), nanos), lit(0)), "DOUBLE"), lit(NANO));
      }
      case "lastAge":
        return lastAgeOf(minAge(s.activity));
      case "lastWeight":
        return div(nanoWeightSql(lastAgeOf(minAge(s.activity)), s.halfLifeDays), lit(NANO));
    }
  };
  const features = specs.map((s) => as(featureExpr(s), featureName(s)));
  const g = select({ columns: [as(col(LEAD_KEY)), ...aggs], from: table(X), groupBy: [col(LEAD_KEY)] });
  return withCtes(
    [cte(X, x), cte(G, g)],
    select({ columns: [...head, ...features], from, joins: [leadsJoin, leftJoin(table(G), eq(col(LEAD_KEY, G), col(LEAD_KEY, S)))] }),
  );
}

/** leadFeaturesSelect rendered (DuckDB). */
export function leadFeaturesSelectSql(specs: FeatureSpec[], options: LeadFeaturesOptions = {}): string {
  return render(leadFeaturesSelect(specs, options));
}

/** CREATE OR REPLACE TABLE lead_features AS leadFeaturesSelect, as a tree. */
export function leadFeaturesStatement(specs: FeatureSpec[], options: LeadFeaturesOptions = {}): Statement {
  return createTable(FEATURES_TABLE, leadFeaturesSelect(specs, options));
}

/**
 * leadFeaturesStatement rendered (DuckDB).
 * @example leadFeaturesSql(featureSpecs([model]), { columns: [...] }) // => CREATE OR REPLACE TABLE "lead_features" AS WITH "x" AS (…), "g" AS (…) SELECT …
 */
export function leadFeaturesSql(specs: FeatureSpec[], options: LeadFeaturesOptions = {}): string {
  return render(leadFeaturesStatement(specs, options));
}
