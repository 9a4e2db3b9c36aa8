/**
 * Column statistics of a raw table in one pass (missing cells, missing
 * markers, how many values read as numbers or booleans, distinct values),
 * and the type inference of attribute columns that follows from them.
 */
import type { Db } from "../db/types.js";
import { FALSE_WORDS, TRUE_WORDS, ident, inList, literal } from "./sql.js";

export interface ColumnStats {
  name: string;
  rows: number;
  /** Empty, whitespace-only or a missing marker. */
  missing: number;
  markers: Record<string, number>;
  /** Non-missing values that read as finite numbers. */
  numbers: number;
  /** Non-missing values that are true/false/yes/no (any case). */
  booleans: number;
  /** Approximate number of distinct non-missing values. */
  distinct: number;
}

/**
 * Statistics for `columns` of `table`, in one scan. Markers are compared
 * after trimming; "" (and whitespace) is always missing.
 */
export async function columnStats(db: Db, table: string, columns: string[], missingValues: readonly string[]): Promise<ColumnStats[]> {
  if (!columns.length) return [];
  const markers = [...new Set(missingValues.map((m) => m.trim()).filter((m) => m !== ""))];
  const inner: string[] = [];
  const aggs: string[] = ["count(*) AS n"];
  columns.forEach((c, i) => {
    inner.push(`trim(${ident(c)}) AS t${i}`);
    inner.push(`CASE WHEN t${i} = '' OR ${inList(`t${i}`, markers)} THEN NULL ELSE t${i} END AS v${i}`);
    aggs.push(`count(v${i}) AS nm${i}`);
    aggs.push(`count(CASE WHEN isfinite(TRY_CAST(v${i} AS DOUBLE)) THEN 1 END) AS num${i}`);
    aggs.push(`count_if(${inList(`lower(v${i})`, [...TRUE_WORDS, ...FALSE_WORDS])}) AS bool${i}`);
    aggs.push(`approx_count_distinct(v${i}) AS d${i}`);
    markers.forEach((m, j) => aggs.push(`count_if(t${i} = ${literal(m)}) AS m${i}_${j}`));
  });
  const [r] = await db.query(`SELECT ${aggs.join(", ")} FROM (SELECT ${inner.join(", ")} FROM ${ident(table)})`);
  const rows = Number(r.n);
  return columns.map((name, i) => {
    const m: Record<string, number> = {};
    markers.forEach((mk, j) => {
      const k = Number(r[`m${i}_${j}`]);
      if (k) m[mk] = k;
    });
    const nonMissing = Number(r[`nm${i}`]);
    return {
      name, rows, missing: rows - nonMissing, markers: m,
      numbers: Number(r[`num${i}`]), booleans: Number(r[`bool${i}`]), distinct: Number(r[`d${i}`]),
    };
  });
}

export type SqlType = "VARCHAR" | "DOUBLE" | "BOOLEAN";

/** "auto" inference: DOUBLE when every non-missing value is a number, BOOLEAN when every one is true/false/yes/no, else VARCHAR. */
export function inferType(s: ColumnStats): SqlType {
  const nonMissing = s.rows - s.missing;
  if (nonMissing === 0) return "VARCHAR";
  if (s.numbers === nonMissing) return "DOUBLE";
  if (s.booleans === nonMissing) return "BOOLEAN";
  return "VARCHAR";
}
