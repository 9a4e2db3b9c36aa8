import type { ScoreTable } from "./score-table.js";

export interface TradeoffCurve {
  /** one entry per distinct score, highest first: hand over score ≥ cut */
  readonly cut: Float64Array;
  /** leads handed over per week at this cut */
  readonly leadsPerWeek: Float64Array;
  /** share of all wins among the leads handed over (recall) */
  readonly winShare: Float64Array;
  /** win rate of the leads handed over */
  readonly precision: Float64Array;
}

/**
 * Capacity ↔ wins trade-off (METHODS.md §7): for every distinct score taken as
 * the cut, the weekly volume handed over, the share of wins it captures and its
 * precision. Cumulative from the top, so volume and win share never decrease.
 *
 * @throws when weeks is not positive.
 * @example tradeoffCurve(scoreTable([2, 1], [1, 0]), 1).winShare // Float64Array [1, 1]
 */
export function tradeoffCurve(table: ScoreTable, weeks: number): TradeoffCurve {
  if (!(weeks > 0))
    throw new Error(`tradeoffCurve: weeks must be > 0; received ${weeks}. Pass weeksSpanned(createdAt) or the number of weeks the leads cover.`);
  const m = table.score.length;
  const leadsPerWeek = new Float64Array(m);
  const winShare = new Float64Array(m);
  const precision = new Float64Array(m);
  let n = 0;
  let x = 0;
  for (let i = 0; i < m; i++) {
    n += table.won[i] + table.lost[i];
    x += table.won[i];
    leadsPerWeek[i] = n / weeks;
    winShare[i] = table.totalWon > 0 ? x / table.totalWon : 0;
    precision[i] = n > 0 ? x / n : 0;
  }
  return { cut: Float64Array.from(table.score), leadsPerWeek, winShare, precision };
}
