import type { Interval, Labels, Scores } from "./types.js";
import { checkFinite, checkLabels, checkLength, fail } from "./validate.js";
import { SMALL_BAND } from "./win-rate-by-band.js";
import { wilson } from "./wilson.js";

import { TIERS, tierIndex, type Tier } from "../model/tiers.js";

export type { Tier };

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
 * Rows are always returned in that order, empty tiers included. A version
 * that routes its tiers by grid cell is counted with tierTableOf on its own
 * tiers instead (see effectiveTierTable).
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
  checkLabels(fn, labels);
  if (!(Number.isFinite(nurture) && Number.isFinite(salesReady) && nurture <= salesReady)) {
    fail(fn, `thresholds must be finite with nurture ≤ salesReady; received nurture = ${nurture}, salesReady = ${salesReady}.`);
  }
  // Counted directly (no tier string per lead): the same rows as tierTableOf on the tiers these thresholds give.
  const leads = [0, 0, 0];
  const wins = [0, 0, 0];
  let totalWins = 0;
  for (let i = 0; i < scores.length; i++) {
    const k = scores[i] < nurture ? 0 : scores[i] < salesReady ? 1 : 2;
    leads[k]++;
    wins[k] += labels[i];
    totalWins += labels[i];
  }
  return rowsOf(leads, wins, scores.length, totalWins);
}

/**
 * The three-tier table of given tiers (one per lead, e.g. a score table's
 * `tier` column, which is routed by grid cell when the version routes so):
 * the same rows as tierTable.
 *
 * @throws when lengths differ, there are no rows, a tier is not ignore /
 *   nurture / sales-ready, or a label is not 0/1.
 * @example tierTableOf(["ignore", "sales-ready", "sales-ready"], [0, 1, 0]).map((r) => r.leads) // [1, 0, 2]
 */
export function tierTableOf(tiers: ArrayLike<string>, labels: Labels): TierRow[] {
  const fn = "tierTableOf";
  checkLength(fn, tiers, labels, ["tiers", "labels"]);
  const totalWins = checkLabels(fn, labels);
  const leads = [0, 0, 0];
  const wins = [0, 0, 0];
  for (let i = 0; i < tiers.length; i++) {
    const k = tierIndex(tiers[i]);
    if (k < 0) fail(fn, `tiers must be "ignore", "nurture" or "sales-ready"; tiers[${i}] is ${JSON.stringify(tiers[i])}.`);
    leads[k]++;
    wins[k] += labels[i];
  }
  return rowsOf(leads, wins, tiers.length, totalWins);
}

function rowsOf(leads: number[], wins: number[], n: number, totalWins: number): TierRow[] {
  return TIERS.map((tier, k) => ({
    tier,
    leads: leads[k],
    share: leads[k] / n,
    wins: wins[k],
    winRate: leads[k] > 0 ? wins[k] / leads[k] : null,
    ci: leads[k] > 0 ? wilson(wins[k], leads[k]) : null,
    shareOfWins: totalWins > 0 ? wins[k] / totalWins : null,
    small: leads[k] < SMALL_BAND,
  }));
}

/**
 * The tier table of a version, the one way every page and the CLI count
 * tiers: the version's own tiers when given (its score table's `tier`
 * column: routed by fit × engagement cell when the model has
 * grid.routing, by thresholds otherwise), else the thresholds on the scores.
 */
export function effectiveTierTable(scores: Scores, labels: Labels, thresholds: TierThresholds, tiers?: ArrayLike<string>): TierRow[] {
  if (tiers) {
    checkLength("effectiveTierTable", scores, tiers, ["scores", "tiers"]);
    return tierTableOf(tiers, labels);
  }
  return tierTable(scores, labels, thresholds);
}
