/**
 * One lead as a version saw it: its attributes, its activities up to the
 * scoring date, and the explanation of its score (reference scorer).
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { explain, type Explanation } from "../scoring/explain.js";
import type { ActivityRow, LeadRow } from "../scoring/reference.js";
import { quoteString } from "../sql/quote.js";

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
  const id = quoteString(leadId);
  const lead = (await db.query(`SELECT * FROM leads WHERE lead_id = ${id}`))[0];
  if (!lead) return null;
  const sd = (await db.query<{ scoring_at: string }>(`SELECT strftime(scoring_at, '%Y-%m-%d %H:%M:%S') AS scoring_at FROM scoring_dates WHERE lead_id = ${id}`))[0];
  const outcome = (await db.query<{ outcome: string }>(`SELECT outcome FROM lead_outcomes WHERE lead_id = ${id}`))[0]?.outcome ?? null;
  const hasActivities = (await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'activities'`)).length > 0;
  const all = hasActivities
    ? await db.query<{ activity_type: string; occurred_at: string }>(
        `SELECT activity_type, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at FROM activities WHERE lead_id = ${id} ORDER BY occurred_at`,
      )
    : [];
  const activities = all.filter((a) => a.occurred_at <= sd.scoring_at);
  return {
    lead: lead as LeadRow, outcome, scoringAt: sd.scoring_at, activities, later: all.length - activities.length,
    explanation: explain(model, lead as LeadRow, activities, sd.scoring_at),
  };
}
