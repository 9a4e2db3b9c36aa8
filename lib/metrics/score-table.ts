/**
 * Internal: the distinct scores in ascending order with the (weighted) count
 * of won and lost leads at each. Most metrics are sums over this table, which
 * is what makes them O(n log n) and treats ties exactly.
 */
import { radixSort } from "./radix-order.js";
import type { Labels, Scores, Weights } from "./types.js";

export interface ScoreTable {
  /** Distinct scores, ascending. */
  values: Float64Array;
  /** Won (label 1) count or weight at each distinct score. */
  won: Float64Array;
  /** Lost (label 0) count or weight at each distinct score. */
  lost: Float64Array;
  nWon: number;
  nLost: number;
  /**
   * The position in `values` of each input row's score (tables of counts,
   * built without weights): what a per-lead figure at its distinct score
   * reads, with no search.
   */
  at?: Int32Array;
}

/**
 * Builds the table. Inputs must already be validated (finite scores, 0/1
 * labels, same length). Without weights, the scores are ordered by a radix
 * sort (radix-order.ts), which also gives each row's position (`at`).
 */
export function scoreTable(scores: Scores, labels: Labels, weights?: Weights): ScoreTable {
  if (weights) return weightedTable(scores, labels, weights);
  if (!shared) return countTable(scores, labels);
  let byLabels = shared.get(scores);
  if (!byLabels) shared.set(scores, (byLabels = new WeakMap()));
  let t = byLabels.get(labels);
  if (!t) byLabels.set(labels, (t = countTable(scores, labels)));
  return t;
}

/** The tables built while withSharedScoreTables runs, per scores and labels array; null outside it. */
let shared: WeakMap<Scores, WeakMap<Labels, ScoreTable>> | null = null;

/**
 * Runs `fn` with one table per (scores, labels) pair of arrays: every metric
 * it computes on the same arrays (AUC, KS, bands, Platt, Brier, lift, ROC)
 * sorts them once. Exact: `fn` runs synchronously, so the arrays cannot
 * change meanwhile, and the tables are only read. Nested calls share the
 * outer scope; outside any scope nothing is kept.
 * @example withSharedScoreTables(() => evaluate(scores, labels, thresholds))
 */
export function withSharedScoreTables<T>(fn: () => T): T {
  if (shared) return fn();
  shared = new WeakMap();
  try {
    return fn();
  } finally {
    shared = null;
  }
}

function countTable(scores: Scores, labels: Labels): ScoreTable {
  // One radix pass over the scores gives their order with each row's index: the distinct scores,
  // their counts and each row's position among them come out of one walk.
  const { order, sorted, tags } = radixSort(scores, labels);
  const n = order.length;
  const values = new Float64Array(n);
  const won = new Float64Array(n);
  const lost = new Float64Array(n);
  const at = new Int32Array(n);
  let k = -1;
  let nWon = 0;
  for (let r = 0; r < n; r++) {
    const v = sorted[r];
    // −0 and 0 are one score (=== treats them as equal).
    if (k < 0 || values[k] !== v) values[++k] = v;
    at[order[r]] = k;
    if (tags[r] === 1) {
      won[k]++;
      nWon++;
    } else lost[k]++;
  }
  const d = k + 1;
  return { values: values.slice(0, d), won: won.slice(0, d), lost: lost.slice(0, d), nWon, nLost: n - nWon, at };
}

function weightedTable(scores: Scores, labels: Labels, weights: Weights): ScoreTable {
  const order = argsort(scores);
  const n = order.length;
  const values = new Float64Array(n);
  const won = new Float64Array(n);
  const lost = new Float64Array(n);
  let k = -1;
  let nWon = 0;
  let nLost = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const v = scores[i];
    if (k < 0 || values[k] !== v) values[++k] = v;
    if (labels[i] === 1) {
      won[k] += weights[i];
      nWon += weights[i];
    } else {
      lost[k] += weights[i];
      nLost += weights[i];
    }
  }
  const d = k + 1;
  return { values: values.slice(0, d), won: won.slice(0, d), lost: lost.slice(0, d), nWon, nLost };
}

/** Indices that sort `values` ascending (stable: equal values keep index order). */
export function argsort(values: Scores): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a] - values[b] || a - b);
}
