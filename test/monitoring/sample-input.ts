/**
 * Review input built from the synthetic sample (lib/sample) with a simple,
 * activity-heavy points model of the kind a marketing team writes by hand.
 * Outcomes follow METHODS.md §1 through test/sample/helpers.ts (90-day
 * maturity); activity counts are those of the 30-day window before the
 * scoring date (lib/sample windowCounts); amount = sum of won deals.
 */
import { generateSample, windowCounts, type ActivityCounts, type LeadRow } from "../../lib/sample/index.js";
import type { ReviewInput } from "../../lib/monitoring/index.js";
import { activitiesByLead, outcomes } from "../sample/helpers.js";

/** id, label, points for one lead */
export const POINTS_MODEL: [string, string, (lead: LeadRow, c: ActivityCounts) => number][] = [
  ["paid_search", "Lead source: Paid search", (l) => (l.lead_source === "Paid search" ? 15 : 0)],
  ["referral", "Lead source: Referral", (l) => (l.lead_source === "Referral" ? 10 : 0)],
  ["senior", "Job level: C-level, VP or Director", (l) => (["C-level", "VP", "Director"].includes(l.job_level ?? "") ? 10 : 0)],
  ["student", "Job level: Student", (l) => (l.job_level === "Student" ? 5 : 0)],
  ["email_open", "Email opens (2 each, up to 10)", (_, c) => 2 * Math.min(c.email_open, 10)],
  ["email_click", "Email clicks (3 each, up to 5)", (_, c) => 3 * Math.min(c.email_click, 5)],
  ["pricing_page", "Pricing page views (5 each, up to 3)", (_, c) => 5 * Math.min(c.pricing_page, 3)],
  ["demo_request", "Demo request", (_, c) => (c.demo_request > 0 ? 20 : 0)],
];

export function sampleInput(): ReviewInput {
  const data = generateSample();
  const outcome = outcomes(data);
  const acts = activitiesByLead(data.activities);
  const won = new Map<string, number>();
  for (const d of data.deals) if (d.status === "won") won.set(d.lead_id, (won.get(d.lead_id) ?? 0) + d.amount);
  const n = data.leads.length;
  const score = new Float64Array(n);
  const criteria = POINTS_MODEL.map(([id, label]) => ({ id, label, points: new Float64Array(n) }));
  data.leads.forEach((lead, i) => {
    const c = windowCounts(lead.created_at, acts.get(lead.lead_id) ?? []);
    POINTS_MODEL.forEach(([, , f], k) => {
      criteria[k].points[i] = f(lead, c);
      score[i] += criteria[k].points[i];
    });
  });
  return {
    score,
    outcome: Int8Array.from(data.leads, (l) => ({ won: 1, lost: 0, open: -1 })[outcome.get(l.lead_id)!]),
    createdAt: Float64Array.from(data.leads, (l) => l.created_at),
    amount: Float64Array.from(data.leads, (l) => won.get(l.lead_id) ?? NaN),
    criteria,
  };
}
