/**
 * A per-lead explanation of a score: which criteria fired, their points, and
 * for activity rules the count and the age of the most recent activity.
 * Built on the reference scorer, so it always agrees with the score tables.
 */
import type { Model } from "../model/schema.js";
import { scoreLeadReference, type ActivityRow, type LeadRow, type Tier } from "./reference.js";
import { bandIndex, cellName, type Cuts } from "../grid/bands.js";

export interface ExplainedCriterion {
  id: string;
  label: string;
  category: "fit" | "behaviour";
  group: string | null;
  fired: boolean;
  points: number;
  /** Activities of the rule's type counted (within the window for count rules), or null for attribute rules. */
  count: number | null;
  /** Days since the most recent activity of the type at scoring time, or null. */
  lastAgeDays: number | null;
  /** e.g. `job_level = "VP"`, `3 × email_open in 30 days, decayed (half-life 14 d)`. */
  because: string;
}

export interface Explanation {
  scoringAt: string;
  criteria: ExplainedCriterion[];
  categories: { category: "fit" | "behaviour"; raw: number; capped: number }[];
  /** The fit and engagement (behaviour) sub-scores; score = fit + engagement. */
  fit: number;
  engagement: number;
  score: number;
  tier: Tier;
  /** The lead's grid cell ("A1" … "D4") when the model states both grid cut points, else null. */
  cell: string | null;
  /** Why the tier: the thresholds on the score, or the model's routing of the lead's grid cell. */
  tierBecause: string;
}

function because(model: Model, i: number, lead: LeadRow): string {
  const r = model.criteria[i].rule;
  const v = (c: string) => JSON.stringify(lead[c] ?? null);
  switch (r.type) {
    case "equals": return `${r.column} = ${v(r.column)} (rule: = ${JSON.stringify(r.value)})`;
    case "in": return `${r.column} = ${v(r.column)} (rule: in ${JSON.stringify(r.values)})`;
    case "notIn": return `${r.column} = ${v(r.column)} (rule: not in ${JSON.stringify(r.values)})`;
    case "bands": return `${r.column} = ${v(r.column)} (bands)`;
    case "missing": return `${r.column} = ${v(r.column)} (rule: missing)`;
    case "present": return `${r.column} = ${v(r.column)} (rule: present)`;
    case "flag": return `${r.column} = ${v(r.column)} (rule: true)`;
    case "activityCount": return `${r.activity}: at least ${r.min} within ${r.withinDays} days`;
    case "activityPoints":
      return `${r.activity} within ${r.withinDays} days, per activity${r.maxCount === undefined ? "" : `, at most ${r.maxCount}`}${r.decay ? `, decayed (half-life ${r.decay.halfLifeDays} d)` : ""}`;
    case "hasActivity":
      return `any ${r.activity}${r.withinDays === undefined ? "" : ` within ${r.withinDays} days`}${r.decay ? `, decayed (half-life ${r.decay.halfLifeDays} d)` : ""}`;
    case "recency": return `days since last ${r.activity} (bands)`;
  }
}

/** Explains one lead's score as of `scoringAt` (activities after it are ignored). */
export function explain(model: Model, leadRow: LeadRow, activities: ActivityRow[], scoringAt: string): Explanation {
  const s = scoreLeadReference(model, leadRow, activities, scoringAt);
  const g = model.grid;
  const cell = g?.fit && g.engagement ? cellName(bandIndex(s.fit, g.fit as unknown as Cuts), bandIndex(s.engagement, g.engagement as unknown as Cuts)) : null;
  return {
    scoringAt,
    criteria: s.criteria.map((c, i) => {
      const m = model.criteria[i];
      return {
        id: c.id, label: m.label, category: m.category, group: m.group ?? null,
        fired: c.fired, points: c.points, count: c.count, lastAgeDays: c.lastAgeDays, because: because(model, i, leadRow),
      };
    }),
    categories: s.categories,
    fit: s.fit,
    engagement: s.engagement,
    score: s.score,
    tier: s.tier,
    cell,
    tierBecause: model.grid?.routing
      ? `cell ${cell} is ${model.grid.routing.salesReady.includes(cell!) ? "routed to sales-ready" : model.grid.routing.nurture.includes(cell!) ? "routed to nurture" : "not routed (ignore)"} by the version's grid routing`
      : `score ${+s.score.toFixed(2)} ${s.tier === "sales-ready" ? `≥ sales-ready ${model.thresholds.salesReady}` : s.tier === "nurture" ? `≥ nurture ${model.thresholds.nurture}` : `< nurture ${model.thresholds.nurture}`}`,
  };
}
