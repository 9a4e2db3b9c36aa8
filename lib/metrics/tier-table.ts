import type { Interval, Labels, Scores } from "./types.js";
import { checkFinite, checkLabels, checkLength, fail } from "./validate.js";
import { SMALL_BAND } from "./win-rate-by-band.js";
import { wilson } from "./wilson.js";

export type Tier = "ignore" | "nurture" | "sales-ready";

export interface TierThresholds {
  /** Lowest score of the nurture tier. */
  nurture: number;
  /** Lowest score of the sales-ready tier (≥ nurture). */
  salesReady: number;
}

export interface TierRow {
  tier: Tier;
  leads: number;
  /** leads / all leads */
  share: number;
  wins: number;
  /** wins / leads; null for an empty tier. */
  winRate: number | null;
  /** Wilson 95 % interval of winRate (z = 1.96); null for an empty tier. */
  ci: Interval | null;
  /** wins / all wins; null when there are no wins at all. */
  shareOfWins: number | null;
  /** leads < 30 */
  small: boolean;
}

/**
 * The three-tier table: leads, wins and win rate per tier, with the tier's
 * share of leads and of wins.
 *
 * Convention (METHODS.md §7): score < nurture → ignore;
 * nurture ≤ score < salesReady → nurture; score ≥ salesReady → sales-ready.
 * Rows are always returned in that order, empty tiers included.
 *
 * @throws when lengths differ, there are no rows, a score or threshold is
 *   not finite, a label is not 0/1, or nurture > salesReady.
 * @example tierTable([1, 5, 9, 9], [0, 0, 1, 0], { nurture: 4, salesReady: 8 }).map((r) => r.leads) // [1, 1, 2]
 */
export function tierTable(scores: Scores, labels: Labels, thresholds: TierThresholds): TierRow[] {
  const fn = "tierTable";
  const { nurture, salesReady } = thresholds;
  checkLength(fn, scores, labels, ["scores", "labels"]);
  checkFinite(fn, scores);
  const totalWins = checkLabels(fn, labels);
  if (!(Number.isFinite(nurture) && Number.isFinite(salesReady) && nurture <= salesReady)) {
    fail(fn, `thresholds must be finite with nurture ≤ salesReady; received nurture = ${nurture}, salesReady = ${salesReady}.`);
  }
  const leads = [0, 0, 0];
  const wins = [0, 0, 0];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const k = s < nurture ? 0 : s < salesReady ? 1 : 2;
    leads[k]++;
    wins[k] += labels[i];
  }
  const tiers: Tier[] = ["ignore", "nurture", "sales-ready"];
  return tiers.map((tier, k) => ({
    tier,
    leads: leads[k],
    share: leads[k] / scores.length,
    wins: wins[k],
    winRate: leads[k] > 0 ? wins[k] / leads[k] : null,
    ci: leads[k] > 0 ? wilson(wins[k], leads[k]) : null,
    shareOfWins: totalWins > 0 ? wins[k] / totalWins : null,
    small: leads[k] < SMALL_BAND,
  }));
}
