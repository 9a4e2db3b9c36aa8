/**
 * The input of a suggestion, read from the database once: per labelled lead
 * (won or lost; open leads are left out) its 0/1 indicators as CSR — the
 * current model's slots first, then the candidate criteria — its outcome,
 * creation time and current score. Plain arrays only, so the fitting can run
 * in a Web Worker (structured clone).
 *
 * Needs the tables of a recompute of `model` (scoring_dates, lead_features,
 * its score table) and lead_outcomes (lib/dataset).
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { readDataShape } from "../scoring/check-data.js";
import { unitsSql } from "../scoring/units.js";
import { readScored } from "../workbench/scored.js";
import { candidateCriteria, candidateModel, profileUnusedColumns, type CandidateColumn, type CandidateOptions } from "./candidates.js";
import { designColumns, type DesignColumn } from "./columns.js";

export interface SuggestData {
  model: Model;
  /** The candidate criteria as a model (null when the data has no unused column). */
  candidates: Model | null;
  candidateColumns: CandidateColumn[];
  /** Model slots, then candidate slots. */
  columns: DesignColumn[];
  /** Labelled leads, ordered by lead_id. */
  n: number;
  leadIds: string[];
  /** 1 won, 0 lost. */
  labels: Uint8Array;
  createdMs: Float64Array;
  /** The current model's score (caps included), as recomputed. */
  currentScore: Float64Array;
  /** CSR of the indicators: row i's columns are indices[offsets[i] .. offsets[i+1]), ascending. */
  offsets: Int32Array;
  indices: Int32Array;
  /** Mean unit of each converted count slot among the leads where it fires (1 for 0/1 slots). */
  meanUnit: Float64Array;
}

export interface ReadOptions extends CandidateOptions {
  /** Leads columns never to offer as candidates. */
  exclude?: readonly string[];
  /** Skip candidates altogether. */
  candidates?: boolean;
  /** Also offer the model's own columns as candidates (finer bands, every category). Default false. */
  includeUsedColumns?: boolean;
}

const OUTCOMES = { table: "lead_outcomes", column: "outcome" };

/**
 * Reads a SuggestData for `model` (which must have been recomputed).
 * Leads missing from the units query (no scoring date) are left out.
 */
export async function readSuggestData(db: Db, model: Model, options: ReadOptions = {}): Promise<SuggestData> {
  const scored = await readScored(db, model);
  const rowOf = new Map<string, number>();
  const keep: number[] = [];
  for (let i = 0; i < scored.n; i++) if (scored.outcome[i] >= 0) rowOf.set(scored.leadId[i], keep.push(i) - 1);

  const modelCols = designColumns(model, "model");
  let cand: Model | null = null;
  let candidateColumns: CandidateColumn[] = [];
  if (options.candidates !== false) {
    const shape = await readDataShape(db);
    const profiles = await profileUnusedColumns(db, model, shape.leadColumns, options.exclude, options.includeUsedColumns);
    const built = candidateCriteria(profiles, model.criteria.map((c) => c.id), options);
    candidateColumns = built.columns;
    cand = candidateModel(model, built.criteria, built.columns);
  }
  const candCols = cand ? designColumns(cand, "candidate") : [];
  const columns = [...modelCols, ...candCols];

  const n = keep.length;
  const rows: number[][] = Array.from({ length: n }, () => []);
  const unitSum = new Float64Array(columns.length);
  const unitN = new Float64Array(columns.length);
  const present = new Uint8Array(n);
  const addUnits = async (m: Model, cols: DesignColumn[], offset: number, mark: boolean) => {
    const c = await db.queryColumns(unitsSql(m));
    const ids = c.columns.lead_id as ArrayLike<unknown>;
    const units = cols.map((d) => c.columns[`u${d.slot}`] as ArrayLike<unknown>);
    for (let i = 0; i < c.numRows; i++) {
      const r = rowOf.get(String(ids[i]));
      if (r === undefined) continue;
      if (mark) present[r] = 1;
      for (let j = 0; j < cols.length; j++) {
        const u = Number(units[j][i]);
        if (u > 0) {
          rows[r].push(offset + j);
          unitSum[offset + j] += u;
          unitN[offset + j]++;
        }
      }
    }
  };
  await addUnits(model, modelCols, 0, true);
  if (cand) await addUnits(cand, candCols, modelCols.length, false);

  const kept: number[] = [];
  for (let r = 0; r < n; r++) if (present[r]) kept.push(r);
  const offsets = new Int32Array(kept.length + 1);
  for (let k = 0; k < kept.length; k++) offsets[k + 1] = offsets[k] + rows[kept[k]].length;
  const indices = new Int32Array(offsets[kept.length]);
  kept.forEach((r, k) => indices.set(rows[r], offsets[k]));
  const src = kept.map((r) => keep[r]);
  return {
    model,
    candidates: cand,
    candidateColumns,
    columns,
    n: kept.length,
    leadIds: src.map((i) => scored.leadId[i]),
    labels: Uint8Array.from(src, (i) => scored.outcome[i]),
    createdMs: Float64Array.from(src, (i) => scored.createdMs[i]),
    currentScore: Float64Array.from(src, (i) => scored.score[i]),
    offsets,
    indices,
    meanUnit: Float64Array.from(columns, (c, j) => (c.converted && unitN[j] > 0 ? unitSum[j] / unitN[j] : 1)),
  };
}
