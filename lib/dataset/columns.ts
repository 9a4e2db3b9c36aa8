/**
 * Column statistics of a raw (all-VARCHAR) table, and the type inference of
 * attribute columns.
 *
 * Cost matters (DuckDB-WASM pays for every string function on every row, and
 * dearly for each failed TRY_CAST), so the work is split: `sampleStatsOfRows`
 * looks at the first SAMPLE_ROWS rows, parsed in JavaScript, with the full
 * checks (types, distinct values); over every row, only exact marker comparisons
 * are recorded while staging (bit masks). Values that contradict the
 * inferred type later in the file are caught while staging (the column then
 * falls back to text).
 */
import type { Db } from "../db/types.js";
import {
  add, agg, and, as, binary, caseWhen, cast, col, count, eq, fn, lit, mod, render, select, subquery, tryCast, type Expr, type Source,
} from "../sql/index.js";
import { FALSE_WORDS, TRUE_WORDS, inValues, isMissing, maybeNumber, trimmed } from "./exprs.js";

export interface SampleStats {
  name: string;
  rows: number;
  nonMissing: number;
  /** Non-missing values that read as finite numbers. */
  numbers: number;
  /** Non-missing values that are true/false/yes/no in any case. */
  booleans: number;
  distinct: number;
}

export const SAMPLE_ROWS = 10_000;

/** Full checks on the first SAMPLE_ROWS rows of `from` (a table or a read_csv call). */
export async function sampleStats(db: Db, from: Source, columns: string[], markers: readonly string[]): Promise<SampleStats[]> {
  if (!columns.length) return [];
  const inner = columns.map((c, i) => as(caseWhen([{ when: isMissing(col(c), markers), then: lit(null) }], trimmed(col(c))), `v${i}`));
  const aggs = [as(count(), "n")];
  columns.forEach((_, i) => {
    const v = col(`v${i}`);
    aggs.push(as(count(v), `nm${i}`));
    aggs.push(as(count(caseWhen([{ when: and(maybeNumber(v), fn("isfinite", tryCast(v, "DOUBLE"))), then: lit(1) }])), `num${i}`));
    aggs.push(as(agg("count_if", [inValues(fn("lower", v), [...TRUE_WORDS, ...FALSE_WORDS])]), `bool${i}`));
    aggs.push(as(count(v, { distinct: true }), `d${i}`));
  });
  const sample = select({ columns: inner, from, limit: SAMPLE_ROWS });
  const [r] = await db.query(render(select({ columns: aggs, from: subquery(sample, "sample") })));
  return columns.map((name, i) => ({
    name, rows: Number(r.n), nonMissing: Number(r[`nm${i}`]), numbers: Number(r[`num${i}`]),
    booleans: Number(r[`bool${i}`]), distinct: Number(r[`d${i}`]),
  }));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The same statistics as `sampleStats`, computed in JavaScript on parsed
 * rows (`header` names the fields of each row). A cell is missing when,
 * with spaces and tabs trimmed, it is empty or one of the markers; a
 * number is a finite decimal (optional sign and exponent); a boolean is
 * true/false/yes/no in any case.
 * Example: sampleStatsOfRows([["1"], ["x"], ["Select"]], ["a"], ["a"], ["Select"])
 *   → [{name: "a", rows: 3, nonMissing: 2, numbers: 1, booleans: 0, distinct: 2}]
 */
export function sampleStatsOfRows(rows: readonly string[][], header: readonly string[], columns: string[], markers: readonly string[]): SampleStats[] {
  const missing = new Set(["", ...markers.map((m) => m.trim())]);
  const words = new Set([...TRUE_WORDS, ...FALSE_WORDS]);
  return columns.map((name) => {
    const c = header.indexOf(name);
    const seen = new Set<string>();
    let nonMissing = 0, numbers = 0, booleans = 0;
    for (const r of rows) {
      const raw = r[c] ?? "";
      const v = raw.replace(/^[ \t]+|[ \t]+$/g, "");
      if (missing.has(v)) continue;
      nonMissing++;
      seen.add(v);
      if (NUMBER.test(v) && Number.isFinite(Number(v))) numbers++;
      else if (words.has(v.toLowerCase())) booleans++;
    }
    return { name, rows: rows.length, nonMissing, numbers, booleans, distinct: seen.size };
  });
}

/**
 * Helper columns that record, per row, which columns hold each missing
 * marker exactly: one BIGINT bit mask per marker and per 62 columns. Cheap
 * to compute while staging; `markerCountsSql` then counts the bits.
 */
export function markerMaskColumns(columns: string[], markers: readonly string[]): { name: string; expr: Expr }[] {
  const out: { name: string; expr: Expr }[] = [];
  markers.forEach((m, j) => {
    for (let g = 0; g * 62 < columns.length; g++) {
      const bits = columns.slice(g * 62, g * 62 + 62).map((c, k) => caseWhen([{ when: eq(col(c), lit(m)), then: cast(lit(2 ** k), "BIGINT") }], lit(0)));
      out.push({ name: `_mk_${j}_${g}`, expr: bits.reduce((a, b) => add(a, b)) });
    }
  });
  return out;
}

/** Aggregates giving, for column i and marker j, the number of rows holding the marker (as m<i>_<j>). */
export function markerCountAggs(columns: string[], markers: readonly string[]) {
  return markers.flatMap((_, j) => columns.map((_, i) => as(agg("count_if", [markerCond(i, j)]), `m${i}_${j}`)));
}

/** The condition "column i holds marker j" on the staged table: bit i % 62 of mask _mk_<j>_<i / 62> (mask // 2^bit % 2 = 1; masks are non-negative). */
export function markerCond(i: number, j: number): Expr {
  const mask = col(`_mk_${j}_${Math.floor(i / 62)}`);
  return eq(mod(binary("//", mask, cast(lit(2 ** (i % 62)), "BIGINT")), lit(2)), lit(1));
}

export type SqlType = "VARCHAR" | "DOUBLE" | "BOOLEAN";

/** "auto" inference from the sample: DOUBLE when every non-missing value is a number, BOOLEAN when every one is true/false/yes/no, else VARCHAR. */
export function inferType(s: SampleStats): SqlType {
  if (s.nonMissing === 0) return "VARCHAR";
  if (s.numbers === s.nonMissing) return "DOUBLE";
  if (s.booleans === s.nonMissing) return "BOOLEAN";
  return "VARCHAR";
}
