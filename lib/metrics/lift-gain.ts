import { scoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength, fail } from "./validate.js";

export interface LiftGainRow {
  /** q = j/k, the share of leads taken from the top. */
  depth: number;
  /** q·n leads taken (fractional when q·n is not whole). */
  leads: number;
  /** Wins among them (fractional when the cut splits tied scores). */
  wins: number;
  /** Cumulative precision: wins / leads. */
  precision: number;
  /** Cumulative lift: precision / ȳ. */
  lift: number;
  /** Cumulative gain: wins / all wins (recall). */
  gain: number;
  /** Lowest score taken, fully or partly, at this depth. */
  cutScore: number;
  /** Wins in this slice only (between the previous depth and this one). */
  sliceWins: number;
  /** Precision in this slice only. */
  slicePrecision: number;
  /** Lift in this slice only. */
  sliceLift: number;
}

export interface LiftGainOptions {
  /** Number of equal depths k (10 = deciles, 20 = ventiles); default 10. */
  deciles?: number;
}

/**
 * Lift and gain table: leads sorted by score, highest first, cut at depths
 * q = 1/k, 2/k, …, 1; for each depth the cumulative precision, lift =
 * precision / ȳ and gain (recall), and the same for the slice alone.
 *
 * Convention: ties at a cut are split proportionally. When the q·n-th lead
 * falls inside a group of g leads sharing a score with w wins, taking r of
 * them counts r·w/g wins — the expected value under a random order within
 * ties, independent of input order. So the table depends only on the scores,
 * and with no ties it equals the plain top-⌈q·n⌉ count when q·n is whole.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   there are no wins, or deciles is not a positive integer.
 * @example liftGain([4, 3, 2, 1], [1, 0, 1, 0], { deciles: 2 }).map((r) => r.lift) // [1, 1]
 */
export function liftGain(scores: Scores, labels: Labels, options: LiftGainOptions = {}): LiftGainRow[] {
  const { deciles: k = 10 } = options;
  checkLength("liftGain", scores, labels, ["scores", "labels"]);
  checkFinite("liftGain", scores);
  const won = checkLabels("liftGain", labels);
  checkBothClasses("liftGain", won, 1);
  if (!(Number.isInteger(k) && k >= 1)) fail("liftGain", `deciles must be a positive integer; received ${k}.`);
  const t = scoreTable(scores, labels);
  const n = scores.length;
  const base = won / n;
  const rows: LiftGainRow[] = [];
  let g = t.values.length - 1; // group holding the cut, walking down from the top score
  let leadsAbove = 0; // leads in groups above g
  let winsAbove = 0;
  let prevLeads = 0;
  let prevWins = 0;
  for (let j = 1; j <= k; j++) {
    const m = j === k ? n : (j * n) / k;
    while (g > 0 && leadsAbove + t.won[g] + t.lost[g] < m) {
      leadsAbove += t.won[g] + t.lost[g];
      winsAbove += t.won[g];
      g--;
    }
    const size = t.won[g] + t.lost[g];
    const wins = winsAbove + ((m - leadsAbove) / size) * t.won[g];
    const sliceLeads = m - prevLeads;
    const sliceWins = wins - prevWins;
    rows.push({
      depth: j / k,
      leads: m,
      wins,
      precision: wins / m,
      lift: wins / m / base,
      gain: wins / won,
      cutScore: t.values[g],
      sliceWins,
      slicePrecision: sliceWins / sliceLeads,
      sliceLift: sliceWins / sliceLeads / base,
    });
    prevLeads = m;
    prevWins = wins;
  }
  return rows;
}
