/**
 * Sparse selection of candidate columns ("groups": every band or level of one
 * column, chosen together) for a points model.
 *
 * Forward selection on the L2-penalised log-likelihood: at each step every
 * remaining group is ranked by its score (Rao) statistic at the current fit,
 * Σ_b g_b² / (h_b + λ) over its bands (g_b = Σ (y − p), h_b = Σ p(1 − p) over
 * the leads in band b), the best `shortlist` are refitted in full (Newton,
 * lib/fit fitLogistic, warm start) and the one with the lowest penalised
 * objective is added. Each group is fitted with one band as reference
 * (β = 0): its `reference`, by default the most populous band.
 *
 * Large data: the path is found on a stratified subsample of at most
 * 200,000 training leads and cross-validated on at most 100,000.
 *
 * k, the number of groups, is chosen by stratified k-fold cross-validation
 * of the AUC along the selection path (the order found on all training
 * leads; the folds refit the first k groups) with the one-standard-error
 * rule: the smallest k whose mean AUC is within one standard error of the
 * best mean, the standard error taken of the paired fold differences
 * (pairedOneSeK; the textbook rule, oneSeK, is reported beside it).
 */
import { collapseRows } from "../fit/collapse.js";
import type { Design } from "../fit/design.js";
import { fitLogistic } from "../fit/logistic.js";
import { mulberry32 } from "../prng.js";
import { auc } from "../metrics/auc.js";

export interface Group {
  key: string;
  nBins: number;
  /** Band index of every lead (all leads of the data, not only the training ones). */
  codes: Uint8Array;
  /** The band held at β = 0 in the fits. */
  reference: number;
}

export interface GroupFit {
  intercept: number;
  /** Per selected group (in `groups` order of the call), β of each band (reference 0). */
  coef: Float64Array[];
  objective: number;
}

export interface SelectOptions {
  /** Largest k considered (default 15). */
  maxK?: number;
  /** Inverse L2 penalty on the summed log loss (default 1). */
  C?: number;
  /** Cross-validation folds (default 5). */
  folds?: number;
  seed?: number;
  /** Groups refitted in full at each step (default 2). */
  shortlist?: number;
  /** Cross-validate on a stratified subsample of at most this many training leads (default 100,000). */
  cvMaxRows?: number;
  /** Find the selection path on a stratified subsample of at most this many training leads (default 200,000). */
  pathMaxRows?: number;
  onProgress?: (message: string, fraction: number) => void;
  /** One-standard-error rule on the paired fold differences (default) or on the best mean's SE ("textbook"). */
  rule?: "paired" | "textbook";
}

export interface PathStep {
  k: number;
  group: string;
  /** Penalised objective (summed log loss + penalty) on the training leads after adding it. */
  objective: number;
  cvAuc: number;
  cvSe: number;
}

export interface Selection {
  /** Group indices in the order selected. */
  order: number[];
  path: PathStep[];
  /** k chosen by the one-standard-error rule (paired by default). */
  k: number;
  /** k by the textbook rule (SE of the best mean alone), for comparison. */
  kUnpaired: number;
  /** Fits of the first k groups, k = 1 … path length, on the training leads (the path subsample when capped). */
  fits: GroupFit[];
}

/** The 0/1 design of the bands (reference left out) of `sel` over `rows`. */
export function groupDesign(groups: readonly Group[], sel: readonly number[], rows: ArrayLike<number>, labels: ArrayLike<number>): { design: Design; colOf: Int32Array[] } {
  const colOf: Int32Array[] = [];
  let nCols = 0;
  for (const g of sel) {
    const c = new Int32Array(groups[g].nBins).fill(-1);
    for (let b = 0; b < groups[g].nBins; b++) if (b !== groups[g].reference) c[b] = nCols++;
    colOf.push(c);
  }
  const n = rows.length;
  const offsets = new Int32Array(n + 1);
  const idx = new Int32Array(n * sel.length);
  const y = new Uint8Array(n);
  let nnz = 0;
  for (let t = 0; t < n; t++) {
    const i = rows[t];
    y[t] = labels[i];
    for (let s = 0; s < sel.length; s++) {
      const c = colOf[s][groups[sel[s]].codes[i]];
      if (c >= 0) idx[nnz++] = c;
    }
    offsets[t + 1] = nnz;
  }
  return { design: { nRows: n, nCols, offsets, indices: idx.slice(0, nnz), labels: y }, colOf };
}

/** L2 logistic fit of the groups `sel` on `rows` (optionally warm-started). */
export function fitGroups(groups: readonly Group[], sel: readonly number[], rows: ArrayLike<number>, labels: ArrayLike<number>, C = 1, init?: GroupFit): GroupFit {
  const { design, colOf } = groupDesign(groups, sel, rows, labels);
  const start = init && {
    intercept: init.intercept,
    coef: (() => {
      const c = new Float64Array(design.nCols);
      init.coef.forEach((beta, s) => colOf[s]?.forEach((col, b) => col >= 0 && (c[col] = beta[b])));
      return c;
    })(),
  };
  const fit = fitLogistic(collapseRows(design), { C, tol: 1e-7, ...(start && { init: start }) });
  return { intercept: fit.intercept, coef: colOf.map((c) => Float64Array.from(c, (col) => (col >= 0 ? fit.coef[col] : 0))), objective: fit.objective };
}

/** Linear predictor of a group fit on `rows`. */
export function groupEta(groups: readonly Group[], sel: readonly number[], fit: GroupFit, rows: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(rows.length).fill(fit.intercept);
  sel.forEach((g, s) => {
    const codes = groups[g].codes;
    const beta = fit.coef[s];
    for (let t = 0; t < rows.length; t++) eta[t] += beta[codes[rows[t]]];
  });
  return eta;
}

function scoreStatistics(groups: readonly Group[], remaining: number[], eta: Float64Array, rows: ArrayLike<number>, labels: ArrayLike<number>, lambda: number): Float64Array {
  const out = new Float64Array(remaining.length);
  const p = Float64Array.from(eta, (e) => 1 / (1 + Math.exp(-e)));
  remaining.forEach((g, s) => {
    const { nBins, codes, reference } = groups[g];
    const grad = new Float64Array(nBins);
    const hess = new Float64Array(nBins);
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t];
      const b = codes[i];
      grad[b] += labels[i] - p[t];
      hess[b] += p[t] * (1 - p[t]);
    }
    let stat = 0;
    for (let b = 0; b < nBins; b++) if (b !== reference) stat += (grad[b] * grad[b]) / (hess[b] + lambda);
    out[s] = stat;
  });
  return out;
}

/** A stratified subsample of about `cap` of the rows (one of ⌈n/cap⌉ seeded folds). */
function capRows(rows: ArrayLike<number>, labels: ArrayLike<number>, cap: number, seed: number): Int32Array {
  const f = stratifiedFolds(rows, labels, Math.ceil(rows.length / cap), seed);
  const out: number[] = [];
  for (let t = 0; t < rows.length; t++) if (f[t] === 0) out.push(rows[t]);
  return Int32Array.from(out);
}

/** Stratified fold of each row (seeded): won and lost rows dealt round-robin after a shuffle. */
export function stratifiedFolds(rows: ArrayLike<number>, labels: ArrayLike<number>, folds: number, seed: number): Uint8Array {
  const rng = mulberry32(seed);
  const out = new Uint8Array(rows.length);
  for (const want of [1, 0]) {
    const pos: number[] = [];
    for (let t = 0; t < rows.length; t++) if (labels[rows[t]] === want) pos.push(t);
    for (let a = pos.length - 1; a > 0; a--) {
      const b = Math.floor(rng() * (a + 1));
      [pos[a], pos[b]] = [pos[b], pos[a]];
    }
    pos.forEach((t, k) => (out[t] = k % folds));
  }
  return out;
}

/**
 * The one-standard-error rule: the smallest k (1-based) whose mean is at
 * least max mean − the standard error at the max.
 * @example oneSeK([0.7, 0.78, 0.8, 0.801], [0.01, 0.01, 0.01, 0.01]) // => 3
 */
export function oneSeK(means: readonly number[], ses: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < means.length; k++) if (means[k] > means[best]) best = k;
  const bar = means[best] - ses[best];
  for (let k = 0; k <= best; k++) if (means[k] >= bar) return k + 1;
  return best + 1;
}

/**
 * Forward selection of up to maxK groups on the training rows, then the
 * cross-validated AUC of every prefix of the path and k by the 1-SE rule.
 */
export function forwardSelect(groups: readonly Group[], labels: ArrayLike<number>, trainRows: ArrayLike<number>, options: SelectOptions = {}): Selection {
  // (trainRows is reassigned to the path subsample below)
  const maxK = Math.min(options.maxK ?? 15, groups.length);
  const C = options.C ?? 1;
  const shortlist = options.shortlist ?? 2;
  const progress = options.onProgress ?? (() => {});
  const allTrain = trainRows;
  const pathCap = options.pathMaxRows ?? 200_000;
  if (trainRows.length > pathCap) trainRows = capRows(trainRows, labels, pathCap, (options.seed ?? 1) + 3);
  const order: number[] = [];
  const fits: GroupFit[] = [];
  let W = 0;
  for (let t = 0; t < trainRows.length; t++) W += labels[trainRows[t]];
  let current: GroupFit = { intercept: Math.log((W + 0.5) / (trainRows.length - W + 0.5)), coef: [], objective: Infinity };
  let eta: Float64Array = new Float64Array(trainRows.length).fill(current.intercept);
  const objectives: number[] = [];
  while (order.length < maxK) {
    const remaining = groups.map((_, g) => g).filter((g) => !order.includes(g) && groups[g].nBins > 1);
    if (!remaining.length) break;
    progress(`Selecting criterion ${order.length + 1} of at most ${maxK}…`, order.length / maxK);
    const stats = scoreStatistics(groups, remaining, eta, trainRows, labels, 1 / C);
    const ranked = remaining.map((g, s) => [g, stats[s]] as const).sort((a, b) => b[1] - a[1]).slice(0, shortlist);
    let best: { g: number; fit: GroupFit } | null = null;
    for (const [g] of ranked) {
      const init: GroupFit = { ...current, coef: [...current.coef, new Float64Array(groups[g].nBins)] };
      const fit = fitGroups(groups, [...order, g], trainRows, labels, C, init);
      if (!best || fit.objective < best.fit.objective) best = { g, fit };
    }
    if (!best) break;
    order.push(best.g);
    current = best.fit;
    fits.push(current);
    objectives.push(current.objective);
    eta = groupEta(groups, order, current, trainRows);
  }

  // cross-validated AUC of each prefix of the path
  const folds = options.folds ?? 5;
  const cap = options.cvMaxRows ?? 100_000;
  const cvRows: ArrayLike<number> = allTrain.length > cap ? capRows(allTrain, labels, cap, (options.seed ?? 1) + 7) : allTrain;
  const fold = stratifiedFolds(cvRows, labels, folds, options.seed ?? 1);
  const aucs: number[][] = order.map(() => []);
  for (let f = 0; f < folds; f++) {
    const fitRows: number[] = [];
    const outRows: number[] = [];
    for (let t = 0; t < cvRows.length; t++) (fold[t] === f ? outRows : fitRows).push(cvRows[t]);
    const yOut = Uint8Array.from(outRows, (i) => labels[i]);
    let prev: GroupFit | undefined;
    for (let k = 1; k <= order.length; k++) {
      progress(`Cross-validation: fold ${f + 1} of ${folds}, ${k} criteria…`, 0.5 + (0.5 * (f * order.length + k)) / (folds * order.length));
      const sel = order.slice(0, k);
      const init = prev && { ...prev, coef: [...prev.coef, new Float64Array(groups[order[k - 1]].nBins)] };
      const fit = fitGroups(groups, sel, fitRows, labels, C, init);
      aucs[k - 1].push(auc(groupEta(groups, sel, fit, outRows), yOut));
      prev = fit;
    }
  }
  const means = aucs.map((a) => a.reduce((s, x) => s + x, 0) / a.length);
  const ses = aucs.map((a, k) => Math.sqrt(a.reduce((s, x) => s + (x - means[k]) ** 2, 0) / Math.max(1, a.length - 1) / a.length));
  const path: PathStep[] = order.map((g, k) => ({ k: k + 1, group: groups[g].key, objective: objectives[k], cvAuc: means[k], cvSe: ses[k] }));
  const paired = pairedOneSeK(aucs);
  return { order, path, k: order.length ? ((options.rule ?? "paired") === "paired" ? paired : oneSeK(means, ses)) : 0, kUnpaired: order.length ? oneSeK(means, ses) : 0, fits };
}

/**
 * The one-standard-error rule on paired differences: the folds are shared by
 * every k, so the standard error of AUC_k − AUC_best over the folds (paired)
 * is used instead of the standard error of AUC_best alone; the smallest k with
 * mean(AUC_k − AUC_best) ≥ −SE(AUC_k − AUC_best).
 * @example pairedOneSeK([[0.70, 0.72], [0.80, 0.812], [0.801, 0.811]]) // => 2
 */
export function pairedOneSeK(aucs: readonly (readonly number[])[]): number {
  const m = aucs.map((a) => a.reduce((s, x) => s + x, 0) / a.length);
  let best = 0;
  for (let k = 1; k < m.length; k++) if (m[k] > m[best]) best = k;
  for (let k = 0; k <= best; k++) {
    const d = aucs[k].map((x, f) => x - aucs[best][f]);
    const md = d.reduce((s, x) => s + x, 0) / d.length;
    const se = Math.sqrt(d.reduce((s, x) => s + (x - md) ** 2, 0) / Math.max(1, d.length - 1) / d.length);
    if (md >= -se) return k + 1;
  }
  return best + 1;
}
