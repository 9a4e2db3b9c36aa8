/**
 * The fit × engagement grid of a version: per cell (A1 … D4) its leads,
 * outcomes, win rate with a Wilson interval, share of all wins, and whether
 * the version's tiers send the cell to sales.
 */
import { wilson } from "../metrics/wilson.js";
import { SMALL_BAND } from "../metrics/win-rate-by-band.js";
import type { Interval } from "../metrics/types.js";
import { bandIndex, cellName } from "./bands.js";
import type { GridCuts } from "./cuts.js";

export interface SubScoredLeads {
  fit: ArrayLike<number>;
  engagement: ArrayLike<number>;
  /** 1 won, 0 lost, −1 open. */
  outcome: ArrayLike<number>;
  /** The version's tier of each lead ("sales-ready", "nurture", "ignore"). */
  tier: ArrayLike<string>;
}

export interface GridCell {
  /** "A1" … "D4". */
  cell: string;
  /** 0 = A (highest fit) … 3 = D. */
  fitBand: number;
  /** 0 = 1 (highest engagement) … 3 = 4. */
  engagementBand: number;
  /** Labelled leads (won + lost). */
  leads: number;
  won: number;
  lost: number;
  open: number;
  /** won / leads; null for a cell without labelled leads. */
  winRate: number | null;
  /** Wilson 95 % interval of winRate; null when empty. */
  ci: Interval | null;
  /** won / all won; null when nothing was won. */
  shareOfWins: number | null;
  /** Share of the cell's leads (open ones included) that the version scores sales-ready; null when empty. */
  salesReadyShare: number | null;
  /** salesReadyShare ≥ ½: the cell is (mostly) sent to sales. */
  toSales: boolean;
  /** leads < 30 (SMALL_BAND): read the win rate as rough. */
  small: boolean;
}

export interface Grid {
  cuts: GridCuts;
  /** 16 cells, row-major: A1, A2, A3, A4, B1, … D4. */
  cells: GridCell[];
  /** Totals over the cells (they add up to the labelled leads). */
  leads: number;
  won: number;
  lost: number;
  open: number;
}

/**
 * Counts every lead into its cell (bands.ts bandIndex on each axis). Open
 * leads are counted apart and never enter win rates; a cell counts as sent
 * to sales when at least half of its leads are sales-ready under the
 * version's own tiers (thresholds on the total, or routing by cell).
 * @throws when the columns differ in length.
 */
export function gridTable(leads: SubScoredLeads, cuts: GridCuts): Grid {
  const n = leads.fit.length;
  for (const k of ["engagement", "outcome", "tier"] as const) {
    if (leads[k].length !== n) throw new Error(`gridTable: ${k} has ${leads[k].length} values but fit has ${n}; pass columns of the same leads.`);
  }
  const won = new Float64Array(16), lost = new Float64Array(16), open = new Float64Array(16), sales = new Float64Array(16);
  for (let i = 0; i < n; i++) {
    const k = 4 * bandIndex(leads.fit[i], cuts.fit) + bandIndex(leads.engagement[i], cuts.engagement);
    const o = leads.outcome[i];
    if (o === 1) won[k]++;
    else if (o === 0) lost[k]++;
    else open[k]++;
    if (leads.tier[i] === "sales-ready") sales[k]++;
  }
  const allWon = won.reduce((a, b) => a + b, 0);
  const cells: GridCell[] = [];
  for (let k = 0; k < 16; k++) {
    const labelled = won[k] + lost[k];
    const all = labelled + open[k];
    const share = all === 0 ? null : sales[k] / all;
    cells.push({
      cell: cellName(k >> 2, k & 3), fitBand: k >> 2, engagementBand: k & 3,
      leads: labelled, won: won[k], lost: lost[k], open: open[k],
      winRate: labelled === 0 ? null : won[k] / labelled,
      ci: labelled === 0 ? null : wilson(won[k], labelled),
      shareOfWins: allWon === 0 ? null : won[k] / allWon,
      salesReadyShare: share, toSales: share !== null && share >= 0.5, small: labelled < SMALL_BAND,
    });
  }
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  return { cuts, cells, leads: allWon + sum(lost), won: allWon, lost: sum(lost), open: sum(open) };
}
