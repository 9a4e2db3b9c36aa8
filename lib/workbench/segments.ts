/**
 * The lead columns a page can filter or segment by: text columns of the
 * leads table with a manageable number of distinct values, with their counts.
 */
import type { Db } from "../db/types.js";
import { as, col, count, desc, describe, render, select, table } from "../sql/index.js";

export interface Segment {
  column: string;
  values: { value: string; count: number }[];
  missing: number;
}

/** Text columns of `leads` with 2..maxValues distinct non-missing values (lead_id excluded). */
export async function segmentColumns(db: Db, maxValues = 40): Promise<Segment[]> {
  const cols = (await db.query<{ column_name: string; column_type: string }>(render(describe("leads"))))
    .filter((c) => c.column_type === "VARCHAR" && c.column_name !== "lead_id")
    .map((c) => c.column_name);
  const out: Segment[] = [];
  for (const column of cols) {
    const rows = await db.query<{ value: string | null; n: number }>(
      render(select({
        columns: [as(col(column), "value"), as(count(), "n")], from: table("leads"),
        groupBy: [col(column)], orderBy: [desc(col("n")), col("value")], limit: maxValues + 2,
      })),
    );
    const present = rows.filter((r) => r.value !== null);
    if (present.length < 2 || present.length > maxValues) continue;
    out.push({
      column,
      values: present.map((r) => ({ value: String(r.value), count: Number(r.n) })),
      missing: Number(rows.find((r) => r.value === null)?.n ?? 0),
    });
  }
  return out;
}

/** The column that most likely holds the lead source / channel, if any. */
export function leadSourceColumn(segments: Segment[]): Segment | undefined {
  return (
    segments.find((s) => /^lead[ _]?source$/i.test(s.column)) ??
    segments.find((s) => /source|channel|origin/i.test(s.column))
  );
}
