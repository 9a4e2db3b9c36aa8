import type { BinomialRows, Design } from "./design.js";

/** Collapsed rows: distinct indicator vectors with won / lost totals. */
export interface CollapsedRows extends BinomialRows {
  /** rowOf[r] = collapsed row holding original row r */
  readonly rowOf: Int32Array;
  /** number of original rows merged into each collapsed row */
  readonly count: Int32Array;
}

/**
 * Merge leads with identical indicator vectors into one row carrying the
 * (weighted) won and lost totals (METHODS.md §3 "Weighted rows"). The weighted
 * fit on the result equals the fit on the original rows exactly.
 *
 * Convention: rows are hashed (32-bit multiplicative mix of the indices) into an
 * open-addressing table and every hash hit is confirmed by comparing the index
 * lists, so collisions never merge different vectors. Collapsed rows keep the
 * order of their first occurrence. Cost O(nnz) expected.
 *
 * @example collapseRows(designFromLists([[1], [1], []], [1, 0, 0], 2)).won // Float64Array [1, 0]
 */
export function collapseRows(design: Design): CollapsedRows {
  const { nRows, nCols, offsets, indices, labels, weights } = design;
  let cap = 16;
  while (cap < 2 * nRows) cap <<= 1;
  const mask = cap - 1;
  // slot s: table[2s] = collapsed row (−1 = free), table[2s + 1] = its full hash,
  // checked before the index lists (side by side: one cache line per probe)
  const table = new Int32Array(2 * cap).fill(-1);
  const firstRow = new Int32Array(nRows); // collapsed row → original row holding its vector
  const rowOf = new Int32Array(nRows);
  const wonAcc = new Float64Array(nRows);
  const lostAcc = new Float64Array(nRows);
  const countAcc = new Int32Array(nRows);
  let m = 0;
  for (let r = 0; r < nRows; r++) {
    const a = offsets[r];
    const b = offsets[r + 1];
    let h = 0x9e3779b9 ^ (b - a);
    for (let k = a; k < b; k++) {
      h = Math.imul(h ^ indices[k], 0x85ebca6b);
      h ^= h >>> 13;
    }
    h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & mask;
    let c = -1;
    for (;;) {
      const t = table[2 * slot];
      if (t < 0) break;
      if (table[2 * slot + 1] !== h) {
        slot = (slot + 1) & mask;
        continue;
      }
      const q = firstRow[t];
      const qa = offsets[q];
      if (offsets[q + 1] - qa === b - a) {
        let same = true;
        for (let k = 0; k < b - a; k++) {
          if (indices[qa + k] !== indices[a + k]) {
            same = false;
            break;
          }
        }
        if (same) {
          c = t;
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (c < 0) {
      c = m++;
      table[2 * slot] = c;
      table[2 * slot + 1] = h;
      firstRow[c] = r;
    }
    rowOf[r] = c;
    const w = weights ? weights[r] : 1;
    if (labels[r] === 1) wonAcc[c] += w;
    else lostAcc[c] += w;
    countAcc[c] += 1;
  }
  const cOffsets = new Int32Array(m + 1);
  for (let c = 0; c < m; c++) {
    const q = firstRow[c];
    cOffsets[c + 1] = cOffsets[c] + offsets[q + 1] - offsets[q];
  }
  const cIndices = new Int32Array(cOffsets[m]);
  for (let c = 0; c < m; c++) {
    const q = firstRow[c];
    // a plain loop: one subarray view per row costs more than the copy
    for (let k = offsets[q], e = offsets[q + 1], t = cOffsets[c]; k < e; k++, t++) cIndices[t] = indices[k];
  }
  return {
    nRows: m,
    nCols,
    offsets: cOffsets,
    indices: cIndices,
    won: wonAcc.slice(0, m),
    lost: lostAcc.slice(0, m),
    rowOf,
    count: countAcc.slice(0, m),
  };
}
