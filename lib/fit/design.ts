/**
 * Sparse design of 0/1 criterion indicators (METHODS.md §3 "Design").
 *
 * Each lead is a row; the row lists the indices of the criteria it meets, in
 * compressed sparse row (CSR) form: the active criteria of row r are
 * `indices[offsets[r] .. offsets[r + 1])`, strictly ascending. Nothing is ever
 * stored as a leads × criteria dense matrix.
 *
 * Two shapes share the same CSR part:
 * - `Design`: one row per lead, a 0/1 label (1 = won) and an optional weight;
 * - `BinomialRows`: one row per indicator vector with the (weighted) number of
 *   won and lost leads that carry it. This is what the fitting code consumes;
 *   `collapseRows` produces it with merged duplicates, `toBinomialRows` without.
 */

/** One row per lead (CSR indicators + label, optional weight). */
export interface Design {
  readonly nRows: number;
  readonly nCols: number;
  /** length nRows + 1, offsets[0] = 0, non-decreasing */
  readonly offsets: Int32Array;
  /** column indices, strictly ascending within a row, each in [0, nCols) */
  readonly indices: Int32Array;
  /** 1 = won, 0 = lost */
  readonly labels: Uint8Array;
  /** optional non-negative row weights (default 1) */
  readonly weights?: Float64Array;
}

/** Rows with won / lost totals (weights or counts) instead of a label. */
export interface BinomialRows {
  readonly nRows: number;
  readonly nCols: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  /** weighted number of won leads carrying this indicator vector */
  readonly won: Float64Array;
  /** weighted number of lost leads carrying this indicator vector */
  readonly lost: Float64Array;
}

function fail(fn: string, what: string, received: string, fix: string): never {
  throw new Error(`${fn}: ${what}; received ${received}. ${fix}`);
}

/**
 * Build a `Design` from one list of active criterion indices per lead.
 * Lists may be unsorted; duplicates inside a list are refused.
 *
 * @throws when lengths disagree, an index is outside [0, nCols), a list holds
 *   a duplicate, a label is not 0/1 or a weight is negative / not finite.
 * @example designFromLists([[2, 0], []], [1, 0], 3).indices // Int32Array [0, 2]
 */
export function designFromLists(
  rows: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  nCols: number,
  weights?: ArrayLike<number>,
): Design {
  const nRows = rows.length;
  const offsets = new Int32Array(nRows + 1);
  let nnz = 0;
  for (let r = 0; r < nRows; r++) {
    nnz += rows[r].length;
    offsets[r + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  for (let r = 0; r < nRows; r++) {
    const row = rows[r];
    const start = offsets[r];
    for (let k = 0; k < row.length; k++) indices[start + k] = row[k];
    indices.subarray(start, start + row.length).sort();
  }
  return designFromCsr(
    offsets,
    indices,
    Uint8Array.from(labels as ArrayLike<number>),
    nCols,
    weights ? Float64Array.from(weights as ArrayLike<number>) : undefined,
  );
}

/**
 * Wrap CSR arrays as a `Design` after checking them (arrays are not copied).
 *
 * @throws on any violation of the `Design` invariants, naming the first bad row.
 * @example designFromCsr(Int32Array.of(0, 1), Int32Array.of(0), Uint8Array.of(1), 1).nRows // 1
 */
export function designFromCsr(
  offsets: Int32Array,
  indices: Int32Array,
  labels: Uint8Array,
  nCols: number,
  weights?: Float64Array,
): Design {
  const fn = "designFromCsr";
  const nRows = labels.length;
  if (!Number.isInteger(nCols) || nCols < 0)
    fail(fn, "nCols must be a non-negative integer", String(nCols), "Pass the number of criteria.");
  if (offsets.length !== nRows + 1)
    fail(fn, "offsets must have one entry more than labels", `${offsets.length} offsets for ${nRows} labels`, "Append the final offset (total number of active indicators).");
  if (offsets[0] !== 0 || offsets[nRows] !== indices.length)
    fail(fn, "offsets must start at 0 and end at indices.length", `[${offsets[0]} … ${offsets[nRows]}] with ${indices.length} indices`, "Rebuild the offsets as running counts.");
  if (weights && weights.length !== nRows)
    fail(fn, "weights must have one entry per row", `${weights.length} weights for ${nRows} rows`, "Pass one weight per lead or none.");
  for (let r = 0; r < nRows; r++) {
    const a = offsets[r];
    const b = offsets[r + 1];
    if (b < a) fail(fn, "offsets must be non-decreasing", `offsets[${r + 1}] = ${b} < ${a}`, "Rebuild the offsets as running counts.");
    let prev = -1;
    for (let k = a; k < b; k++) {
      const j = indices[k];
      if (j <= prev || j >= nCols)
        fail(fn, "indices must be strictly ascending within a row and in [0, nCols)", `row ${r} has index ${j} after ${prev} (nCols = ${nCols})`, "Sort each row's indices and remove duplicates (designFromLists does the sorting).");
      prev = j;
    }
    if (labels[r] > 1) fail(fn, "labels must be 0 (lost) or 1 (won)", `labels[${r}] = ${labels[r]}`, "Drop open leads before fitting.");
    if (weights && !(weights[r] >= 0 && Number.isFinite(weights[r])))
      fail(fn, "weights must be finite and ≥ 0", `weights[${r}] = ${weights[r]}`, "Fix or drop the row.");
  }
  return { nRows, nCols, offsets, indices, labels, weights };
}

/**
 * The same rows as `BinomialRows` without merging: won = w·y, lost = w·(1 − y).
 * The CSR arrays are shared, not copied.
 *
 * @example toBinomialRows(designFromLists([[0]], [1], 1)).won // Float64Array [1]
 */
export function toBinomialRows(design: Design): BinomialRows {
  const { nRows, labels, weights } = design;
  const won = new Float64Array(nRows);
  const lost = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const w = weights ? weights[r] : 1;
    if (labels[r] === 1) won[r] = w;
    else lost[r] = w;
  }
  return { nRows, nCols: design.nCols, offsets: design.offsets, indices: design.indices, won, lost };
}

/**
 * Linear score of every row: Σ_j values[j] over the row's active criteria
 * (plus `base`). Used for η = Xβ and for integer scores alike.
 *
 * @example rowSums({ nRows: 1, offsets: Int32Array.of(0, 2), indices: Int32Array.of(0, 1) }, [3, 4]) // Float64Array [7]
 */
export function rowSums(
  rows: Pick<BinomialRows, "nRows" | "offsets" | "indices">,
  values: ArrayLike<number>,
  base = 0,
): Float64Array {
  const { nRows, offsets, indices } = rows;
  const out = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    let s = base;
    for (let k = offsets[r], e = offsets[r + 1]; k < e; k++) s += values[indices[k]];
    out[r] = s;
  }
  return out;
}
