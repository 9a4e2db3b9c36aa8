/**
 * Plans a lead's deals from its drawn outcome, before the snapshot cuts them.
 *
 * Won leads: one won deal (75 %), a lost deal followed by a won one (15 %),
 * or a won deal followed by a won upsell (10 %). Lost leads: no deal, except
 * with probability 12 % (+35 points after a demo request, +8 after a pricing
 * view in the window), then one lost deal, 10 % of them a second lost one.
 * The first deal is created 5–80 days after the lead (5 + exponential, mean
 * 15, truncated at 75) and closes after a sales cycle of 25 + exponential
 * (mean 40; ×1.5 for 1,000+ employees) days, but never before
 * created_at + 31 days, so the scoring date is always created_at + 30 days.
 * Amount ≈ 8,000 · (company_size / 100)^0.35 · log-normal(0, 0.35), rounded
 * to 10 (missing size counts as 100; upsells 20–50 % of the first deal).
 */
import { bernoulli, exponential, normal, truncatedExponential, uniform } from "./draws.js";
import type { DealSpan } from "./activities.js";
import type { ActivityCounts } from "./linear-predictor.js";
import type { Rng } from "./prng.js";
import type { LeadRow } from "./types.js";

export interface PlannedDeal extends DealSpan {
  amount: number;
}

const DAY_MS = 86_400_000;
const at = (t: number, days: number) => t + Math.floor((days * DAY_MS) / 1000) * 1000;

function amountFor(rng: Rng, lead: LeadRow): number {
  const size = lead.company_size ?? 100;
  const raw = 8000 * Math.pow(size / 100, 0.35) * Math.exp(normal(rng, 0, 0.35));
  return Math.max(500, Math.round(raw / 10) * 10);
}

function firstDeal(rng: Rng, lead: LeadRow, won: boolean): PlannedDeal {
  const t = lead.created_at;
  const created = at(t, 5 + truncatedExponential(rng, 15, 75));
  const slow = (lead.company_size ?? 0) >= 1000 ? 1.5 : 1;
  const cycleEnd = at(created, 25 + exponential(rng, 40) * slow);
  const closed = Math.max(cycleEnd, at(t, 31 + uniform(rng, 0, 2)));
  return { won, created, closed, amount: amountFor(rng, lead) };
}

function followUp(rng: Rng, lead: LeadRow, prev: PlannedDeal, won: boolean, gapDays: [number, number]): PlannedDeal {
  const created = at(prev.closed, uniform(rng, gapDays[0], gapDays[1]));
  const closed = at(created, 20 + exponential(rng, 40));
  return { won, created, closed, amount: amountFor(rng, lead) };
}

/** The deals of one lead, in creation order, given whether it is won. */
export function planDeals(rng: Rng, lead: LeadRow, won: boolean, window: ActivityCounts): PlannedDeal[] {
  if (won) {
    const u = rng();
    if (u < 0.15) {
      const lost = firstDeal(rng, lead, false);
      return [lost, followUp(rng, lead, lost, true, [10, 60])];
    }
    const first = firstDeal(rng, lead, true);
    if (u < 0.25) {
      const upsell = followUp(rng, lead, first, true, [60, 300]);
      upsell.amount = Math.max(500, Math.round((first.amount * uniform(rng, 0.2, 0.5)) / 10) * 10);
      return [first, upsell];
    }
    return [first];
  }
  const pDeal = 0.12 + (window.demo_request > 0 ? 0.35 : 0) + (window.pricing_page > 0 ? 0.08 : 0);
  if (!bernoulli(rng, pDeal)) return [];
  const first = firstDeal(rng, lead, false);
  return bernoulli(rng, 0.1) ? [first, followUp(rng, lead, first, false, [30, 200])] : [first];
}
