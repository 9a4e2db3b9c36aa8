/**
 * fitLogistic's view of the data: which criteria are parameters (the layout
 * θ[0] = intercept, θ[pos[j]] = β_j), the CSR rows re-expressed in parameter
 * positions (cached per CSR arrays), and every stride-th row for the
 * large-data warm start.
 */
import type { BinomialRows } from "./design.js";

export interface ParameterLayout {
  /** parameter position per criterion (−1: excluded) */
  pos: Int32Array;
  /** the criteria fitted, in parameter order (θ[q] is criterion cols[q − 1]) */
  cols: number[];
  /** number of parameters (intercept + fitted criteria) */
  P: number;
}

/** The parameter layout of the criteria that `include` keeps (all without it). */
export function parameterLayout(nCols: number, include: ArrayLike<number | boolean> | undefined): ParameterLayout {
  const pos = new Int32Array(nCols).fill(-1);
  const cols: number[] = [];
  for (let j = 0; j < nCols; j++) {
    if (!include || include[j]) {
      pos[j] = cols.length + 1;
      cols.push(j);
    }
  }
  return { pos, cols, P: cols.length + 1 };
}

/** Every stride-th row (CSR copied), for the large-data warm start. */
export function subsampleRows(data: BinomialRows, stride: number): BinomialRows {
  const m = Math.ceil(data.nRows / stride);
  const offsets = new Int32Array(m + 1);
  const won = new Float64Array(m);
  const lost = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = i * stride;
    offsets[i + 1] = offsets[i] + data.offsets[r + 1] - data.offsets[r];
    won[i] = data.won[r];
    lost[i] = data.lost[r];
  }
  const indices = new Int32Array(offsets[m]);
  for (let i = 0; i < m; i++) {
    const r = i * stride;
    indices.set(data.indices.subarray(data.offsets[r], data.offsets[r + 1]), offsets[i]);
  }
  return { nRows: m, nCols: data.nCols, offsets, indices, won, lost };
}

export interface Positions {
  offsets: Int32Array;
  pos: Int32Array;
  rOff: Int32Array;
  rIdx: Int32Array;
  pairWork: number;
}
const positionsCache = new WeakMap<Int32Array, Positions>();

export function positions(offsets: Int32Array, indices: Int32Array, nRows: number, pos: Int32Array): Positions {
  const hit = positionsCache.get(indices);
  if (hit && hit.offsets === offsets && hit.rOff.length === nRows + 1 && hit.pos.length === pos.length && hit.pos.every((v, j) => v === pos[j])) return hit;
  const rOff = new Int32Array(nRows + 1);
  const rIdxAll = new Int32Array(indices.length);
  let pairWork = 0;
  for (let r = 0, t = 0; r < nRows; r++) {
    const start = t;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const q = pos[indices[k]];
      if (q > 0) rIdxAll[t++] = q;
    }
    rOff[r + 1] = t;
    pairWork += ((t - start) * (t - start - 1)) / 2;
  }
  const out = { offsets, pos: Int32Array.from(pos), rOff, rIdx: rIdxAll.subarray(0, rOff[nRows]), pairWork };
  positionsCache.set(indices, out);
  return out;
}
