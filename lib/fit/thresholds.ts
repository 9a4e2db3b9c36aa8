import type { ScoreMap } from "./score-map.js";
import { wilsonBounds, type ScoreTable } from "./score-table.js";

/**
 * Threshold rules (METHODS.md §7). Three tiers: ignore < nurture ≤ sales-ready;
 * a lead is handed over iff score ≥ cut. All rules read a `ScoreTable` (distinct
 * scores, descending); "per week" figures divide by the weeks the labelled
 * leads span (weeksSpanned).
 */

export interface CapacityCut {
  /** score at rank N: hand over score ≥ cut */
  readonly cut: number;
  /** leads per week with score ≥ cut (may exceed the capacity because of ties) */
  readonly leadsPerWeekAtCut: number;
  /** next higher score, whose volume stays within capacity (null if none) */
  readonly stricterCut: number | null;
  readonly leadsPerWeekAtStricterCut: number;
  /** expected precision / recall / wins per week when exactly N a week are handed over */
  readonly precisionAtN: number;
  readonly recallAtN: number;
  readonly expectedWinsPerWeek: number;
  /** the tie at the cut: leads scoring exactly `cut` and the share of them needed to fill N */
  readonly tie: { readonly leads: number; readonly takenShare: number };
}

function fail(fn: string, what: string, received: string, fix: string): never {
  throw new Error(`${fn}: ${what}; received ${received}. ${fix}`);
}

/**
 * Sales-ready cut from sales capacity: N leads a week over `weeks` weeks → the
 * score of the (N·weeks)-th highest lead.
 *
 * Ties: all leads at the cut score are taken by "score ≥ cut"; precision@N,
 * recall@N and expected wins assume the tied leads are split at random, i.e.
 * they count the share of the tie needed to reach exactly N. When N·weeks
 * exceeds the leads available, everyone is handed over.
 *
 * @throws when leadsPerWeek or weeks is not positive.
 * @example capacityCut(scoreTable([30, 20, 20, 10], [1, 1, 0, 0]), { leadsPerWeek: 2, weeks: 1 }).tie // { leads: 2, takenShare: 0.5 }
 */
export function capacityCut(table: ScoreTable, options: { leadsPerWeek: number; weeks: number }): CapacityCut {
  const { leadsPerWeek, weeks } = options;
  if (!(leadsPerWeek > 0) || !(weeks > 0))
    fail("capacityCut", "leadsPerWeek and weeks must be > 0", `${leadsPerWeek} and ${weeks}`, "Pass the weekly sales capacity and the weeks the data span.");
  const target = leadsPerWeek * weeks;
  let cum = 0;
  let cumWon = 0;
  const last = table.score.length - 1;
  let i = 0;
  for (; i <= last; i++) {
    const n = table.won[i] + table.lost[i];
    if (cum + n >= target || i === last) break;
    cum += n;
    cumWon += table.won[i];
  }
  const tied = table.won[i] + table.lost[i];
  const taken = Math.min(tied, target - cum);
  const share = tied > 0 ? taken / tied : 0;
  const handed = cum + taken;
  const wins = cumWon + share * table.won[i];
  return {
    cut: table.score[i],
    leadsPerWeekAtCut: (cum + tied) / weeks,
    stricterCut: i > 0 ? table.score[i - 1] : null,
    leadsPerWeekAtStricterCut: cum / weeks,
    precisionAtN: handed > 0 ? wins / handed : 0,
    recallAtN: table.totalWon > 0 ? wins / table.totalWon : 0,
    expectedWinsPerWeek: wins / weeks,
    tie: { leads: tied, takenShare: share },
  };
}

export interface WinRateCut {
  /** lowest qualifying cut, or null when no group reaches the target */
  readonly cut: number | null;
  /** the group at that cut: leads, win rate, Wilson interval */
  readonly leads: number;
  readonly winRate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Cut from a minimum win rate: the lowest score s whose group — leads with
 * s ≤ score (< below, when given) — has a Wilson lower bound ≥ target. For the
 * sales-ready cut leave `below` out (group = everyone handed over); for the
 * nurture cut pass below = the sales-ready cut (group = the nurture tier).
 *
 * @throws when target is outside (0, 1).
 * @example minWinRateCut(table, { target: 0.2 }).cut
 */
export function minWinRateCut(table: ScoreTable, options: { target: number; below?: number; z?: number }): WinRateCut {
  const { target, below } = options;
  if (!(target > 0 && target < 1))
    fail("minWinRateCut", "target must be a win rate in (0, 1)", String(target), "Pass e.g. 0.2 for 20 %.");
  let n = 0;
  let x = 0;
  let best: WinRateCut = { cut: null, leads: 0, winRate: NaN, lower: NaN, upper: NaN };
  for (let i = 0; i < table.score.length; i++) {
    if (below !== undefined && table.score[i] >= below) continue;
    n += table.won[i] + table.lost[i];
    x += table.won[i];
    const [lower, upper] = wilsonBounds(x, n, options.z);
    if (lower >= target) best = { cut: table.score[i], leads: n, winRate: x / n, lower, upper };
  }
  return best;
}

/**
 * Cut from cost and value: hand over iff p·value > cost, p* = cost / value, with
 * p = σ(a + b·s) from the score map. Returns p*, the continuous score s* where
 * p = p*, and the lowest observed score with p > p* (null if none).
 *
 * @throws when cost or value is not positive, cost ≥ value, or b ≤ 0.
 * @example costValueCut(table, { a: -5, b: 0.1 }, { cost: 50, value: 1000 }).pStar // 0.05
 */
export function costValueCut(
  table: ScoreTable,
  map: ScoreMap,
  options: { cost: number; value: number },
): { pStar: number; scoreStar: number; cut: number | null } {
  const { cost, value } = options;
  if (!(cost > 0 && value > cost))
    fail("costValueCut", "need 0 < cost < value", `cost ${cost}, value ${value}`, "Pass the cost of working a lead and the value of a win in the same currency.");
  if (!(map.b > 0)) fail("costValueCut", "the score map must increase with the score (b > 0)", `b = ${map.b}`, "Refit the score map on labelled leads.");
  const pStar = cost / value;
  const scoreStar = (Math.log(pStar / (1 - pStar)) - map.a) / map.b;
  let cut: number | null = null;
  for (let i = 0; i < table.score.length; i++) if (table.score[i] > scoreStar) cut = table.score[i];
  return { pStar, scoreStar, cut };
}

/**
 * Youden's J = TPR − FPR maximised over cuts (score ≥ cut); the highest cut wins
 * ties. J at its best equals the KS statistic.
 *
 * @example youdenCut(scoreTable([3, 2, 1], [1, 0, 0])) // { cut: 3, j: 1, tpr: 1, fpr: 0 }
 */
export function youdenCut(table: ScoreTable): { cut: number; j: number; tpr: number; fpr: number } {
  let tp = 0;
  let fp = 0;
  let best = { cut: table.score[0], j: -Infinity, tpr: 0, fpr: 0 };
  for (let i = 0; i < table.score.length; i++) {
    tp += table.won[i];
    fp += table.lost[i];
    const tpr = tp / table.totalWon;
    const fpr = fp / table.totalLost;
    if (tpr - fpr > best.j) best = { cut: table.score[i], j: tpr - fpr, tpr, fpr };
  }
  return best;
}

/**
 * F-β maximised over cuts: F = (1 + β²)·P·R / (β²·P + R); β > 1 weighs recall
 * more. The highest cut wins ties.
 *
 * @throws when beta is not positive.
 * @example fBetaCut(scoreTable([3, 2, 1], [1, 0, 0]), 1).f // 1
 */
export function fBetaCut(table: ScoreTable, beta = 1): { cut: number; f: number; precision: number; recall: number } {
  if (!(beta > 0)) fail("fBetaCut", "beta must be > 0", String(beta), "Use 1 for F1, 2 to favour recall.");
  const b2 = beta * beta;
  let tp = 0;
  let n = 0;
  let best = { cut: table.score[0], f: -1, precision: 0, recall: 0 };
  for (let i = 0; i < table.score.length; i++) {
    tp += table.won[i];
    n += table.won[i] + table.lost[i];
    const precision = tp / n;
    const recall = tp / table.totalWon;
    const f = precision + recall > 0 ? ((1 + b2) * precision * recall) / (b2 * precision + recall) : 0;
    if (f > best.f) best = { cut: table.score[i], f, precision, recall };
  }
  return best;
}

/**
 * Nurture cut from a share of volume: ignore (at least) the lowest `ignoredShare`
 * of leads. The cut is the score just above the lead at that rank from the
 * bottom, so a tie group is ignored whole; the share actually ignored is returned.
 *
 * @throws when ignoredShare is outside [0, 1).
 * @example nurtureCutFromShare(scoreTable([1, 2, 3, 4], [0, 0, 1, 1]), 0.5) // { cut: 3, ignoredShare: 0.5 }
 */
export function nurtureCutFromShare(table: ScoreTable, ignoredShare: number): { cut: number; ignoredShare: number } {
  if (!(ignoredShare >= 0 && ignoredShare < 1))
    fail("nurtureCutFromShare", "ignoredShare must be in [0, 1)", String(ignoredShare), "Pass e.g. 0.3 to ignore the lowest 30 % of leads.");
  const total = table.totalWon + table.totalLost;
  let below = 0;
  for (let i = table.score.length - 1; i > 0; i--) {
    if (below >= ignoredShare * total) return { cut: table.score[i], ignoredShare: below / total };
    below += table.won[i] + table.lost[i];
  }
  return { cut: table.score[0], ignoredShare: below / total };
}
