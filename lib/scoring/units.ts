/**
 * Score "units": the per-lead numbers by which a model's points are
 * multiplied, one column per points slot, so that a what-if editor can
 * re-score every lead with new points in plain arithmetic (whatif.ts)
 * without running SQL again.
 *
 * Slots: an ordinary criterion has one slot (its `points`); a bands rule has
 * one slot per band plus a "missing" slot; a recency rule one slot per band
 * plus a "never" slot. Unit values, exactly as compile.ts computes them:
 *  equals / in / notIn / missing / present / flag / activityCount /
 *  hasActivity without decay   1 when the rule fires, else 0
 *  activityPoints              min(n, maxCount): the count, or with decay the
 *                              sum of the weights w(age) (a multiple of 1e-9)
 *  hasActivity with decay      w(age of the most recent), 0 when not fired
 *  band / missing / never slot 1 when the lead falls in that band, else 0
 *
 * Invariant (test/scoring/units.test.ts): per lead, Σ points × unit over a
 * criterion's slots is its criterion column; capped per group then per
 * category (scorePlan) it is the `score` of compile.ts, bit for bit when
 * summed in slot order.
 */
import type { Criterion, Model } from "../model/schema.js";
import { caseWhen, cast, col, eq, lit, select, table, type Expr, type Select } from "../sql/ast.js";
import { render } from "../sql/render.js";
import { CATEGORIES, INPUT, INPUT_REFS, criterionExpr, type ColumnRefs } from "./compile.js";
import { FEATURES_TABLE, LEAD_KEY } from "./features.js";

export type Category = (typeof CATEGORIES)[number];

/** Which part of a criterion a slot stands for: the criterion itself (null), band i, or the missing / never band. */
export type SlotBand = number | null | "missing" | "never";

export interface UnitSlot {
  /** Position in unitSlots(model), also the unit column's name suffix: `u<index>`. */
  index: number;
  /** The unit column's name in unitsSql's output. */
  column: string;
  criterionId: string;
  bandIndex: SlotBand;
  /** The current points of this slot in the model. */
  points: number;
  category: Category;
  group: string | null;
  /** True when the unit is always 0 or 1 (an indicator). */
  indicator: boolean;
}

/** Column name of slot i in unitsSql's output. @example unitColumn(3) // => "u3" */
export const unitColumn = (index: number) => `u${index}`;

function isIndicator(c: Criterion): boolean {
  const r = c.rule;
  if (r.type === "activityPoints") return false;
  if (r.type === "hasActivity") return r.decay === undefined;
  return true;
}

/**
 * The points slots of a model, in criteria order (bands in band order, then
 * missing / never). Pure; the same order as unitsSql's unit columns.
 * @example unitSlots(startingV2).slice(3, 5).map((s) => [s.criterionId, s.bandIndex]) // => [["company_size", 0], ["company_size", 1]]
 */
export function unitSlots(model: Model): UnitSlot[] {
  const out: UnitSlot[] = [];
  const push = (c: Criterion, bandIndex: SlotBand, points: number) => {
    const index = out.length;
    out.push({ index, column: unitColumn(index), criterionId: c.id, bandIndex, points, category: c.category, group: c.group ?? null, indicator: isIndicator(c) });
  };
  for (const c of model.criteria) {
    const r = c.rule;
    if (r.type === "bands") {
      r.bands.forEach((b, i) => push(c, i, b.points));
      push(c, "missing", r.missing.points);
    } else if (r.type === "recency") {
      r.bands.forEach((b, i) => push(c, i, b.points));
      push(c, "never", r.never.points);
    } else {
      push(c, null, c.points ?? 0);
    }
  }
  return out;
}

/**
 * The SQL expression of one slot's unit: compile.ts's criterion expression
 * with the slot's points set to 1 and every other points to 0 (so the same
 * CASE, first-match and decay arithmetic: 1 × x is exactly x).
 */
export function unitExpr(c: Criterion, bandIndex: SlotBand, refs?: ColumnRefs): Expr {
  const r = c.rule;
  if (r.type === "bands") {
    const bands = r.bands.map((b, i) => ({ ...b, points: i === bandIndex ? 1 : 0 }));
    return criterionExpr({ ...c, rule: { ...r, bands, missing: { points: bandIndex === "missing" ? 1 : 0 } } }, refs);
  }
  if (r.type === "recency") {
    const bands = r.bands.map((b, i) => ({ ...b, points: i === bandIndex ? 1 : 0 }));
    return criterionExpr({ ...c, rule: { ...r, bands, never: { points: bandIndex === "never" ? 1 : 0 } } }, refs);
  }
  if (bandIndex !== null) throw new Error(`unitExpr: criterion ${JSON.stringify(c.id)} (${r.type}) has one slot; received band ${JSON.stringify(bandIndex)}. Pass null.`);
  return criterionExpr({ ...c, points: 1 }, refs);
}

export interface UnitsOptions {
  /** Also return lead_id, first (default true; the what-if editor does without). */
  ids?: boolean;
  /**
   * Rows in lead_key order (default true). false skips the sort, for
   * readers that need no order (the what-if editor: its rows only have to
   * match their own outcome column); a sort of 1M rows holds another copy
   * of the result in DuckDB's memory while it runs.
   */
  ordered?: boolean;
  /**
   * Also return `outcome` (TINYINT: 1 won, 0 lost, -1 open or unknown) from
   * a table or view with lead_id and a text column ('won' / 'lost' / other),
   * e.g. { table: "lead_outcomes", column: "outcome" } (lib/dataset/outcomes.ts).
   */
  outcomes?: { table: string; column: string };
}

/**
 * The SELECT of the unit columns: lead_id (unless ids: false), one column
 * `u<i>` per slot (UTINYINT for indicators, so that queryColumns gives a
 * Uint8Array of 1 byte a lead; DOUBLE otherwise; never NULL), optionally
 * `outcome`, over the input table lead_features alone (the same rows as
 * the score table of compile.ts), ordered by lead_key (= lead_id order) unless ordered: false.
 * Needs lead_features of recompute.ts covering the model.
 */
export function unitsSelect(model: Model, options: UnitsOptions = {}): Select {
  const byId = new Map(model.criteria.map((c) => [c.id, c]));
  const slots = unitSlots(model);
  const columns = [
    ...(options.ids === false ? [] : [{ expr: col("lead_id", INPUT), as: "lead_id" }]),
    ...slots.map((s) => ({ expr: cast(unitExpr(byId.get(s.criterionId)!, s.bandIndex, INPUT_REFS), s.indicator ? "UTINYINT" : "DOUBLE"), as: s.column })),
  ];
  const joins: Select["joins"] = [];
  if (options.outcomes) {
    const o = col(options.outcomes.column, "o");
    columns.push({ expr: cast(caseWhen([{ when: eq(o, lit("won")), then: lit(1) }, { when: eq(o, lit("lost")), then: lit(0) }], lit(-1)), "TINYINT"), as: "outcome" });
    joins.push({ type: "left", source: table(options.outcomes.table, "o"), on: eq(col("lead_id", "o"), col("lead_id", INPUT)) });
  }
  return select({ columns, from: table(FEATURES_TABLE, INPUT), joins, ...(options.ordered === false ? {} : { orderBy: [col(LEAD_KEY, INPUT)] }) });
}

/**
 * unitsSelect rendered to SQL text, for db.queryColumns.
 * @example unitsSql(model) // => SELECT "i"."lead_id" AS "lead_id", CAST((CASE WHEN … THEN 1 ELSE 0 END) AS INTEGER) AS "u0", … ORDER BY "l"."lead_id"
 */
export function unitsSql(model: Model, options: UnitsOptions = {}): string {
  return render(unitsSelect(model, options));
}
