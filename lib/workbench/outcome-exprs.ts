/**
 * The per-lead expressions every reader shares: an outcome as a small
 * integer code and an instant as epoch milliseconds.
 */
import { call, caseWhen, cast, eq, lit, type Expr } from "../sql/index.js";

/** Outcome codes in the `outcome` column of ScoredLeads. */
export const OUTCOME_CODE = { won: 1, lost: 0, open: -1 } as const;

/**
 * An outcome column ("won" / "lost" / "open") as its code, 1 / 0 / −1 (TINYINT):
 * it reaches JavaScript as one Int8Array instead of a string per lead.
 */
export const outcomeCodeExpr = (outcome: Expr): Expr =>
  cast(caseWhen([{ when: eq(outcome, lit("won")), then: lit(OUTCOME_CODE.won) }, { when: eq(outcome, lit("lost")), then: lit(OUTCOME_CODE.lost) }], lit(OUTCOME_CODE.open)), "TINYINT");

/** A TIMESTAMP column (UTC) as epoch milliseconds (DOUBLE, NULL stays NULL → NaN): no text form to format and parse again. */
export const epochMsExpr = (ts: Expr): Expr => cast(call("epoch_ms", ts), "DOUBLE");
