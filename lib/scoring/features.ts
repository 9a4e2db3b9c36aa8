/**
 * Activity features: derived ONCE per dataset and scoring-date rule, for the
 * union of the activity specs used by a set of model versions, in one
 * GROUP BY lead_id pass over activities joined to scoring_dates (only
 * activities with occurred_at <= scoring_at). Score queries then read the
 * per-lead table `lead_features` and never scan activities.
 *
 * Feature kinds (age = (scoring_at - occurred_at) in days, see schema.ts):
 *  count        number of activities of the type with 0 <= age < withinDays (BIGINT)
 *  decayedCount sum of w(age) over the same activities, w(t) = round(1e9 * 0.5^(t / h)) / 1e9;
 *               summed as integer nano-units then divided by 1e9 (DOUBLE)
 *  lastAge      age in days of the most recent activity of the type, NULL if none (DOUBLE)
 */
import type { Model, Rule } from "../model/schema.js";
import { TABLES } from "../tables.js";
import {
  and, call, cast, caseWhen, cmp, coalesce, col, createTableAs, div, eq, lit, mul, select, sub, sum, table,
  type Expr, type Statement,
} from "../sql/ast.js";
import { fnv1a, sanitize } from "./names.js";

export const FEATURES_TABLE = "lead_features";
export const MS_PER_DAY = 86_400_000;
export const NANO = 1_000_000_000;

export type FeatureSpec =
  | { kind: "count"; activity: string; withinDays: number }
  | { kind: "decayedCount"; activity: string; withinDays: number; halfLifeDays: number }
  | { kind: "lastAge"; activity: string };

/** The canonical text of a spec (fixed key order), the basis of its name. */
export function featureKey(spec: FeatureSpec): string {
  switch (spec.kind) {
    case "count":
      return JSON.stringify([spec.kind, spec.activity, spec.withinDays]);
    case "decayedCount":
      return JSON.stringify([spec.kind, spec.activity, spec.withinDays, spec.halfLifeDays]);
    case "lastAge":
      return JSON.stringify([spec.kind, spec.activity]);
  }
}

/**
 * The column name of a feature: readable prefix + hash of the canonical spec.
 * @example featureName({ kind: "count", activity: "web_visit", withinDays: 30 }) // => "count_web_visit_30d_<8 hex>"
 */
export function featureName(spec: FeatureSpec): string {
  const tail = spec.kind === "lastAge" ? "" : spec.kind === "count" ? `_${spec.withinDays}d` : `_${spec.withinDays}d_h${sanitize(String(spec.halfLifeDays))}`;
  return `${spec.kind === "decayedCount" ? "decayed" : spec.kind}_${sanitize(spec.activity)}${tail}_${fnv1a(featureKey(spec))}`;
}

/** The feature an activity rule reads, or null for attribute rules. */
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

/** The distinct features used by a set of models, sorted by name (deterministic). */
export function featureSpecs(models: Model[]): FeatureSpec[] {
  const byName = new Map<string, FeatureSpec>();
  for (const m of models) for (const c of m.criteria) {
    const f = ruleFeature(c.rule);
    if (f) byName.set(featureName(f), f);
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

const ageMs: Expr = sub(call("epoch_ms", col("scoring_at", "s")), call("epoch_ms", col("occurred_at", "a")));
const ageDays: Expr = div(cast(ageMs, "DOUBLE"), lit(MS_PER_DAY));

/** SQL of the decay weight in nano-units: round(1e9 * 0.5^(ageDays / h)). */
export function nanoWeightSql(ageDaysExpr: Expr, halfLifeDays: number): Expr {
  return call("round", mul(call("pow", lit(0.5), div(ageDaysExpr, lit(halfLifeDays))), lit(NANO)));
}

function featureExpr(spec: FeatureSpec, withActivities: boolean): Expr {
  const ofType = eq(col("activity_type", "a"), lit(spec.activity));
  switch (spec.kind) {
    case "count": {
      if (!withActivities) return cast(lit(0), "BIGINT");
      const hit = and(ofType, cmp("<", ageMs, lit(spec.withinDays * MS_PER_DAY)));
      return cast(coalesce(sum(caseWhen([{ when: hit, then: lit(1) }], lit(0))), lit(0)), "BIGINT");
    }
    case "decayedCount": {
      if (!withActivities) return cast(lit(0), "DOUBLE");
      const hit = and(ofType, cmp("<", ageMs, lit(spec.withinDays * MS_PER_DAY)));
      const nanos = cast(nanoWeightSql(ageDays, spec.halfLifeDays), "BIGINT");
      return div(cast(coalesce(sum(caseWhen([{ when: hit, then: nanos }], lit(0))), lit(0)), "DOUBLE"), lit(NANO));
    }
    case "lastAge":
      if (!withActivities) return cast(lit(null), "DOUBLE");
      return div(cast(call("min", caseWhen([{ when: ofType, then: ageMs }])), "DOUBLE"), lit(MS_PER_DAY));
  }
}

/**
 * CREATE OR REPLACE TABLE lead_features (lead_id, one column per spec) from
 * scoring_dates LEFT JOIN activities (occurred_at <= scoring_at), grouped by
 * lead_id. With `activities: false` (no activities table) every lead gets
 * count 0, decayed 0 and lastAge NULL, without touching activities.
 */
export function leadFeaturesSql(specs: FeatureSpec[], options: { activities?: boolean } = {}): Statement {
  const withActivities = options.activities ?? true;
  const columns = [
    { expr: col("lead_id", "s"), as: "lead_id" },
    ...specs.map((f) => ({ expr: featureExpr(f, withActivities), as: featureName(f) })),
  ];
  if (!withActivities) return createTableAs(FEATURES_TABLE, select({ columns, from: table("scoring_dates", "s") }));
  return createTableAs(
    FEATURES_TABLE,
    select({
      columns,
      from: table("scoring_dates", "s"),
      joins: [
        {
          type: "left",
          source: table(TABLES.activities, "a"),
          on: and(eq(col("lead_id", "a"), col("lead_id", "s")), cmp("<=", col("occurred_at", "a"), col("scoring_at", "s"))),
        },
      ],
      groupBy: [col("lead_id", "s")],
    }),
  );
}
