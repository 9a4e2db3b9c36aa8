/**
 * Compiles one model version into its score query over
 * leads ⋈ scoring_dates ⋈ lead_features (per lead; no activity scan).
 * Output: lead_id, scoring_at, one column per criterion (named by its id),
 * the capped total `score` and `tier`. Semantics: lib/model/schema.ts.
 */
import type { Criterion, Model, Rule } from "../model/schema.js";
import { TABLES } from "../tables.js";
import {
  add, and, call, caseWhen, cmp, col, createTableAs, div, eq, inList, isNotNull, isNull, lit, mul, notInList,
  select, subquery, table, type Expr, type Select, type Statement,
} from "../sql/ast.js";
import { FEATURES_TABLE, NANO, featureName, nanoWeightSql, ruleFeature } from "./features.js";
import { SCORING_DATES_TABLE } from "./scoring-dates.js";

export const CATEGORIES = ["fit", "behaviour"] as const;

const attr = (column: string) => col(column, "l");
const when = (cond: Expr, points: number) => caseWhen([{ when: cond, then: lit(points) }], lit(0));

function bandCases(value: Expr, bands: { lo: number | null; hi: number | null; points: number }[]) {
  return bands.map((b) => {
    const conds: Expr[] = [];
    if (b.lo !== null) conds.push(cmp(">=", value, lit(b.lo)));
    if (b.hi !== null) conds.push(cmp("<", value, lit(b.hi)));
    return { when: and(...conds), then: lit(b.points) };
  });
}

/** The SQL expression of one criterion's points (never NULL). */
export function criterionExpr(c: Criterion): Expr {
  const rule: Rule = c.rule;
  const p = c.points ?? 0;
  const feature = () => col(featureName(ruleFeature(rule)!), "f");
  switch (rule.type) {
    case "equals":
      return when(eq(attr(rule.column), lit(rule.value)), p);
    case "in":
      return when(inList(attr(rule.column), rule.values.map(lit)), p);
    case "notIn":
      return when(notInList(attr(rule.column), rule.values.map(lit)), p);
    case "bands":
      return caseWhen([{ when: isNull(attr(rule.column)), then: lit(rule.missing.points) }, ...bandCases(attr(rule.column), rule.bands)], lit(0));
    case "missing":
      return when(isNull(attr(rule.column)), p);
    case "present":
      return when(isNotNull(attr(rule.column)), p);
    case "flag":
      return when(eq(attr(rule.column), lit(true)), p);
    case "activityCount":
      return when(cmp(">=", feature(), lit(rule.min)), p);
    case "activityPoints": {
      const n = rule.maxCount === undefined ? feature() : call("least", feature(), lit(rule.maxCount));
      return mul(lit(p), n);
    }
    case "hasActivity": {
      const age = feature();
      const fired = rule.withinDays === undefined ? isNotNull(age) : and(isNotNull(age), cmp("<", age, lit(rule.withinDays)));
      if (!rule.decay) return when(fired, p);
      const weight = div(nanoWeightSql(age, rule.decay.halfLifeDays), lit(NANO));
      return caseWhen([{ when: fired, then: mul(lit(p), weight) }], lit(0));
    }
    case "recency":
      return caseWhen([{ when: isNull(feature()), then: lit(rule.never.points) }, ...bandCases(feature(), rule.bands)], lit(0));
  }
}

/**
 * The summation plan shared by SQL and the reference scorer (so floating-point
 * sums happen in the same order): per category, in criteria order, "units" —
 * an ungrouped criterion, or a group (at its first member) with its members.
 */
export function scorePlan(model: Model) {
  return CATEGORIES.map((category) => {
    const units: { group: string | null; ids: string[]; cap: number | null }[] = [];
    for (const c of model.criteria) {
      if (c.category !== category) continue;
      const g = c.group === undefined ? undefined : units.find((u) => u.group === c.group);
      if (g) g.ids.push(c.id);
      else units.push({ group: c.group ?? null, ids: [c.id], cap: c.group === undefined ? null : (model.caps?.group?.[c.group] ?? null) });
    }
    return { category, units, cap: model.caps?.category?.[category] ?? null };
  });
}

const total = (terms: Expr[]): Expr => (terms.length === 0 ? lit(0) : terms.reduce((s, t) => add(s, t)));
const capped = (e: Expr, cap: number | null) => (cap === null ? e : call("least", e, lit(cap)));

/** The capped total `score` over the criterion columns of the inner query. */
export function scoreExpr(model: Model): Expr {
  const categories = scorePlan(model).map(({ units, cap }) =>
    capped(total(units.map((u) => capped(total(u.ids.map((id) => col(id, "c"))), u.cap))), cap),
  );
  return add(categories[0], categories[1]);
}

/** The tier of a score expression: 'sales-ready' ≥ salesReady > 'nurture' ≥ nurture > 'ignore'. */
export function tierExpr(model: Model, score: Expr): Expr {
  return caseWhen(
    [
      { when: cmp(">=", score, lit(model.thresholds.salesReady)), then: lit("sales-ready") },
      { when: cmp(">=", score, lit(model.thresholds.nurture)), then: lit("nurture") },
    ],
    lit("ignore"),
  );
}

/** The SELECT of a model's score table (rows in no particular order). */
export function scoreSelect(model: Model): Select {
  const ids = model.criteria.map((c) => c.id);
  const inner = select({
    columns: [
      { expr: col("lead_id", "l"), as: "lead_id" },
      { expr: col("scoring_at", "s"), as: "scoring_at" },
      ...model.criteria.map((c) => ({ expr: criterionExpr(c), as: c.id })),
    ],
    from: table(TABLES.leads, "l"),
    joins: [
      { type: "inner", source: table(SCORING_DATES_TABLE, "s"), on: eq(col("lead_id", "s"), col("lead_id", "l")) },
      { type: "inner", source: table(FEATURES_TABLE, "f"), on: eq(col("lead_id", "f"), col("lead_id", "l")) },
    ],
  });
  const pass = (alias: string) => [
    { expr: col("lead_id", alias), as: "lead_id" },
    { expr: col("scoring_at", alias), as: "scoring_at" },
    ...ids.map((id) => ({ expr: col(id, alias), as: id })),
  ];
  const withScore = select({ columns: [...pass("c"), { expr: scoreExpr(model), as: "score" }], from: subquery(inner, "c") });
  return select({
    columns: [...pass("t"), { expr: col("score", "t"), as: "score" }, { expr: tierExpr(model, col("score", "t")), as: "tier" }],
    from: subquery(withScore, "t"),
  });
}

/** CREATE OR REPLACE TABLE <name> AS the model's score query. */
export function scoreTableSql(model: Model, name: string): Statement {
  return createTableAs(name, scoreSelect(model));
}
