import { upperBound } from "./sorted-search.js";
import { scoreTable } from "./score-table.js";
import type { Interval, Labels, Scores } from "./types.js";
import { checkFinite, checkLabels, checkLength, fail } from "./validate.js";
import { wilson } from "./wilson.js";

/** One score band [lo, hi) with its win rate. */
export interface WinRateBand {
  /** Lower edge, inclusive; null = unbounded (−∞). */
  lo: number | null;
  /** Upper edge, exclusive; null = unbounded (+∞). */
  hi: number | null;
  n: number;
  wins: number;
  /** wins / n; null for an empty band. */
  rate: number | null;
  /** Wilson 95 % interval (z = 1.96); null for an empty band. */
  ci: Interval | null;
  /** n < 30: too few leads to read the rate. */
  small: boolean;
}

export type BandOptions =
  /** Cut points c₁ < … < c_m, giving bands (−∞, c₁), [c₁, c₂), …, [c_m, +∞). */
  | { edges: readonly number[] }
  /** About k bands of equal size cut at score quantiles. */
  | { bands: number };

/** Bands and tiers with fewer than this many leads are flagged `small`. */
export const SMALL_BAND = 30;

/**
 * Win rate per score band, with Wilson intervals, in ascending score order.
 *
 * Convention: bands are half-open [lo, hi), so a lead scoring exactly on a
 * cut goes to the upper band; the outer bands are unbounded. With
 * `{ bands: k }` the cut c_j (j = 1 … k − 1) is the lowest score with at
 * least j·n/k leads below it, repeats dropped; equal scores never straddle a
 * cut, so with ties the bands differ in size and there may be fewer than k.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   there are no rows, edges are not finite and strictly increasing, or
 *   bands is not a positive integer.
 * @example winRateByBand([1, 2, 3, 4], [0, 0, 1, 1], { edges: [3] }).map((b) => b.rate) // [0, 1]
 */
export function winRateByBand(scores: Scores, labels: Labels, options: BandOptions): WinRateBand[] {
  const fn = "winRateByBand";
  checkLength(fn, scores, labels, ["scores", "labels"]);
  checkFinite(fn, scores);
  checkLabels(fn, labels);
  const t = scoreTable(scores, labels);
  const cuts = "edges" in options ? checkEdges(fn, options.edges) : quantileCuts(fn, t.values, t.won, t.lost, options.bands);
  const n = new Float64Array(cuts.length + 1);
  const wins = new Float64Array(cuts.length + 1);
  const cutArray = Float64Array.from(cuts);
  for (let k = 0; k < t.values.length; k++) {
    const b = upperBound(cutArray, t.values[k]);
    n[b] += t.won[k] + t.lost[k];
    wins[b] += t.won[k];
  }
  const out: WinRateBand[] = [];
  for (let b = 0; b <= cuts.length; b++) {
    out.push({
      lo: b === 0 ? null : cuts[b - 1],
      hi: b === cuts.length ? null : cuts[b],
      n: n[b],
      wins: wins[b],
      rate: n[b] > 0 ? wins[b] / n[b] : null,
      ci: n[b] > 0 ? wilson(wins[b], n[b]) : null,
      small: n[b] < SMALL_BAND,
    });
  }
  return out;
}

function checkEdges(fn: string, edges: readonly number[]): number[] {
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
      fail(fn, `edges must be finite and strictly increasing; received [${edges.join(", ")}].`);
    }
  }
  return [...edges];
}

function quantileCuts(fn: string, values: Float64Array, won: Float64Array, lost: Float64Array, k: number): number[] {
  if (!(Number.isInteger(k) && k >= 1)) fail(fn, `bands must be a positive integer; received ${k}.`);
  if (values.length === 0) fail(fn, "requires at least one row to cut quantile bands.");
  let total = 0;
  for (let i = 0; i < values.length; i++) total += won[i] + lost[i];
  const cuts: number[] = [];
  let g = 0;
  let below = 0; // rows with a score below values[g]
  for (let j = 1; j < k; j++) {
    const target = (j * total) / k;
    while (g < values.length && below < target) {
      below += won[g] + lost[g];
      g++;
    }
    if (g === values.length) break;
    if (cuts.length === 0 || values[g] > cuts[cuts.length - 1]) cuts.push(values[g]);
  }
  return cuts;
}
