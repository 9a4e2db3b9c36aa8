/**
 * One lead as a version saw it: its attributes, its activities up to the
 * scoring date, and the explanation of its score (reference scorer).
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { explain, type Explanation } from "../scoring/explain.js";
import type { ActivityRow, LeadRow } from "../scoring/reference.js";
import { as, col, desc, eq, fn, join, joinUsing, lit, render, select, star, table, type Expr } from "../sql/index.js";
import { scoresTableName } from "../scoring/names.js";

export interface LeadDetail {
  lead: LeadRow;
  outcome: string | null;
  scoringAt: string;
  activities: ActivityRow[];
  /** Activities after the scoring date: ignored by the score (no look-ahead). */
  later: number;
  explanation: Explanation;
}

/** Loads and explains one lead; null when the id is unknown. */
export async function leadDetail(db: Db, model: Model, leadId: string): Promise<LeadDetail | null> {
  const id = eq(col("lead_id"), lit(leadId));
  const ymdhms = (c: string): Expr => fn("strftime", col(c), lit("%Y-%m-%d %H:%M:%S"));
  const lead = (await db.query(render(select({ columns: [as(star())], from: table("leads"), where: id }))))[0];
  if (!lead) return null;
  const sd = (await db.query<{ scoring_at: string }>(render(select({ columns: [as(ymdhms("scoring_at"), "scoring_at")], from: table("scoring_dates"), where: id }))))[0];
  const outcome = (await db.query<{ outcome: string }>(render(select({ columns: [as(col("outcome"))], from: table("lead_outcomes"), where: id }))))[0]?.outcome ?? null;
  const tables = select({ columns: [as(lit(1))], from: table("tables", null, "information_schema"), where: eq(col("table_name"), lit("activities")) });
  const hasActivities = (await db.query(render(tables))).length > 0;
  const all = hasActivities
    ? await db.query<{ activity_type: string; occurred_at: string }>(
        render(select({
          columns: [as(col("activity_type")), as(ymdhms("occurred_at"), "occurred_at")],
          from: table("activities"), where: id, orderBy: [col("occurred_at")],
        })),
      )
    : [];
  const activities = all.filter((a) => a.occurred_at <= sd.scoring_at);
  return {
    lead: lead as LeadRow, outcome, scoringAt: sd.scoring_at, activities, later: all.length - activities.length,
    explanation: explain(model, lead as LeadRow, activities, sd.scoring_at),
  };
}

/** The lead to explain first: the highest-scoring lead that was lost under `model` (ties: smallest id); null when none. */
export async function highestScoringLost(db: Db, model: Model): Promise<string | null> {
  const rows = await db.query<{ lead_id: string }>(
    render(select({
      columns: [as(col("lead_id", "i"))],
      from: table(scoresTableName(model), "s"),
      joins: [
        joinUsing(table("lead_features", "i"), ["lead_key"]),
        join(table("lead_outcomes", "o"), eq(col("lead_id", "o"), col("lead_id", "i"))),
      ],
      where: eq(col("outcome", "o"), lit("lost")),
      orderBy: [desc(col("score", "s")), col("lead_id", "i")],
      limit: 1,
    })),
  );
  return rows[0]?.lead_id ?? null;
}
