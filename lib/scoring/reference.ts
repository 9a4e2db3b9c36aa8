/**
 * The reference scorer: the model's semantics (lib/model/schema.ts) written
 * as plain TypeScript over plain rows, one lead at a time. It shares nothing
 * with the SQL path but the parsed model; the parity tests hold the SQL
 * scorer to it.
 */
import type { Criterion, Model } from "../model/schema.js";
import { leadTier } from "../grid/bands.js";

import type { Tier } from "../model/tiers.js";

export type { Tier };
export type LeadRow = Record<string, number | string | boolean | null | undefined>;
export interface ActivityRow {
  activity_type: string;
  /** "YYYY-MM-DD HH:MM:SS" (naive UTC). */
  occurred_at: string;
}

export interface CriterionScore {
  id: string;
  points: number;
  /** True when the rule matched (a band rule always matches some band or gap; fired = points are non-zero). */
  fired: boolean;
  /** For activity rules: matching activities counted (count rules), or null. */
  count: number | null;
  /** For activity rules: days since the most recent activity of the type (at or before scoring_at), or null. */
  lastAgeDays: number | null;
}

export interface ReferenceScore {
  criteria: CriterionScore[];
  /** Category totals after group caps, before (raw) and after (capped) the category cap. */
  categories: { category: "fit" | "behaviour"; raw: number; capped: number }[];
  /** The fit sub-score: the fit category's capped total. */
  fit: number;
  /** The engagement sub-score: the behaviour category's capped total. */
  engagement: number;
  /** fit + engagement. */
  score: number;
  tier: Tier;
}

const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds of a naive UTC "YYYY-MM-DD[ HH:MM:SS]" string. */
export function timestampMs(ts: string): number {
  const ms = Date.parse(ts.length === 10 ? `${ts}T00:00:00Z` : `${ts.replace(" ", "T")}Z`);
  if (Number.isNaN(ms)) throw new Error(`timestampMs: expected "YYYY-MM-DD HH:MM:SS"; received ${JSON.stringify(ts)}`);
  return ms;
}

/** Decay weight in nano-units: round(1e9 * 0.5^(ageDays / halfLifeDays)). */
const nanoWeight = (ageDays: number, halfLifeDays: number) => Math.round(Math.pow(0.5, ageDays / halfLifeDays) * 1e9);

function inBand(v: number, b: { lo: number | null; hi: number | null }) {
  return (b.lo === null || v >= b.lo) && (b.hi === null || v < b.hi);
}

function scoreCriterion(c: Criterion, lead: LeadRow, ages: Map<string, number[]>): CriterionScore {
  const rule = c.rule;
  const p = c.points ?? 0;
  const result = (points: number, count: number | null = null, lastAgeDays: number | null = null): CriterionScore => ({
    id: c.id, points, fired: points !== 0, count, lastAgeDays,
  });
  if ("column" in rule) {
    const v = lead[rule.column] ?? null;
    switch (rule.type) {
      case "equals": return result(v !== null && v === rule.value ? p : 0);
      case "in": return result(v !== null && rule.values.includes(v) ? p : 0);
      case "notIn": return result(v !== null && !rule.values.includes(v) ? p : 0);
      case "missing": return result(v === null ? p : 0);
      case "present": return result(v !== null ? p : 0);
      case "flag": return result(v === true ? p : 0);
      case "bands": {
        if (v === null) return result(rule.missing.points);
        const band = rule.bands.find((b) => inBand(v as number, b));
        return result(band ? band.points : 0);
      }
    }
  }
  const all = ages.get(rule.activity) ?? [];
  const last = all.length ? Math.min(...all) : null;
  switch (rule.type) {
    case "activityCount": {
      const n = all.filter((a) => a < rule.withinDays).length;
      return result(n >= rule.min ? p : 0, n, last);
    }
    case "activityPoints": {
      const inWindow = all.filter((a) => a < rule.withinDays);
      let n = inWindow.length;
      if (rule.decay) {
        const halfLife = rule.decay.halfLifeDays;
        n = inWindow.reduce((s, a) => s + nanoWeight(a, halfLife), 0) / 1e9;
      }
      return result(p * (rule.maxCount === undefined ? n : Math.min(n, rule.maxCount)), inWindow.length, last);
    }
    case "hasActivity": {
      const fired = last !== null && (rule.withinDays === undefined || last < rule.withinDays);
      if (!fired) return result(0, all.length, last);
      return result(rule.decay ? p * (nanoWeight(last, rule.decay.halfLifeDays) / 1e9) : p, all.length, last);
    }
    case "recency": {
      if (last === null) return result(rule.never.points, 0, null);
      const band = rule.bands.find((b) => inBand(last, b));
      return result(band ? band.points : 0, all.length, last);
    }
    default:
      throw new Error(`reference: unknown rule type ${JSON.stringify((rule as { type: unknown }).type)}`);
  }
}

/**
 * Scores one lead as of `scoringAt`: activities after it are ignored. Sums
 * run in a fixed order (per category, criteria order; a group's members are
 * summed, capped, and added where the group first appears), then category
 * caps, then fit + behaviour; the tier by thresholds, or by grid cell when
 * the model routes so (lib/grid/bands.ts).
 */
export function scoreLeadReference(model: Model, lead: LeadRow, activities: ActivityRow[], scoringAt: string): ReferenceScore {
  const at = timestampMs(scoringAt);
  const ages = new Map<string, number[]>();
  for (const a of activities) {
    const t = timestampMs(a.occurred_at);
    if (t > at) continue;
    const list = ages.get(a.activity_type) ?? [];
    list.push((at - t) / MS_PER_DAY);
    ages.set(a.activity_type, list);
  }
  const criteria = model.criteria.map((c) => scoreCriterion(c, lead, ages));
  const pointsOf = new Map(criteria.map((c) => [c.id, c.points]));
  const categories = (["fit", "behaviour"] as const).map((category) => {
    const members = model.criteria.filter((c) => c.category === category);
    let raw = 0;
    const done = new Set<string>();
    for (const c of members) {
      if (c.group === undefined) {
        raw += pointsOf.get(c.id)!;
      } else if (!done.has(c.group)) {
        done.add(c.group);
        const group = members.filter((m) => m.group === c.group).map((m) => pointsOf.get(m.id)!);
        const groupTotal = group.reduce((s, x) => s + x);
        const cap = model.caps?.group?.[c.group];
        raw += cap === undefined ? groupTotal : Math.min(groupTotal, cap);
      }
    }
    const cap = model.caps?.category?.[category];
    return { category, raw, capped: cap === undefined ? raw : Math.min(raw, cap) };
  });
  const fit = categories[0].capped;
  const engagement = categories[1].capped;
  const score = fit + engagement;
  return { criteria, categories, fit, engagement, score, tier: leadTier(model, fit, engagement, score) };
}
