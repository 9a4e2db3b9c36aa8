/**
 * The columns every version's per-lead read shares, read once per database
 * and reused: each lead's id (ascending: the order every reader returns),
 * outcome code, creation and scoring instants, and where each lead_key sits
 * in that order. A version's own columns (score, tier, sub-scores, criterion
 * points) are then read from its score table without any join or sort and
 * put in place by lead_key (`readAligned`).
 *
 * Why: at 1,000,000 leads, DuckDB-WASM took 1.6–2.4 s per version to join the
 * score table with lead_features, lead_outcomes (on the text lead_id) and
 * leads and hand over a million ids and tier names as strings; the score
 * table's own columns alone take about a tenth of that.
 *
 * recompute writes them as one table (lead_base) once lead_features is
 * written; they are forgotten, and the table dropped, whenever lead_features,
 * leads or lead_outcomes are written again (the dataset loader, the outcome
 * view, the warehouse pull). A read whose rows do not match the
 * shared leads one to one returns null and the caller falls back to its join.
 */
import type { Db } from "../db/types.js";
import { FEATURES_TABLE, LEAD_KEY } from "../scoring/features.js";
import { caseWhen, cast, col, createTable, dropTable, eq, fn, lit, over, render, select, showTables, subquery, sum, table, type Expr, type Select, type Source } from "../sql/index.js";
import { TABLES } from "../tables.js";
import { epochMsExpr, outcomeCodeExpr } from "./outcome-exprs.js";

export interface LeadBase {
  n: number;
  /** Lead ids, ascending: row i of every aligned read is lead leadId[i]. */
  leadId: string[];
  /** 1 won, 0 lost, −1 open. */
  outcome: Int8Array;
  /** Lead creation, epoch ms (UTC). */
  createdMs: Float64Array;
  /** Scoring date, epoch ms (UTC). */
  scoringMs: Float64Array;
  /** Row of each lead_key (−1: not a row). */
  rowOfKey: Int32Array;
}

const bases = new WeakMap<Db, Promise<LeadBase | null>>();
const amounts = new WeakMap<Db, Promise<Float64Array>>();

/**
 * The table recompute writes after lead_features: the shared columns joined
 * once (lead_outcomes joined on the text lead_id), with each lead's row in lead_id order, so that a page reads
 * them as one scan. Dropped with everything it derives from (`dropLeadBase`).
 */
export const LEAD_BASE_TABLE = "lead_base";

/** Forgets the shared columns of `db` read in this process (lead_features, leads or lead_outcomes are about to change). */
export function forgetLeadBase(db: Db): void {
  bases.delete(db);
  amounts.delete(db);
}

/** forgetLeadBase, and drops the lead_base table (it derives from what is about to change). */
export async function dropLeadBase(db: Db): Promise<void> {
  forgetLeadBase(db);
  await db.exec(render(dropTable(LEAD_BASE_TABLE)));
}

/** The shared columns: lead_features joined with lead_outcomes and leads, with each lead's row in lead_id order. */
function joinedBase(): Select {
  return select({
    columns: [
      { expr: over(fn("row_number"), { orderBy: [col("lead_id", "i")] }), as: "row" },
      { expr: col(LEAD_KEY, "i"), as: "k" },
      { expr: col("lead_id", "i"), as: "lead_id" },
      { expr: outcomeCodeExpr(col("outcome", "o")), as: "outcome" },
      { expr: epochMsExpr(col("created_at", "l")), as: "created_at" },
      { expr: epochMsExpr(col("scoring_at", "i")), as: "scoring_at" },
    ],
    from: table(FEATURES_TABLE, "i"),
    joins: [
      { type: "inner", source: table("lead_outcomes", "o"), on: eq(col("lead_id", "o"), col("lead_id", "i")) },
      { type: "inner", source: table(TABLES.leads, "l"), on: eq(col(LEAD_KEY, "l"), col(LEAD_KEY, "i")) },
    ],
  });
}

/** Writes the lead_base table (recompute calls it once lead_features is written; needs lead_outcomes). */
export async function writeLeadBase(db: Db): Promise<void> {
  forgetLeadBase(db);
  await db.exec(render(createTable(LEAD_BASE_TABLE, joinedBase())));
}

/** The SQL of the shared columns, ordered by lead_id: from the lead_base table when `stored`, else joined here. */
export function leadBaseSql(stored: boolean): string {
  return render(select({
    columns: ["k", "lead_id", "outcome", "created_at", "scoring_at"].map((c) => ({ expr: col(c), as: c })),
    from: stored ? table(LEAD_BASE_TABLE) : subquery(joinedBase(), "b"),
    orderBy: [col("row")],
  }));
}

/**
 * The shared columns of `db`, read once (null when lead_keys repeat or are
 * not small non-negative integers: every reader then keeps its own join).
 */
export function leadBase(db: Db): Promise<LeadBase | null> {
  let p = bases.get(db);
  if (!p) {
    p = readBase(db);
    bases.set(db, p);
    p.catch(() => bases.get(db) === p && bases.delete(db));
  }
  return p;
}

async function readBase(db: Db): Promise<LeadBase | null> {
  const stored = (await db.query(render(showTables()))).some((r) => r.name === LEAD_BASE_TABLE);
  const c = await db.queryColumns(leadBaseSql(stored));
  const n = c.numRows;
  const keys = c.columns.k as ArrayLike<unknown>;
  let max = -1;
  for (let i = 0; i < n; i++) {
    const k = Number(keys[i]);
    if (!Number.isInteger(k) || k < 0 || k > 4 * n + 1024) return null;
    if (k > max) max = k;
  }
  const rowOfKey = new Int32Array(max + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = Number(keys[i]);
    if (rowOfKey[k] !== -1) return null;
    rowOfKey[k] = i;
  }
  return {
    n,
    leadId: Array.from(c.columns.lead_id as ArrayLike<unknown>, String),
    outcome: Int8Array.from(c.columns.outcome as ArrayLike<number>),
    createdMs: Float64Array.from(c.columns.created_at as ArrayLike<number>),
    scoringMs: Float64Array.from(c.columns.scoring_at as ArrayLike<number>),
    rowOfKey,
  };
}

/**
 * A text column read as a small integer code: its distinct values in `source`
 * (ascending) and the expression giving each value's index (−1 for NULL), on
 * the column of the source aliased "s".
 */
export async function textCodes(db: Db, source: Source, column: string): Promise<{ values: string[]; code: Expr }> {
  const rows = await db.query(render(select({ columns: [{ expr: col(column), as: "v" }], from: source, distinct: true, orderBy: [col("v")] })));
  const values = rows.map((r) => r.v).filter((v) => v != null).map(String);
  const code = values.length
    ? cast(caseWhen(values.map((v, i) => ({ when: eq(col(column, "s"), lit(v)), then: lit(i) })), lit(-1)), "INTEGER")
    : cast(lit(-1), "INTEGER");
  return { values, code };
}

/** Codes back to text, as String(value) did for each row of a text column (NULL → "null"). */
export function decodeText(codes: Float64Array, values: string[]): string[] {
  const out = new Array<string>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] >= 0 ? values[codes[i]] : "null";
  return out;
}

/**
 * Runs `sel` (its first column must be the lead_key, named "k") and returns
 * each other named column in the base's order, as numbers (NULL → NaN),
 * or null when its rows are not exactly the base's leads, once each.
 */
export async function readAligned(db: Db, base: LeadBase, sel: Select, names: readonly string[]): Promise<Record<string, Float64Array> | null> {
  const c = await db.queryColumns(render(sel));
  if (c.numRows !== base.n) return null;
  const keys = c.columns.k as ArrayLike<unknown>;
  const row = new Int32Array(base.n);
  const seen = new Uint8Array(base.n);
  for (let j = 0; j < base.n; j++) {
    const k = Number(keys[j]);
    const r = k >= 0 && k < base.rowOfKey.length ? base.rowOfKey[k] : -1;
    if (r < 0 || seen[r]) return null;
    seen[r] = 1;
    row[j] = r;
  }
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const v = c.columns[name] as ArrayLike<unknown>;
    const a = new Float64Array(base.n);
    if (ArrayBuffer.isView(v)) {
      const t = v as unknown as ArrayLike<number>;
      for (let j = 0; j < base.n; j++) a[row[j]] = t[j];
    } else {
      for (let j = 0; j < base.n; j++) a[row[j]] = v[j] == null ? NaN : Number(v[j]);
    }
    out[name] = a;
  }
  return out;
}

/** `columns` of a source aliased "s" (a score table, or a query over one) with each lead's lead_key first, as "k". */
export function byKey(source: Source, columns: { expr: Expr; as: string }[]): Select {
  return select({ columns: [{ expr: col(LEAD_KEY, "s"), as: "k" }, ...columns], from: source });
}

/**
 * A version's score and tier, and the number `columns` of `source` (its score
 * table "s", or a query over it aliased "s"), in the order of the leads'
 * shared columns (read once), which come with them; null when there are no
 * shared columns or the source's leads are not theirs (the caller then keeps
 * its join).
 */
export async function readVersionColumns(db: Db, scoreTable: string, source: Source, columns: { expr: Expr; as: string }[] = []): Promise<{ base: LeadBase; score: Float64Array; tier: string[]; columns: Record<string, Float64Array> } | null> {
  const base = await leadBase(db);
  if (!base) return null;
  const tier = await textCodes(db, table(scoreTable), "tier");
  const c = await readAligned(db, base, byKey(source, [{ expr: col("score", "s"), as: "score" }, { expr: tier.code, as: "tier" }, ...columns]), ["score", "tier", ...columns.map((x) => x.as)]);
  return c ? { base, score: c.score, tier: decodeText(c.tier, tier.values), columns: c } : null;
}

/** Each lead's won revenue as a query: lead_id and the sum of its won deals' amounts (leads without a won deal have no row). */
export function wonAmountsSelect(): Select {
  return select({
    columns: [
      { expr: col("lead_id"), as: "lead_id" },
      { expr: sum(col("amount")), as: "amount" },
    ],
    from: table(TABLES.deals),
    where: eq(col("status"), lit("won")),
    groupBy: [col("lead_id")],
  });
}

/**
 * Each lead's won revenue (sum of its won deals' amounts; NaN without one) in
 * the base's order, read once per database. Only call when a deals table exists.
 */
export function wonAmounts(db: Db, base: LeadBase): Promise<Float64Array> {
  let p = amounts.get(db);
  if (!p) {
    p = (async () => {
      const won = wonAmountsSelect();
      const c = await db.queryColumns(render(select({
        columns: [{ expr: col(LEAD_KEY, "i"), as: "k" }, { expr: col("amount", "a"), as: "amount" }],
        from: table(FEATURES_TABLE, "i"),
        joins: [{ type: "inner", source: subquery(won, "a"), on: eq(col("lead_id", "a"), col("lead_id", "i")) }],
      })));
      const out = new Float64Array(base.n).fill(NaN);
      const keys = c.columns.k as ArrayLike<unknown>;
      const a = c.columns.amount as ArrayLike<unknown>;
      for (let j = 0; j < c.numRows; j++) {
        const k = Number(keys[j]);
        const r = k >= 0 && k < base.rowOfKey.length ? base.rowOfKey[k] : -1;
        if (r >= 0) out[r] = a[j] == null ? NaN : Number(a[j]);
      }
      return out;
    })();
    amounts.set(db, p);
    p.catch(() => amounts.get(db) === p && amounts.delete(db));
  }
  return p;
}
