/**
 * Builds the periodic review's input (lib/monitoring ReviewInput) for one model
 * version from the Db: each lead's recomputed score and criterion points
 * (the version's score table, one column per criterion id) and tier (routed
 * by grid cell when the version routes so), its outcome, its
 * creation instant and its won revenue (sum of its won deals' amounts). Run
 * lib/scoring recompute first. SQL comes from the typed builder.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import type { ReviewInput } from "../monitoring/index.js";
import { periodLabel } from "../monitoring/periods.js";
import { tiersOf } from "../monitoring/tier.js";
import { addMonths } from "../monitoring/dates.js";
import { scoresTableName } from "../scoring/names.js";
import { scoresSelect } from "../scoring/recompute.js";
import { col, eq, render, select, showTables, subquery, table } from "../sql/index.js";
import { TABLES } from "../tables.js";
import { epochMsExpr, outcomeCodeExpr } from "./outcome-exprs.js";
import { byKey, leadBase, readAligned, readVersionColumns, wonAmounts, wonAmountsSelect } from "./lead-base.js";

export interface VersionReviewInput extends ReviewInput {
  model: Model;
  /** Lead ids, ascending: row i of every column is lead leadId[i]. */
  leadId: string[];
  score: Float64Array;
  /** The version's tier of each lead from its score table (routed by grid cell when the model routes so). */
  tier: string[];
  /** 1 won, 0 lost, −1 open. */
  outcome: Int8Array;
  /** Lead creation, epoch ms UTC. */
  createdAt: Float64Array;
  /** Won revenue per lead (NaN when none); absent without deals or amounts. */
  amount?: Float64Array;
  /** Criterion points, one Float64Array per criterion of the model, in model order. */
  criteria: { id: string; label: string; points: Float64Array }[];
}

/** Column alias of criterion k (criterion ids may hold any character). */
const pointsAlias = (k: number) => `p${k}`;

/**
 * The SELECT behind readReviewInput: the version's score table joined with
 * lead_outcomes and leads, and (withDeals) left-joined with the sum of each
 * lead's won deal amounts; ordered by lead_id.
 */
export function reviewInputSql(model: Model, options: { withDeals: boolean; criteria?: boolean }): string {
  const won = wonAmountsSelect();
  return render(
    select({
      columns: [
        { expr: col("lead_id", "s"), as: "lead_id" },
        { expr: col("score", "s"), as: "score" },
        { expr: col("tier", "s"), as: "tier" },
        { expr: outcomeCodeExpr(col("outcome", "o")), as: "outcome" },
        { expr: epochMsExpr(col("created_at", "l")), as: "created_at" },
        ...(options.withDeals ? [{ expr: col("amount", "a"), as: "amount" }] : []),
        ...(options.criteria === false ? [] : model.criteria.map((c, k) => ({ expr: col(c.id, "s"), as: pointsAlias(k) }))),
      ],
      from: subquery(scoresSelect(model), "s"),
      joins: [
        { type: "inner", source: table("lead_outcomes", "o"), on: eq(col("lead_id", "o"), col("lead_id", "s")) },
        { type: "inner", source: table(TABLES.leads, "l"), on: eq(col("lead_id", "l"), col("lead_id", "s")) },
        ...(options.withDeals ? [{ type: "left" as const, source: subquery(won, "a"), on: eq(col("lead_id", "a"), col("lead_id", "s")) }] : []),
      ],
      orderBy: [col("lead_id", "s")],
    }),
  );
}

const num = (v: unknown) => (v == null ? NaN : Number(v));
/** A numeric column as a Float64Array: a typed column (queryColumns' numeric columns; no value there is null) copied at once, else value by value. */
const floats = (c: ArrayLike<unknown>, n: number, each: (v: unknown) => number) =>
  ArrayBuffer.isView(c) ? Float64Array.from(c as ArrayLike<number>) : Float64Array.from({ length: n }, (_, i) => each(c[i]));

/**
 * Reads one version's review input. Outcome codes 1 won, 0 lost, −1 open;
 * amount is NaN for leads without a won deal (and left out entirely when the
 * dataset has no deals table or no won deal carries an amount); criterion
 * points are 0 where the criterion did not fire.
 *
 * With `have`, the version's cohort input read before (readCohortInput), only
 * the criterion points are read and joined to it.
 *
 * @throws when the version's score table is missing (run recompute first).
 * @example (await readReviewInput(db, model)).criteria[0].id // "senior_title"
 */
export async function readReviewInput(db: Db, model: Model, have?: CohortInput): Promise<VersionReviewInput> {
  return (await readInput(db, model, true, have)) as VersionReviewInput;
}

/** A version's review input without its criterion points: what cohorts and score drift read (lib/monitoring cohorts, scoreDrift). */
export type CohortInput = Omit<VersionReviewInput, "criteria">;

/**
 * readReviewInput without the criterion points (one column per criterion):
 * enough for a version shown beside the current one in the cohort charts.
 */
export async function readCohortInput(db: Db, model: Model): Promise<CohortInput> {
  return readInput(db, model, false);
}

async function readInput(db: Db, model: Model, withCriteria: boolean, have?: CohortInput): Promise<CohortInput & { criteria?: VersionReviewInput["criteria"] }> {
  const tables = new Set((await db.query(render(showTables()))).map((r) => String(r.name)));
  const name = scoresTableName(model);
  if (!tables.has(name)) throw new Error(`readReviewInput: the score table ${name} of ${model.id} v${model.version} does not exist; run recompute for this version first.`);
  const withDeals = tables.has(TABLES.deals);
  const shared = await readInputShared(db, model, withDeals, withCriteria, have);
  if (shared) return shared;
  const c = await db.queryColumns(reviewInputSql(model, { withDeals, criteria: withCriteria }));
  const n = c.numRows;
  const scoreCol = c.columns.score as ArrayLike<unknown>;
  const outcome = Int8Array.from(c.columns.outcome as ArrayLike<number>);
  let amount: Float64Array | undefined;
  if (withDeals) {
    const a = c.columns.amount as ArrayLike<unknown>;
    amount = new Float64Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      amount[i] = outcome[i] === 1 ? num(a[i]) : NaN;
      if (!Number.isNaN(amount[i])) any = true;
    }
    if (!any) amount = undefined;
  }
  return {
    model,
    leadId: Array.from(c.columns.lead_id as ArrayLike<unknown>, String),
    score: floats(scoreCol, n, num),
    tier: Array.from(c.columns.tier as ArrayLike<unknown>, String),
    outcome,
    createdAt: Float64Array.from(c.columns.created_at as ArrayLike<number>),
    ...(amount && { amount }),
    ...(withCriteria && {
      criteria: model.criteria.map((cr, k) => {
        const p = c.columns[pointsAlias(k)] as ArrayLike<unknown>;
        return { id: cr.id, label: cr.label, points: floats(p, n, (v) => (v == null ? 0 : Number(v))) };
      }),
    }),
  };
}

/**
 * readInput from the leads' shared columns (lead-base.ts, read once, won
 * amounts too) and the version's own columns read by lead_key without a join
 * on lead_id or a sort; null when the score table's leads are not the shared ones.
 */
async function readInputShared(db: Db, model: Model, withDeals: boolean, withCriteria: boolean, have?: CohortInput): Promise<(CohortInput & { criteria?: VersionReviewInput["criteria"] }) | null> {
  const base = await leadBase(db);
  if (!base) return null;
  const name = scoresTableName(model);
  const source = subquery(scoresSelect(model, name, { key: true }), "s");
  const points = withCriteria ? model.criteria.map((cr, k) => ({ expr: col(cr.id, "s"), as: pointsAlias(k) })) : [];
  if (withCriteria && have && have.model === model && have.leadId === base.leadId) {
    // The version's cohort input read from these shared columns already: only its criterion points are read.
    const c = await readAligned(db, base, byKey(source, points), points.map((p) => p.as));
    if (c) return { ...have, criteria: criterionPoints(model, c) };
  }
  const v = await readVersionColumns(db, name, source, points);
  if (!v) return null;
  let amount: Float64Array | undefined;
  if (withDeals) {
    const won = await wonAmounts(db, base);
    amount = new Float64Array(base.n);
    let any = false;
    for (let i = 0; i < base.n; i++) {
      amount[i] = base.outcome[i] === 1 ? won[i] : NaN;
      if (!Number.isNaN(amount[i])) any = true;
    }
    if (!any) amount = undefined;
  }
  return {
    model,
    leadId: base.leadId,
    score: v.score,
    tier: v.tier,
    outcome: base.outcome,
    createdAt: base.createdMs,
    ...(amount && { amount }),
    ...(withCriteria && { criteria: criterionPoints(model, v.columns) }),
  };
}

/** Criterion points from an aligned read (NULL, where a criterion did not fire, as 0). */
function criterionPoints(model: Model, c: Record<string, Float64Array>): VersionReviewInput["criteria"] {
  return model.criteria.map((cr, k) => {
    const p = c[pointsAlias(k)];
    for (let i = 0; i < p.length; i++) if (Number.isNaN(p[i])) p[i] = 0;
    return { id: cr.id, label: cr.label, points: p };
  });
}

/**
 * The default reference window of the drift analyses: the first `months`
 * calendar months (UTC) from the month of the earliest lead, as an inclusive
 * pair of month labels.
 * @example defaultReference([Date.UTC(2024, 0, 9)]) // ["2024-01", "2024-12"]
 */
export function defaultReference(createdAt: ArrayLike<number>, months = 12): [string, string] {
  let lo = Infinity;
  for (let i = 0; i < createdAt.length; i++) lo = Math.min(lo, createdAt[i]);
  if (!Number.isFinite(lo)) throw new Error("defaultReference: there are no leads to take a reference window from.");
  const first = periodLabel(lo, "month");
  const start = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, 1);
  return [first, periodLabel(addMonths(start, months - 1), "month")];
}

/**
 * Indicator "criteria" for the values of one lead column (points 1 where the
 * lead has the value, else 0), aligned with `input.leadId`: lets the drift
 * analyses watch the lead mix (e.g. lead_source) even where the model has no
 * criterion on it. Values are taken most frequent first, at most `maxValues`.
 */
export async function readColumnIndicators(db: Db, input: Pick<VersionReviewInput, "leadId">, column: string, maxValues = 12): Promise<{ id: string; label: string; points: Float64Array }[]> {
  const c = await db.queryColumns(render(select({
    columns: [{ expr: col("lead_id"), as: "lead_id" }, { expr: col(column), as: "value" }],
    from: table(TABLES.leads),
  })));
  const index = new Map(input.leadId.map((id, i) => [id, i]));
  const ids = c.columns.lead_id as ArrayLike<unknown>;
  const values = c.columns.value as ArrayLike<unknown>;
  const counts = new Map<string, number>();
  for (let i = 0; i < c.numRows; i++) if (values[i] != null) counts.set(String(values[i]), (counts.get(String(values[i])) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxValues).map(([v]) => v);
  const out = top.map((v) => ({ id: `${column}=${v}`, label: v, points: new Float64Array(input.leadId.length) }));
  const byValue = new Map(top.map((v, k) => [v, out[k]]));
  for (let i = 0; i < c.numRows; i++) {
    const k = index.get(String(ids[i]));
    const target = values[i] == null ? undefined : byValue.get(String(values[i]));
    if (k !== undefined && target) target.points[k] = 1;
  }
  return out;
}

export interface PointsGap {
  id: string;
  label: string;
  /** Mean points of the criterion among lost leads that scored sales-ready. */
  lostSalesReady: number | null;
  /** Mean points among won leads that scored sales-ready. */
  wonSalesReady: number | null;
  /** lostSalesReady − wonSalesReady: points that lifted lost leads more than won ones. */
  gap: number | null;
}

/**
 * Mean points per criterion among sales-ready leads that were lost vs won:
 * for count criteria (e.g. 2 points per email open) that fire on almost
 * everyone, the fire rate hides what the points show. Open leads are left out.
 * Sales-ready: the input's own tier when it carries one (routing by grid
 * cell), else score ≥ salesReady.
 * @example pointsGap(input, 65)[0].gap // > 0: the criterion gave lost high-scorers more points
 */
export function pointsGap(input: Pick<VersionReviewInput, "score" | "outcome" | "criteria"> & { tier?: ArrayLike<string> }, salesReady: number): PointsGap[] {
  const tiers = tiersOf(input, { nurture: salesReady, salesReady });
  let nl = 0;
  let nw = 0;
  const sl = new Float64Array(input.criteria.length);
  const sw = new Float64Array(input.criteria.length);
  for (let i = 0; i < input.score.length; i++) {
    if (tiers[i] !== "sales-ready" || input.outcome[i] === -1) continue;
    const won = input.outcome[i] === 1;
    if (won) nw++;
    else nl++;
    input.criteria.forEach((c, k) => {
      if (won) sw[k] += c.points[i];
      else sl[k] += c.points[i];
    });
  }
  return input.criteria.map((c, k) => {
    const l = nl > 0 ? sl[k] / nl : null;
    const w = nw > 0 ? sw[k] / nw : null;
    return { id: c.id, label: c.label, lostSalesReady: l, wonSalesReady: w, gap: l !== null && w !== null ? l - w : null };
  });
}
