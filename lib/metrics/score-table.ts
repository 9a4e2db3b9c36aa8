/**
 * Internal: the distinct scores in ascending order with the (weighted) count
 * of won and lost leads at each. Most metrics are sums over this table, which
 * is what makes them O(n log n) and treats ties exactly.
 */
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
}

/**
 * Builds the table. Inputs must already be validated (finite scores, 0/1
 * labels, same length). Without weights, won and lost scores are sorted
 * separately as Float64Arrays (native numeric sort) and merged.
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
  const n = scores.length;
  let nWon = 0;
  for (let i = 0; i < n; i++) nWon += labels[i];
  const pos = new Float64Array(nWon);
  const neg = new Float64Array(n - nWon);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = scores[i];
    else neg[b++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const values = new Float64Array(n);
  const won = new Float64Array(n);
  const lost = new Float64Array(n);
  let k = -1;
  let i = 0;
  let j = 0;
  while (i < pos.length || j < neg.length) {
    const takePos = j >= neg.length || (i < pos.length && pos[i] <= neg[j]);
    const v = takePos ? pos[i++] : neg[j++];
    if (k < 0 || values[k] !== v) values[++k] = v;
    if (takePos) won[k]++;
    else lost[k]++;
  }
  const d = k + 1;
  return { values: values.slice(0, d), won: won.slice(0, d), lost: lost.slice(0, d), nWon, nLost: n - nWon };
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
