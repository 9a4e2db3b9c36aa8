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
import { unitsSelect } from "../scoring/units.js";
import { INPUT } from "../scoring/compile.js";
import { FEATURES_TABLE, LEAD_KEY } from "../scoring/features.js";
import { scoresTableName } from "../scoring/names.js";
import { col, eq, inList, lit, render, select, table } from "../sql/index.js";
import { TABLES } from "../tables.js";
import { epochMsExpr, outcomeCodeExpr } from "../workbench/scored.js";
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

  // One query: each labelled lead with a scoring date (the model's units need one), ordered by lead_id, with
  // its current score, outcome, creation time and the units of every slot (the model's u…, the candidates' c…).
  const c = await db.queryColumns(suggestDataSql(model, cand));
  const n = c.numRows;
  const units = [
    ...modelCols.map((d) => c.columns[`u${d.slot}`] as ArrayLike<unknown>),
    ...candCols.map((d) => c.columns[`c${d.slot}`] as ArrayLike<unknown>),
  ];
  const p = columns.length;
  const unitSum = new Float64Array(p);
  const unitN = new Float64Array(p);
  const offsets = new Int32Array(n + 1);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const u = Number(units[j][i]);
      if (u > 0) {
        indices.push(j);
        unitSum[j] += u;
        unitN[j]++;
      }
    }
    offsets[i + 1] = indices.length;
  }
  return {
    model,
    candidates: cand,
    candidateColumns,
    columns,
    n,
    leadIds: Array.from(c.columns.lead_id as ArrayLike<unknown>, String),
    labels: Uint8Array.from(c.columns.outcome as ArrayLike<number>),
    createdMs: Float64Array.from(c.columns.created_at as ArrayLike<number>),
    currentScore: Float64Array.from(c.columns.score as ArrayLike<number>),
    offsets,
    indices: Int32Array.from(indices),
    meanUnit: Float64Array.from(columns, (d, j) => (d.converted && unitN[j] > 0 ? unitSum[j] / unitN[j] : 1)),
  };
}

/**
 * The query behind readSuggestData: lead_features (the leads with a scoring
 * date) joined with the version's score table, lead_outcomes (won or lost
 * only) and leads; the model's unit slots as u<slot>, the candidate model's
 * as c<slot>; ordered by lead_id.
 */
export function suggestDataSql(model: Model, candidates: Model | null): string {
  const m = unitsSelect(model, { ids: false, ordered: false });
  const k = candidates ? unitsSelect(candidates, { ids: false, ordered: false }) : null;
  const outcome = col(OUTCOMES.column, "o");
  return render(select({
    columns: [
      { expr: col("lead_id", INPUT), as: "lead_id" },
      { expr: col("score", "s"), as: "score" },
      { expr: outcomeCodeExpr(outcome), as: "outcome" },
      { expr: epochMsExpr(col("created_at", "l")), as: "created_at" },
      ...m.columns,
      ...(k ? k.columns.map((x) => ({ ...x, as: `c${String(x.as).replace(/^u/, "")}` })) : []),
    ],
    from: table(FEATURES_TABLE, INPUT),
    joins: [
      { type: "inner", source: table(scoresTableName(model), "s"), on: eq(col(LEAD_KEY, "s"), col(LEAD_KEY, INPUT)) },
      { type: "inner", source: table(OUTCOMES.table, "o"), on: eq(col("lead_id", "o"), col("lead_id", INPUT)) },
      { type: "inner", source: table(TABLES.leads, "l"), on: eq(col(LEAD_KEY, "l"), col(LEAD_KEY, INPUT)) },
    ],
    where: inList(outcome, [lit("won"), lit("lost")]),
    orderBy: [col("lead_id", INPUT)],
  }));
}
