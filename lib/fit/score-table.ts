/**
 * Won / lost weight per distinct score, highest score first: the one summary
 * every threshold rule and the trade-off curve read. "Hand over" always means
 * score ≥ cut.
 */
import { radixSort } from "../metrics/radix-order.js";
export interface ScoreTable {
  /** distinct scores, descending */
  readonly score: Float64Array;
  readonly won: Float64Array;
  readonly lost: Float64Array;
  readonly totalWon: number;
  readonly totalLost: number;
}

/**
 * Build a `ScoreTable` from one score and one 0/1 label (1 = won) per labelled
 * lead, with optional weights. Open leads must be left out beforehand.
 *
 * @throws when lengths differ, a score is not finite or a label is not 0/1.
 * @example scoreTable([10, 20, 10], [1, 0, 0]).score // Float64Array [20, 10]
 */
export function scoreTable(scores: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): ScoreTable {
  const n = scores.length;
  if (labels.length !== n || (weights && weights.length !== n))
    throw new Error(`scoreTable: scores, labels (and weights) must have the same length; received ${n}, ${labels.length}${weights ? `, ${weights.length}` : ""}. Pass one entry per labelled lead.`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i]))
      throw new Error(`scoreTable: scores must be finite; received ${scores[i]} at ${i}. Score every lead or drop it.`);
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new Error(`scoreTable: labels must be 0 (lost) or 1 (won); received ${labels[i]} at ${i}. Leave open leads out.`);
  }
  // Ascending by a radix sort (lib/metrics/radix-order.ts; a comparison sort of a million indices took
  // about 0.4 s), walked from the top.
  const order = radixSort(scores).order;
  const s: number[] = [];
  const w1: number[] = [];
  const w0: number[] = [];
  let totalWon = 0;
  let totalLost = 0;
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k];
    const w = weights ? weights[i] : 1;
    if (s.length === 0 || s[s.length - 1] !== scores[i]) {
      s.push(scores[i]);
      w1.push(0);
      w0.push(0);
    }
    if (labels[i] === 1) {
      w1[w1.length - 1] += w;
      totalWon += w;
    } else {
      w0[w0.length - 1] += w;
      totalLost += w;
    }
  }
  return { score: Float64Array.from(s), won: Float64Array.from(w1), lost: Float64Array.from(w0), totalWon, totalLost };
}

/**
 * Number of weeks a set of lead creation times spans: (max − min) / 7 days,
 * at least one day's worth (1/7).
 *
 * @throws when no time is given or a time is not finite.
 * @example weeksSpanned([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15)]) // 2
 */
export function weeksSpanned(createdAtMs: ArrayLike<number>): number {
  if (createdAtMs.length === 0)
    throw new Error("weeksSpanned: needs at least one creation time; received none. Pass the leads' created_at in milliseconds.");
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < createdAtMs.length; i++) {
    const t = createdAtMs[i];
    if (!Number.isFinite(t)) throw new Error(`weeksSpanned: times must be finite milliseconds; received ${t} at ${i}. Parse the dates first.`);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return Math.max(hi - lo, 86_400_000) / (7 * 86_400_000);
}

/**
 * Wilson score interval for x wins out of n (METHODS.md §6), z = 1.96 by default.
 * (Private copy for the threshold rules; lib/metrics has the public one.)
 *
 * @example wilsonBounds(0, 10) // [0, 0.2775…]
 */
export function wilsonBounds(x: number, n: number, z = 1.959963984540054): [number, number] {
  if (!(n > 0)) return [0, 1];
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const d = 1 + z2 / n;
  return [Math.max(0, (centre - half) / d), Math.min(1, (centre + half) / d)];
}
