import type { BinomialRows } from "./design.js";
import { fitScoreMap, type ScoreMap } from "./score-map.js";

export interface RefineOptions {
  /** scale multipliers to sweep, relative to the continuous points (default [1]) */
  readonly multipliers?: readonly number[];
  /** bound on |points| (default none) */
  readonly maxAbsPoints?: number;
  /** kept criteria keep |points| ≥ this (default 0) */
  readonly minAbsPoints?: number;
  /** run the ±1 coordinate search after the sweep (default true) */
  readonly localSearch?: boolean;
  /** cap on accepted ±1 moves (default 200) */
  readonly maxMoves?: number;
}

export interface RefinedPoints {
  /** integer points per criterion (0 for criteria not kept) */
  readonly points: Int32Array;
  /** multiplier chosen by the sweep */
  readonly multiplier: number;
  /** map on the points sum s = Σ points (no base): P(win) = σ(a + b·s) */
  readonly map: ScoreMap;
  /** summed weighted log loss of the refined table (nats) */
  readonly logLoss: number;
  /** summed weighted log loss of plain rounding, multiplier 1 */
  readonly roundedLogLoss: number;
  /** accepted ±1 moves */
  readonly moves: number;
}

const MARGIN = 32;

/**
 * Integer points from continuous ones (METHODS.md §3 "Integer refinement").
 *
 * (a) Star-ray sweep (FasterRisk): for each multiplier m, points = round(m·c_j)
 * (clamped to ±maxAbsPoints, lifted to ±minAbsPoints for kept criteria); the
 * score→probability map σ(a + b·s) is refitted and the table with the lowest
 * log loss wins. (b) ±1 coordinate local search (as in R riskscores): every
 * kept criterion is tried at points ± 1, the map refitted each time, and the
 * best improving move accepted until none improves.
 *
 * Every evaluation works on score histograms: the won / lost weight per integer
 * score overall (T) and among leads meeting each criterion (H_j). Moving
 * criterion j by δ gives T − H_j + shift(H_j, δ), so a candidate costs
 * O(score range) whatever the number of leads; an accepted move updates the
 * histograms from the leads meeting j only.
 *
 * @throws when `continuous` or `kept` do not have one entry per criterion.
 * @example refineIntegerPoints(rows, [28.3, -11.6], [1, 1]).points // e.g. Int32Array [28, -12]
 */
export function refineIntegerPoints(
  data: BinomialRows,
  continuous: ArrayLike<number>,
  kept: ArrayLike<number | boolean>,
  options: RefineOptions = {},
): RefinedPoints {
  const { nRows, nCols, offsets, indices, won, lost } = data;
  if (continuous.length !== nCols || kept.length !== nCols)
    throw new Error(`refineIntegerPoints: continuous points and kept flags need one entry per criterion; received ${continuous.length} and ${kept.length} for ${nCols}. Pass nCols values.`);
  const maxAbs = options.maxAbsPoints ?? Infinity;
  const minAbs = options.minAbsPoints ?? 0;
  const round = (m: number) => {
    const pts = new Int32Array(nCols);
    for (let j = 0; j < nCols; j++) {
      if (!kept[j]) continue;
      let v = Math.round(m * continuous[j]);
      if (Math.abs(v) > maxAbs) v = Math.sign(v) * Math.floor(maxAbs);
      if (Math.abs(v) < minAbs) v = (continuous[j] < 0 ? -1 : 1) * Math.ceil(minAbs);
      pts[j] = v;
    }
    return pts;
  };
  const rowScores = (pts: Int32Array) => {
    const s = new Int32Array(nRows);
    for (let r = 0; r < nRows; r++) {
      let v = 0;
      for (let k = offsets[r], e = offsets[r + 1]; k < e; k++) v += pts[indices[k]];
      s[r] = v;
    }
    return s;
  };
  const histogramFit = (score: Int32Array, warm?: ScoreMap) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < nRows; r++) {
      if (score[r] < lo) lo = score[r];
      if (score[r] > hi) hi = score[r];
    }
    const L = hi - lo + 1;
    const h1 = new Float64Array(L);
    const h0 = new Float64Array(L);
    const xs = new Float64Array(L);
    for (let i = 0; i < L; i++) xs[i] = lo + i;
    for (let r = 0; r < nRows; r++) {
      h1[score[r] - lo] += won[r];
      h0[score[r] - lo] += lost[r];
    }
    return fitScoreMap(xs, h1, h0, warm);
  };
  // CSC of the kept criteria (the leads meeting each one): the sweep updates
  // the row scores from the columns whose points change, the local search from
  // the column it moves
  const keptCols: number[] = [];
  const slot = new Int32Array(nCols).fill(-1);
  for (let j = 0; j < nCols; j++) if (kept[j]) slot[j] = keptCols.push(j) - 1;
  const q = keptCols.length;
  const colPtr = new Int32Array(q + 1);
  for (let k = 0; k < indices.length; k++) if (slot[indices[k]] >= 0) colPtr[slot[indices[k]] + 1]++;
  for (let c = 0; c < q; c++) colPtr[c + 1] += colPtr[c];
  const colRows = new Int32Array(colPtr[q]);
  const fillPos = colPtr.slice(0, q);
  for (let r = 0; r < nRows; r++)
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const c = slot[indices[k]];
      if (c >= 0) colRows[fillPos[c]++] = r;
    }

  // one histogram per multiplier, indexed from the lowest achievable score;
  // `score` holds every row's Σ pts
  const tableFit = (pts: Int32Array, score: Int32Array) => {
    let lo = 0;
    let hi = 0;
    for (let j = 0; j < nCols; j++) pts[j] < 0 ? (lo += pts[j]) : (hi += pts[j]);
    const L = hi - lo + 1;
    const h1 = new Float64Array(L);
    const h0 = new Float64Array(L);
    for (let r = 0; r < nRows; r++) {
      const v = score[r] - lo;
      h1[v] += won[r];
      h0[v] += lost[r];
    }
    let first = 0;
    let last = L - 1;
    while (first < last && h1[first] + h0[first] === 0) first++;
    while (last > first && h1[last] + h0[last] === 0) last--;
    const xs = new Float64Array(last - first + 1);
    for (let i = 0; i < xs.length; i++) xs[i] = lo + first + i;
    return fitScoreMap(xs, h1.subarray(first, last + 1), h0.subarray(first, last + 1));
  };

  const rounded = round(1);
  const sweepScore = rowScores(rounded);
  const roundedFit = tableFit(rounded, sweepScore);
  let best = { m: 1, pts: round(1), fit: roundedFit };
  let score = Int32Array.from(sweepScore); // scores of best.pts
  const at = Int32Array.from(rounded); // points behind sweepScore
  for (const m of options.multipliers ?? [1]) {
    if (m === 1) continue;
    const pts = round(m);
    for (let c = 0; c < q; c++) {
      const j = keptCols[c];
      const d = pts[j] - at[j];
      if (d === 0) continue;
      for (let t = colPtr[c], e = colPtr[c + 1]; t < e; t++) sweepScore[colRows[t]] += d;
      at[j] = pts[j];
    }
    const fit = tableFit(pts, sweepScore);
    if (fit.logLoss < best.fit.logLoss) {
      best = { m, pts, fit };
      score.set(sweepScore);
    }
  }
  const points = best.pts;
  let map: ScoreMap = best.fit;
  let loss = best.fit.logLoss;
  let moves = 0;

  if (options.localSearch ?? true) {
    let lo = 0;
    let L = 0;
    let T1 = new Float64Array(0);
    let T0 = T1;
    let H1 = T1;
    let H0 = T1;
    let xs = T1;
    const build = () => {
      let mn = Infinity;
      let mx = -Infinity;
      for (let r = 0; r < nRows; r++) {
        if (score[r] < mn) mn = score[r];
        if (score[r] > mx) mx = score[r];
      }
      lo = mn - MARGIN;
      L = mx - mn + 1 + 2 * MARGIN;
      T1 = new Float64Array(L);
      T0 = new Float64Array(L);
      H1 = new Float64Array(q * L);
      H0 = new Float64Array(q * L);
      xs = new Float64Array(L);
      for (let i = 0; i < L; i++) xs[i] = lo + i;
      for (let r = 0; r < nRows; r++) {
        const i = score[r] - lo;
        T1[i] += won[r];
        T0[i] += lost[r];
      }
      // column by column (rows ascending, so each bin sums in row order as before)
      for (let c = 0; c < q; c++) {
        const base = c * L - lo;
        for (let t = colPtr[c], e = colPtr[c + 1]; t < e; t++) {
          const r = colRows[t];
          H1[base + score[r]] += won[r];
          H0[base + score[r]] += lost[r];
        }
      }
    };
    build();
    const maxMoves = options.maxMoves ?? 200;
    while (moves < maxMoves) {
      let bestMove = { c: -1, d: 0, loss, map };
      const c1 = new Float64Array(L);
      const c0 = new Float64Array(L);
      for (let c = 0; c < q; c++) {
        const j = keptCols[c];
        for (const d of [-1, 1]) {
          const np = points[j] + d;
          if (Math.abs(np) > maxAbs || Math.abs(np) < minAbs) continue;
          const base = c * L;
          for (let i = 0; i < L; i++) {
            const src = i - d;
            const in1 = src >= 0 && src < L ? H1[base + src] : 0;
            const in0 = src >= 0 && src < L ? H0[base + src] : 0;
            c1[i] = T1[i] - H1[base + i] + in1;
            c0[i] = T0[i] - H0[base + i] + in0;
          }
          const fit = fitScoreMap(xs, c1, c0, map);
          if (fit.logLoss < bestMove.loss) bestMove = { c, d, loss: fit.logLoss, map: fit };
        }
      }
      if (bestMove.c < 0 || bestMove.loss > loss - 1e-10 * Math.max(1, loss)) break;
      const { c, d } = bestMove;
      points[keptCols[c]] += d;
      loss = bestMove.loss;
      map = bestMove.map;
      moves++;
      let rebuild = false;
      for (let t = colPtr[c]; t < colPtr[c + 1]; t++) {
        const r = colRows[t];
        const from = score[r] - lo;
        const to = from + d;
        score[r] += d;
        if (to < 1 || to >= L - 1) {
          rebuild = true;
          continue;
        }
        const w1 = won[r];
        const w0 = lost[r];
        T1[from] -= w1;
        T1[to] += w1;
        T0[from] -= w0;
        T0[to] += w0;
        for (let k = offsets[r]; k < offsets[r + 1]; k++) {
          const s = slot[indices[k]];
          if (s >= 0) {
            H1[s * L + from] -= w1;
            H1[s * L + to] += w1;
            H0[s * L + from] -= w0;
            H0[s * L + to] += w0;
          }
        }
      }
      if (rebuild) {
        score = rowScores(points);
        build();
      }
    }
  }
  const final = histogramFit(score, map);
  return { points, multiplier: best.m, map: { a: final.a, b: final.b }, logLoss: final.logLoss, roundedLogLoss: roundedFit.logLoss, moves };
}
