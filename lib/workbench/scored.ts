/**
 * Reads a version's recomputed scores joined with each lead's outcome and
 * attributes, as typed columns, for the charts and metrics of the pages and
 * the CLI. Filters are built with the SQL builder: values are literals, never
 * pasted text.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { FEATURES_TABLE, LEAD_KEY } from "../scoring/features.js";
import { scoresTableName } from "../scoring/names.js";
import { and, cmp, col, eq, inList, lit, render, select, table, type Expr } from "../sql/index.js";
import { readVersionColumns } from "./lead-base.js";
import { epochMsExpr, outcomeCodeExpr } from "./outcome-exprs.js";

export interface ScoreFilter {
  /** Leads created on or after this date (YYYY-MM-DD). */
  from?: string;
  /** Leads created before this date (YYYY-MM-DD). */
  to?: string;
  /** Only leads whose column takes one of the values: {lead_source: ["Webinar"]}. */
  where?: Record<string, (string | number | boolean)[]>;
}

export { OUTCOME_CODE, outcomeCodeExpr, epochMsExpr } from "./outcome-exprs.js";

export interface ScoredLeads {
  n: number;
  leadId: string[];
  score: Float64Array;
  /** 1 won, 0 lost, −1 open. */
  outcome: Int8Array;
  /** Lead creation, epoch ms (UTC). */
  createdMs: Float64Array;
  /** Scoring date, epoch ms (UTC). */
  scoringMs: Float64Array;
  tier: string[];
}

function filterExpr(filter: ScoreFilter): Expr | null {
  const parts: Expr[] = [];
  if (filter.from) parts.push(cmp(">=", col("created_at", "l"), lit(`${filter.from} 00:00:00`)));
  if (filter.to) parts.push(cmp("<", col("created_at", "l"), lit(`${filter.to} 00:00:00`)));
  for (const [column, values] of Object.entries(filter.where ?? {})) {
    if (values.length) parts.push(inList(col(column, "l"), values.map((v) => lit(v))));
  }
  return parts.length ? and(...parts) : null;
}

/** The SQL of `readScored` (exported for tests). */
export function scoredSql(model: Model, filter: ScoreFilter = {}): string {
  return render(
    select({
      columns: [
        { expr: col("lead_id", "i"), as: "lead_id" },
        { expr: col("score", "s"), as: "score" },
        { expr: col("tier", "s"), as: "tier" },
        { expr: outcomeCodeExpr(col("outcome", "o")), as: "outcome" },
        { expr: epochMsExpr(col("created_at", "l")), as: "created_at" },
        { expr: epochMsExpr(col("scoring_at", "i")), as: "scoring_at" },
      ],
      from: table(scoresTableName(model), "s"),
      joins: [
        // lead_id and scoring_at come from the recompute's lead_features (the score table holds lead_key, score, tier)
        { type: "inner", source: table(FEATURES_TABLE, "i"), on: eq(col(LEAD_KEY, "i"), col(LEAD_KEY, "s")) },
        { type: "inner", source: table("lead_outcomes", "o"), on: eq(col("lead_id", "o"), col("lead_id", "i")) },
        { type: "inner", source: table("leads", "l"), on: eq(col(LEAD_KEY, "l"), col(LEAD_KEY, "s")) },
      ],
      where: filterExpr(filter),
      orderBy: [col("lead_id", "i")],
    }),
  );
}

/** Reads a version's scores with outcomes (run recompute first). */
export async function readScored(db: Db, model: Model, filter: ScoreFilter = {}): Promise<ScoredLeads> {
  const unfiltered = !filter.from && !filter.to && !Object.values(filter.where ?? {}).some((v) => v.length);
  if (unfiltered) {
    const shared = await readScoredShared(db, model);
    if (shared) return shared;
  }
  const c = await db.queryColumns(scoredSql(model, filter));
  const n = c.numRows;
  return {
    n,
    leadId: Array.from(c.columns.lead_id as ArrayLike<unknown>, String),
    score: c.columns.score as Float64Array,
    outcome: Int8Array.from(c.columns.outcome as ArrayLike<number>),
    createdMs: Float64Array.from(c.columns.created_at as ArrayLike<number>),
    scoringMs: Float64Array.from(c.columns.scoring_at as ArrayLike<number>),
    tier: Array.from(c.columns.tier as ArrayLike<unknown>, String),
  };
}

/**
 * readScored without a filter: the leads' shared columns (lead-base.ts, read
 * once) with the version's score and tier read from its score table alone.
 * Null when the score table's leads are not the shared ones.
 */
async function readScoredShared(db: Db, model: Model): Promise<ScoredLeads | null> {
  const name = scoresTableName(model);
  const v = await readVersionColumns(db, name, table(name, "s"));
  if (!v) return null;
  const { base } = v;
  return { n: base.n, leadId: base.leadId, score: v.score, outcome: base.outcome, createdMs: base.createdMs, scoringMs: base.scoringMs, tier: v.tier };
}

/**
 * Scores, 0/1 labels and the version's own tiers of the labelled (won or
 * lost) leads only: what the metrics take. `tiers` is the score table's
 * `tier` column (routed by grid cell when the version routes so): pass it to
 * evaluate / effectiveTierTable so every tier table counts the version's
 * effective tiers.
 */
export function labelled(s: ScoredLeads): { scores: Float64Array; labels: Uint8Array; index: Int32Array; tiers: string[] } {
  let k = 0;
  for (let i = 0; i < s.n; i++) if (s.outcome[i] >= 0) k++;
  const scores = new Float64Array(k);
  const labels = new Uint8Array(k);
  const index = new Int32Array(k);
  const tiers = new Array<string>(k);
  k = 0;
  for (let i = 0; i < s.n; i++) {
    if (s.outcome[i] < 0) continue;
    scores[k] = s.score[i];
    labels[k] = s.outcome[i];
    tiers[k] = s.tier[i];
    index[k++] = i;
  }
  return { scores, labels, index, tiers };
}
