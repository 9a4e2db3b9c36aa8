/**
 * Column statistics of a raw (all-VARCHAR) table, and the type inference of
 * attribute columns.
 *
 * Cost matters (DuckDB-WASM pays for every string function on every row, and
 * about a microsecond for each failed TRY_CAST), so the work is split:
 * `sampleStats` looks at the first SAMPLE_ROWS rows with the full checks
 * (types, distinct values); `markerCounts` scans every row with exact
 * comparisons only. Values that contradict the inferred type later in the
 * file are caught while staging (the column then falls back to text).
 */
import type { Db } from "../db/types.js";
import { FALSE_WORDS, TRUE_WORDS, ident, inList, isMissing, literal, maybeNumber, trimmed } from "./sql.js";

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

/** Full checks on the first SAMPLE_ROWS rows of `table`. */
export async function sampleStats(db: Db, table: string, columns: string[], markers: readonly string[]): Promise<SampleStats[]> {
  if (!columns.length) return [];
  const inner = columns.map((c, i) => `CASE WHEN ${isMissing(ident(c), markers)} THEN NULL ELSE ${trimmed(ident(c))} END AS v${i}`);
  const aggs = ["count(*) AS n"];
  columns.forEach((_, i) => {
    aggs.push(`count(v${i}) AS nm${i}`);
    aggs.push(`count(CASE WHEN ${maybeNumber(`v${i}`)} AND isfinite(TRY_CAST(v${i} AS DOUBLE)) THEN 1 END) AS num${i}`);
    aggs.push(`count_if(${inList(`lower(v${i})`, [...TRUE_WORDS, ...FALSE_WORDS])}) AS bool${i}`);
    aggs.push(`count(DISTINCT v${i}) AS d${i}`);
  });
  const [r] = await db.query(`SELECT ${aggs.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${ident(table)} LIMIT ${SAMPLE_ROWS})`);
  return columns.map((name, i) => ({
    name, rows: Number(r.n), nonMissing: Number(r[`nm${i}`]), numbers: Number(r[`num${i}`]),
    booleans: Number(r[`bool${i}`]), distinct: Number(r[`d${i}`]),
  }));
}

export interface MarkerCounts {
  name: string;
  rows: number;
  /** Cells that are NULL (empty in the file). */
  empty: number;
  /** Cells equal to each marker (exactly), e.g. {"Select": 1942}. */
  markers: Record<string, number>;
}

/** Empty cells and exact missing-marker cells per column, in one scan of every row. */
export async function markerCounts(db: Db, table: string, columns: string[], markers: readonly string[]): Promise<MarkerCounts[]> {
  const ms = [...new Set(markers.map((m) => m.trim()).filter((m) => m !== ""))];
  const aggs = ["count(*) AS n"];
  columns.forEach((c, i) => {
    aggs.push(`count(${ident(c)}) AS nn${i}`);
    ms.forEach((m, j) => aggs.push(`count_if(${ident(c)} = ${literal(m)}) AS m${i}_${j}`));
  });
  const [r] = await db.query(`SELECT ${aggs.join(", ")} FROM ${ident(table)}`);
  const rows = Number(r.n);
  return columns.map((name, i) => {
    const found: Record<string, number> = {};
    ms.forEach((m, j) => {
      const k = Number(r[`m${i}_${j}`]);
      if (k) found[m] = k;
    });
    return { name, rows, empty: rows - Number(r[`nn${i}`]), markers: found };
  });
}

export type SqlType = "VARCHAR" | "DOUBLE" | "BOOLEAN";

/** "auto" inference from the sample: DOUBLE when every non-missing value is a number, BOOLEAN when every one is true/false/yes/no, else VARCHAR. */
export function inferType(s: SampleStats): SqlType {
  if (s.nonMissing === 0) return "VARCHAR";
  if (s.numbers === s.nonMissing) return "DOUBLE";
  if (s.booleans === s.nonMissing) return "BOOLEAN";
  return "VARCHAR";
}
