/**
 * Shared by the parity tests: reads the plain rows the reference scorer
 * needs, and compares a score table with the reference, lead by lead and
 * criterion by criterion.
 */
import type { Db, Row } from "../../lib/db/types.js";
import type { Model } from "../../lib/model/schema.js";
import { scoreLeadReference, type ActivityRow, type LeadRow } from "../../lib/scoring/reference.js";

export interface ReferenceInput {
  leads: Map<string, LeadRow>;
  activities: Map<string, ActivityRow[]>;
  scoringAt: Map<string, string>;
}

/** Plain rows: leads, activities per lead (when the table exists), scoring_at per lead. */
export async function readReferenceInput(db: Db, withActivities: boolean): Promise<ReferenceInput> {
  const leads = new Map((await db.query("SELECT * FROM leads")).map((r) => [String(r.lead_id), r as LeadRow]));
  const activities = new Map<string, ActivityRow[]>();
  if (withActivities) {
    for (const a of await db.query("SELECT lead_id, activity_type, occurred_at FROM activities")) {
      const list = activities.get(String(a.lead_id)) ?? [];
      list.push({ activity_type: String(a.activity_type), occurred_at: String(a.occurred_at) });
      activities.set(String(a.lead_id), list);
    }
  }
  const scoringAt = new Map((await db.query("SELECT lead_id, scoring_at FROM scoring_dates")).map((r) => [String(r.lead_id), String(r.scoring_at)]));
  return { leads, activities, scoringAt };
}

const DECAYED = new Set(["activityPoints", "hasActivity"]);
const isDecayed = (rule: Model["criteria"][number]["rule"]) => DECAYED.has(rule.type) && "decay" in rule && rule.decay !== undefined;

/**
 * Mismatches between SQL rows and the reference (empty = parity): integer
 * criteria must be equal exactly, decayed ones within 1e-9; score likewise;
 * tier and scoring_at exactly. Also checks every scored lead is present.
 */
export function compareWithReference(model: Model, rows: Row[], input: ReferenceInput): string[] {
  const problems: string[] = [];
  const decayed = model.criteria.some((c) => isDecayed(c.rule));
  if (rows.length !== input.scoringAt.size) problems.push(`${rows.length} score rows for ${input.scoringAt.size} scored leads`);
  for (const row of rows) {
    const id = String(row.lead_id);
    const at = input.scoringAt.get(id)!;
    const ref = scoreLeadReference(model, input.leads.get(id)!, input.activities.get(id) ?? [], at);
    if (row.scoring_at !== at) problems.push(`${id}: scoring_at ${row.scoring_at} vs ${at}`);
    model.criteria.forEach((c, i) => {
      const sql = row[c.id] as number;
      const want = ref.criteria[i].points;
      const ok = isDecayed(c.rule) ? Math.abs(sql - want) <= 1e-9 : sql === want;
      if (!ok) problems.push(`${id}: criterion ${JSON.stringify(c.id)} (${c.rule.type}) SQL ${sql} vs reference ${want}`);
    });
    const close = (a: number, b: number) => (decayed ? Math.abs(a - b) <= 1e-9 : a === b);
    const score = row.score as number;
    if (!close(score, ref.score)) problems.push(`${id}: score SQL ${score} vs reference ${ref.score}`);
    if (!close(row.fit_score as number, ref.fit)) problems.push(`${id}: fit_score SQL ${row.fit_score} vs reference ${ref.fit}`);
    if (!close(row.engagement_score as number, ref.engagement)) problems.push(`${id}: engagement_score SQL ${row.engagement_score} vs reference ${ref.engagement}`);
    if (row.score !== (row.fit_score as number) + (row.engagement_score as number)) problems.push(`${id}: score ${row.score} is not fit_score + engagement_score`);
    if (row.tier !== ref.tier) problems.push(`${id}: tier SQL ${row.tier} vs reference ${ref.tier} (score ${score})`);
    if (problems.length > 20) break;
  }
  return problems;
}
