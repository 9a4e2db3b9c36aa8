/**
 * Compiles one model version into its score query over the per-lead input
 * table lead_features alone (features.ts: no activity scan, no join). The
 * score table is narrow: lead_key, the two sub-scores `fit_score` and
 * `engagement_score` (the fit and behaviour categories' capped totals), their
 * sum `score` and `tier`; the criterion points are computed on demand from
 * lead_features (recompute.ts scoresSql). Semantics: lib/model/schema.ts.
 */
import type { Criterion, Model, Rule } from "../model/schema.js";
import {
  add, and, call, caseWhen, or, cmp, col, createTableAs, eq, inList, isNotNull, isNull, lit, mul, notInList,
  select, subquery, table, type Expr, type Select, type Statement,
} from "../sql/ast.js";
import { FEATURES_TABLE, LEAD_KEY, attrColumn, featureName, ruleFeature } from "./features.js";

export const CATEGORIES = ["fit", "behaviour"] as const;
/** The score table's sub-score columns, in CATEGORIES order (fit, then behaviour = engagement). */
export const SUB_SCORE_COLUMNS = ["fit_score", "engagement_score"] as const;

/** How a criterion expression reaches a leads attribute column and a feature column. */
export interface ColumnRefs {
  attr(column: string): Expr;
  /** A rule's literal as the attribute column holds it (lead_features holds strings hashed). */
  value(v: string | number | boolean): Expr;
  feature(name: string): Expr;
}

/** Attributes as "l".<column> (plain values), features as "f".<feature> (leads l ⋈ lead_features f). */
export const JOINED_REFS: ColumnRefs = { attr: (c) => col(c, "l"), value: (v) => lit(v), feature: (f) => col(f, "f") };

/** Alias of lead_features in the score, units and scores queries. */
export const INPUT = "i";

/**
 * Both from lead_features "i": attributes as "i"."@<column>", features as
 * "i".<feature>; a string literal as hash('<literal>'), as lead_features
 * stores string columns (features.ts attrValueSql; DuckDB folds the call).
 */
export const INPUT_REFS: ColumnRefs = {
  attr: (c) => col(attrColumn(c), INPUT),
  value: (v) => (typeof v === "string" ? call("hash", lit(v)) : lit(v)),
  feature: (f) => col(f, INPUT),
};

const when = (cond: Expr, points: number) => caseWhen([{ when: cond, then: lit(points) }], lit(0));

/**
 * min(e, cap) as CASE WHEN e < cap THEN e ELSE cap END: the same value as
 * least(e, cap) for the non-NULL operands used here, and several times
 * faster in DuckDB-WASM (least() on DOUBLE costs ≈ 70 ms per 1M rows there,
 * 9 ms natively; the CASE 17 ms). `e` must be cheap to repeat (a column).
 */
export const atMost = (e: Expr, cap: number): Expr => caseWhen([{ when: cmp("<", e, lit(cap)), then: e }], lit(cap));

function bandCases(value: Expr, bands: { lo: number | null; hi: number | null; points: number }[]) {
  return bands.map((b) => {
    const conds: Expr[] = [];
    if (b.lo !== null) conds.push(cmp(">=", value, lit(b.lo)));
    if (b.hi !== null) conds.push(cmp("<", value, lit(b.hi)));
    return { when: and(...conds), then: lit(b.points) };
  });
}

/**
 * The SQL expression of one criterion's points (never NULL). hasActivity with
 * decay multiplies by the lastWeight feature (w of the last age, features.ts),
 * so no score query calls pow().
 */
export function criterionExpr(c: Criterion, refs: ColumnRefs = JOINED_REFS): Expr {
  const rule: Rule = c.rule;
  const p = c.points ?? 0;
  const attr = refs.attr;
  const feature = () => refs.feature(featureName(ruleFeature(rule)!));
  switch (rule.type) {
    case "equals":
      return when(eq(attr(rule.column), refs.value(rule.value)), p);
    case "in":
      return when(inList(attr(rule.column), rule.values.map(refs.value)), p);
    case "notIn":
      return when(notInList(attr(rule.column), rule.values.map(refs.value)), p);
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
      const n = rule.maxCount === undefined ? feature() : atMost(feature(), rule.maxCount);
      return mul(lit(p), n);
    }
    case "hasActivity": {
      const age = feature();
      const fired = rule.withinDays === undefined ? isNotNull(age) : and(isNotNull(age), cmp("<", age, lit(rule.withinDays)));
      if (!rule.decay) return when(fired, p);
      const weight = refs.feature(featureName({ kind: "lastWeight", activity: rule.activity, halfLifeDays: rule.decay.halfLifeDays }));
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

const total = (terms: Expr[]): Expr => (terms.length === 0 ? lit(0) : terms.reduce((sum, t) => add(sum, t)));
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

/** fit ∈ band b of cuts (bands.ts bandIndex): b = 0 is [c3, ∞), 3 is (−∞, c1). */
function inBand(value: Expr, cuts: readonly number[], b: number): Expr {
  const lo = b === 0 ? cuts[2] : b === 1 ? cuts[1] : b === 2 ? cuts[0] : null;
  const hi = b === 0 ? null : b === 1 ? cuts[2] : b === 2 ? cuts[1] : cuts[0];
  const parts: Expr[] = [];
  if (lo !== null) parts.push(cmp(">=", value, lit(lo)));
  if (hi !== null) parts.push(cmp("<", value, lit(hi)));
  return and(...parts);
}

/**
 * The tier of a lead routed by grid cell (model.grid.routing; lib/grid/bands.ts
 * routedTier): a listed sales-ready cell, else a listed nurture cell, else
 * ignore. An empty list matches nothing.
 */
export function routedTierExpr(model: Model, fit: Expr, engagement: Expr): Expr {
  const g = model.grid!;
  const cell = (name: string) => and(inBand(fit, g.fit!, "ABCD".indexOf(name[0])), inBand(engagement, g.engagement!, "1234".indexOf(name[1])));
  const any = (cells: string[]) => (cells.length === 0 ? lit(false) : or(...cells.map(cell)));
  return caseWhen(
    [
      { when: any(g.routing!.salesReady), then: lit("sales-ready") },
      { when: any(g.routing!.nurture), then: lit("nurture") },
    ],
    lit("ignore"),
  );
}

/**
 * The SELECT of a model's narrow score table over lead_features "i" alone:
 * lead_key, fit_score, engagement_score, score, tier (no ORDER BY: rows in
 * lead_features' order; lead_id and scoring_at are lead_features', joined on
 * lead_key when read: recompute.ts scoresSelect). Layers, so that every cap
 * is a CASE over a column (atMost) and nothing is computed twice:
 *  u   the uncapped total of each unit (a criterion, or a group's members),
 *      the criterion expressions inlined;
 *  c   per category, the sum of its units, each capped by its group cap;
 *  t   the sub-scores: each category total capped;
 *  then score = fit_score + engagement_score and the tier (by thresholds,
 *  or by grid cell when the model routes so).
 * Sums run in scorePlan order, exactly as the reference scorer adds.
 */
export function scoreSelect(model: Model): Select {
  const fixed = [LEAD_KEY];
  const pass = (alias: string) => fixed.map((n) => ({ expr: col(n, alias), as: n }));
  const byId = new Map(model.criteria.map((c) => [c.id, c]));
  const plan = scorePlan(model);
  const unitCol = (k: number, j: number) => `u${k}_${j}`;
  const catCol = (k: number) => `c${k}`;
  const units = select({
    columns: [
      ...pass(INPUT),
      ...plan.flatMap((p, k) => p.units.map((u, j) => ({ expr: total(u.ids.map((id) => criterionExpr(byId.get(id)!, INPUT_REFS))), as: unitCol(k, j) }))),
    ],
    from: table(FEATURES_TABLE, INPUT),
  });
  const capUnit = (k: number, j: number, cap: number | null) => (cap === null ? col(unitCol(k, j), "u") : atMost(col(unitCol(k, j), "u"), cap));
  const categories = select({
    columns: [...pass("u"), ...plan.map((p, k) => ({ expr: total(p.units.map((u, j) => capUnit(k, j, u.cap))), as: catCol(k) }))],
    from: subquery(units, "u"),
  });
  const capCat = (k: number) => (plan[k].cap === null ? col(catCol(k), "c") : atMost(col(catCol(k), "c"), plan[k].cap!));
  const [FIT, ENG] = SUB_SCORE_COLUMNS;
  const subScores = select({ columns: [...pass("c"), { expr: capCat(0), as: FIT }, { expr: capCat(1), as: ENG }], from: subquery(categories, "c") });
  const fit = col(FIT, "t"), eng = col(ENG, "t");
  const score = add(fit, eng);
  return select({
    columns: [
      ...pass("t"), { expr: fit, as: FIT }, { expr: eng, as: ENG }, { expr: score, as: "score" },
      { expr: model.grid?.routing ? routedTierExpr(model, fit, eng) : tierExpr(model, score), as: "tier" },
    ],
    from: subquery(subScores, "t"),
  });
}

/** CREATE OR REPLACE TABLE <name> AS the model's (narrow) score query. */
export function scoreTableSql(model: Model, name: string): Statement {
  return createTableAs(name, scoreSelect(model));
}
