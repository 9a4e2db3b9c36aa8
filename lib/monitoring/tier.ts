/**
 * The tier of one score (METHODS.md §7), the same convention as tierTable in
 * lib/metrics: score < nurture → ignore; nurture ≤ score < salesReady →
 * nurture; score ≥ salesReady → sales-ready. tiersOf gives the tiers every
 * review figure counts: the input's own (routed by grid cell when the
 * version routes so) when it carries them, else these thresholds.
 */
import { TIERS } from "../model/tiers.js";
import type { ReviewInput, Tier, TierThresholds } from "./types.js";

export { TIERS };

/** @example tierOf(8, { nurture: 4, salesReady: 8 }) // "sales-ready" */
export function tierOf(score: number, t: TierThresholds): Tier {
  return score < t.nurture ? "ignore" : score < t.salesReady ? "nurture" : "sales-ready";
}

/**
 * The effective tier of every lead of a review input: input.tier when given
 * (the version's score table: thresholds, or routing by grid cell), else
 * tierOf on the score. Validate the input first (checkInput checks tier).
 * @example tiersOf({ score: [1, 9], outcome: [0, 1], createdAt: [0, 0] }, { nurture: 4, salesReady: 8 }) // ["ignore", "sales-ready"]
 */
export function tiersOf(input: Pick<ReviewInput, "score" | "tier">, t: TierThresholds): Tier[] {
  const given = input.tier;
  const n = input.score.length;
  // A loop, not Array.from with a callback: a million calls cost a quarter of a second.
  const out: Tier[] = new Array(n);
  if (given) for (let i = 0; i < n; i++) out[i] = given[i] as Tier;
  else for (let i = 0; i < n; i++) out[i] = tierOf(input.score[i], t);
  return out;
}
