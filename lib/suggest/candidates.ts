/**
 * Candidate criteria from the columns a model does not use: categorical
 * columns become one criterion per frequent value (values under `minShare`
 * of the leads grouped as "other") plus a Missing criterion; numeric columns
 * become one bands rule on quantile bands [lo, hi) with an explicit Missing
 * band (METHODS.md §3: band numeric inputs). The criteria form a model of
 * their own (the "candidate model") so that their 0/1 units come from the
 * same SQL as any model's (unitsSql), and an opted-in candidate can be copied
 * into a draft unchanged.
 */
import type { Db } from "../db/types.js";
import { parseModel } from "../model/parse.js";
import type { ColumnType, Criterion, Model } from "../model/schema.js";
import { columnKind } from "../scoring/check-data.js";
import { agg, col, render, select, star, table } from "../sql/index.js";
import { TABLES } from "../tables.js";

/** What one leads column holds, as read for profiling. */
export type ColumnProfile =
  | { column: string; kind: "string" | "boolean"; n: number; missing: number; counts: Map<string | boolean, number> }
  | { column: string; kind: "number"; n: number; missing: number; sorted: Float64Array };

export interface CandidateColumn {
  column: string;
  kind: ColumnType;
  /** Ids of its candidate criteria (empty when skipped). */
  criteria: string[];
  /** Why the column gives no candidate, or null. */
  skipped: string | null;
  /** Values grouped as "other" (categorical columns). */
  otherValues: (string | boolean)[];
}

export interface CandidateOptions {
  /** Values rarer than this share of the leads are grouped as "other" (default 0.01). */
  minShare?: number;
  /** Number of quantile bands of a numeric column (default 5). */
  bands?: number;
  /** At most this many frequent values per column; the rest are "other" (default 30). */
  maxValues?: number;
}

/** Columns of `leads` that are not candidates whatever the model: the mapping's own columns. */
export const NOT_CANDIDATES = ["lead_id", "created_at", "label"];

const slug = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "x";

/**
 * Quantile cut points of sorted values: the distinct values at ranks ⌊q·n/B⌋,
 * q = 1 … B−1 (type 1), without the minimum (a band below it would be empty).
 * @example quantileCuts(Float64Array.of(0, 0, 0, 1, 2, 3, 4, 5, 6, 7), 5) // => [2, 4, 6]  (0 at rank 2 is the minimum)
 */
export function quantileCuts(sorted: Float64Array, bands: number): number[] {
  const n = sorted.length;
  const cuts: number[] = [];
  for (let q = 1; q < bands; q++) {
    const v = sorted[Math.min(n - 1, Math.floor((q * n) / bands))];
    if (v > sorted[0] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return cuts;
}

/**
 * Candidate criteria from column profiles. Ids are "x_<column>_<value>" (made
 * unique against `takenIds`, case-insensitively). Identifier-like columns
 * (≥ 95 % distinct values, more than 50 of them) and constant columns are
 * skipped with a reason.
 */
export function candidateCriteria(profiles: ColumnProfile[], takenIds: Iterable<string>, options: CandidateOptions = {}): { criteria: Criterion[]; columns: CandidateColumn[] } {
  const minShare = options.minShare ?? 0.01;
  const nBands = options.bands ?? 5;
  const maxValues = options.maxValues ?? 30;
  const taken = new Set([...takenIds].map((s) => s.toLowerCase()));
  const uid = (base: string) => {
    let id = base;
    for (let k = 2; taken.has(id.toLowerCase()); k++) id = `${base}_${k}`;
    taken.add(id.toLowerCase());
    return id;
  };
  const criteria: Criterion[] = [];
  const columns: CandidateColumn[] = [];
  for (const p of profiles) {
    const info: CandidateColumn = { column: p.column, kind: p.kind, criteria: [], skipped: null, otherValues: [] };
    columns.push(info);
    const present = p.n - p.missing;
    const base = `x_${slug(p.column)}`;
    const add = (c: Omit<Criterion, "id" | "category">, suffix: string) => {
      const id = uid(`${base}_${suffix}`);
      criteria.push({ id, category: "fit", ...c } as Criterion);
      info.criteria.push(id);
    };
    if (present === 0) {
      info.skipped = "no values";
      continue;
    }
    if (p.kind === "number") {
      const distinct = countDistinct(p.sorted);
      if (distinct >= 0.95 * present && distinct > 50 && Number.isInteger(p.sorted[0])) {
        info.skipped = "identifier-like (almost every value distinct)";
        continue;
      }
      const cuts = quantileCuts(p.sorted, nBands);
      if (cuts.length === 0 && p.missing === 0) {
        info.skipped = "constant";
        continue;
      }
      const edges = [null, ...cuts, null];
      const bands = edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1], points: 0 }));
      add({ label: p.column, rule: { type: "bands", column: p.column, bands, missing: { points: 0 } } }, "bands");
      continue;
    }
    const entries = [...p.counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
    if (entries.length >= 0.95 * present && entries.length > 50) {
      info.skipped = "identifier-like (almost every value distinct)";
      continue;
    }
    if (entries.length === 1 && p.missing === 0) {
      info.skipped = "constant";
      continue;
    }
    const frequent = entries.filter(([, n], i) => n >= minShare * p.n && i < maxValues);
    const rare = entries.slice(frequent.length).map(([v]) => v);
    for (const [v] of frequent) add({ label: `${p.column} = ${v}`, rule: { type: "equals", column: p.column, value: v }, points: 0 }, slug(String(v)));
    if (rare.length) {
      info.otherValues = rare;
      add({ label: `${p.column}: other (${rare.length} rare value${rare.length > 1 ? "s" : ""})`, rule: { type: "in", column: p.column, values: rare }, points: 0 }, "other");
    }
    if (p.missing > 0) add({ label: `${p.column}: missing`, rule: { type: "missing", column: p.column }, points: 0 }, "missing");
  }
  return { criteria, columns };
}

function countDistinct(sorted: Float64Array): number {
  let d = sorted.length ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** The candidate criteria as a model (for unitsSql and for copying into a draft); null when there are none. */
export function candidateModel(base: Model, criteria: Criterion[], columns: CandidateColumn[]): Model | null {
  if (!criteria.length) return null;
  const used = new Set(columns.filter((c) => c.criteria.length).map((c) => c.column));
  return parseModel(
    {
      id: `${base.id}-candidates`,
      version: 1,
      parent: null,
      status: "draft",
      effectiveFrom: base.effectiveFrom,
      author: "leadscore suggest",
      changeNote: "Candidate criteria from the columns the model does not use.",
      dataset: { columns: Object.fromEntries(columns.filter((c) => used.has(c.column)).map((c) => [c.column, c.kind])), activityTypes: [] },
      criteria,
      thresholds: { nurture: 0, salesReady: 1 },
    },
    "candidate criteria",
  );
}

/**
 * Reads the profile of every leads column the model does not use (types
 * VARCHAR, BOOLEAN or numeric; others are ignored). `exclude` names more
 * columns to leave out; `includeUsed` also profiles the model's own columns
 * (to offer a finer banding or every category of them).
 */
export async function profileUnusedColumns(db: Db, model: Model, leadColumns: Map<string, string>, exclude: readonly string[] = [], includeUsed = false): Promise<ColumnProfile[]> {
  const skip = new Set([...NOT_CANDIDATES, ...(includeUsed ? [] : Object.keys(model.dataset.columns)), ...exclude]);
  const out: ColumnProfile[] = [];
  for (const [name, type] of leadColumns) {
    const kind = columnKind(type);
    if (skip.has(name) || kind === null) continue;
    if (kind !== "number") {
      // Categories: their counts (candidateCriteria orders them by count, then value).
      const g = await db.queryColumns(render(select({
        columns: [{ expr: col(name), as: "v" }, { expr: agg("count", [star()]), as: "n" }],
        from: table(TABLES.leads), groupBy: [col(name)],
      })));
      const values = g.columns.v as ArrayLike<unknown>;
      const ns = g.columns.n as ArrayLike<unknown>;
      const counts = new Map<string | boolean, number>();
      let missing = 0;
      let total = 0;
      for (let i = 0; i < g.numRows; i++) {
        const v = values[i];
        const k = Number(ns[i]);
        total += k;
        if (v === null || v === undefined) missing += k;
        else {
          const key = kind === "boolean" ? Boolean(v) : String(v);
          counts.set(key, (counts.get(key) ?? 0) + k);
        }
      }
      out.push({ column: name, kind, n: total, missing, counts });
      continue;
    }
    // Numbers: every value, sorted (the bands are cut at their quantiles).
    const c = await db.queryColumns(render(select({ columns: [{ expr: col(name), as: "v" }], from: table(TABLES.leads) })));
    const values = c.columns.v as ArrayLike<unknown>;
    let missing = 0;
    const xs: number[] = [];
    for (let i = 0; i < c.numRows; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(Number(v))) missing++;
      else xs.push(Number(v));
    }
    out.push({ column: name, kind, n: c.numRows, missing, sorted: Float64Array.from(xs).sort() });
  }
  return out;
}
