/**
 * The span of lead creation dates, as the pages show it: the first and last
 * creation day (YYYY-MM-DD) and the day after the last (an exclusive end).
 */
import type { Db } from "../db/types.js";
import { addInterval, agg, as, col, fn, lit, render, select, table, type Expr } from "../sql/index.js";

export interface CreatedRange {
  first: string | null;
  last: string | null;
  /** The day after `last` (for an exclusive "to"). */
  end: string | null;
}

/** First and last creation day of `leads` (null when there is no lead). */
export async function createdRange(db: Db): Promise<CreatedRange> {
  const day = (e: Expr) => fn("strftime", e, lit("%Y-%m-%d"));
  const created = col("created_at");
  const [r] = await db.query<{ first: string | null; last: string | null; end: string | null }>(
    render(select({
      columns: [
        as(day(agg("min", [created])), "first"), as(day(agg("max", [created])), "last"),
        as(day(addInterval(agg("max", [created]), 1, "DAY")), "end"),
      ],
      from: table("leads"),
    })),
  );
  return { first: r.first, last: r.last, end: r.end };
}
