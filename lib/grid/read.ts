/**
 * Reads a version's two sub-scores, total, tier, outcome and creation time
 * per lead (ordered by lead_id) from its score table, for the grid and the
 * comparison. Run recompute first.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { SUB_SCORE_COLUMNS } from "../scoring/compile.js";
import { FEATURES_TABLE, LEAD_KEY } from "../scoring/features.js";
import { scoresTableName } from "../scoring/names.js";
import { col, eq, render, select, table } from "../sql/index.js";
import { epochMsExpr, outcomeCodeExpr } from "../workbench/outcome-exprs.js";
import { readVersionColumns } from "../workbench/lead-base.js";

export interface SubScored {
  n: number;
  fit: Float64Array;
  engagement: Float64Array;
  score: Float64Array;
  tier: string[];
  /** 1 won, 0 lost, −1 open. */
  outcome: Int8Array;
  /** Lead creation, epoch ms UTC. */
  createdMs: Float64Array;
}

/** The SQL of readSubScored (exported for tests). */
export function subScoredSql(model: Model): string {
  const [FIT, ENG] = SUB_SCORE_COLUMNS;
  return render(
    select({
      columns: [
        { expr: col(FIT, "s"), as: FIT },
        { expr: col(ENG, "s"), as: ENG },
        { expr: col("score", "s"), as: "score" },
        { expr: col("tier", "s"), as: "tier" },
        { expr: outcomeCodeExpr(col("outcome", "o")), as: "outcome" },
        { expr: epochMsExpr(col("created_at", "l")), as: "created_at" },
      ],
      from: table(scoresTableName(model), "s"),
      joins: [
        { type: "inner", source: table(FEATURES_TABLE, "i"), on: eq(col(LEAD_KEY, "i"), col(LEAD_KEY, "s")) },
        { type: "inner", source: table("lead_outcomes", "o"), on: eq(col("lead_id", "o"), col("lead_id", "i")) },
        { type: "inner", source: table("leads", "l"), on: eq(col(LEAD_KEY, "l"), col(LEAD_KEY, "s")) },
      ],
      orderBy: [col("lead_id", "i")],
    }),
  );
}

const num = (c: unknown, n: number) => (c instanceof Float64Array ? c : Float64Array.from({ length: n }, (_, i) => Number((c as ArrayLike<unknown>)[i])));

/** Reads the sub-scores of a version with outcomes. */
export async function readSubScored(db: Db, model: Model): Promise<SubScored> {
  const shared = await readSubScoredShared(db, model);
  if (shared) return shared;
  const c = await db.queryColumns(subScoredSql(model));
  const n = c.numRows;
  return {
    n,
    fit: num(c.columns.fit_score, n),
    engagement: num(c.columns.engagement_score, n),
    score: num(c.columns.score, n),
    tier: Array.from(c.columns.tier as ArrayLike<unknown>, String),
    outcome: Int8Array.from(c.columns.outcome as ArrayLike<number>),
    createdMs: Float64Array.from(c.columns.created_at as ArrayLike<number>),
  };
}

/**
 * readSubScored from the leads' shared columns (lib/workbench/lead-base.ts,
 * read once) and the score table alone; null when the score table's leads
 * are not the shared ones.
 */
async function readSubScoredShared(db: Db, model: Model): Promise<SubScored | null> {
  const [FIT, ENG] = SUB_SCORE_COLUMNS;
  const name = scoresTableName(model);
  const v = await readVersionColumns(db, name, table(name, "s"), [FIT, ENG].map((n) => ({ expr: col(n, "s"), as: n })));
  if (!v) return null;
  return { n: v.base.n, fit: v.columns[FIT], engagement: v.columns[ENG], score: v.score, tier: v.tier, outcome: v.base.outcome, createdMs: v.base.createdMs };
}
