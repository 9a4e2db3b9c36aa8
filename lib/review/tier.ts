/**
 * The tier of one score (METHODS.md §7), the same convention as tierTable in
 * lib/metrics: score < nurture → ignore; nurture ≤ score < salesReady →
 * nurture; score ≥ salesReady → sales-ready.
 */
import type { Tier, TierThresholds } from "./types.js";

export const TIERS: readonly Tier[] = ["ignore", "nurture", "sales-ready"];

/** @example tierOf(8, { nurture: 4, salesReady: 8 }) // "sales-ready" */
export function tierOf(score: number, t: TierThresholds): Tier {
  return score < t.nurture ? "ignore" : score < t.salesReady ? "nurture" : "sales-ready";
}
