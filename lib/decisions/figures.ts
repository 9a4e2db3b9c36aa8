/**
 * The figures a review meeting saw, as the decision file records them
 * (`figures` of a decision: name → value, numbers rounded to 3 decimals).
 */
import type { CohortRow, PeriodBy, ReviewSummary } from "../monitoring/index.js";

const r3 = (x: number | null | undefined) => (x != null ? Number(x.toFixed(3)) : null);

/**
 * The Review page's figures for a new decision: the date, cohort grouping and
 * reference window, the AUC of the first and newest full cohort of `version`,
 * the newest period's score PSI and largest criterion PSI, and the number of
 * lost sales-ready leads. Keys keep this order (it is the file's order).
 * @example reviewFigures({ asOf: "2025-06-30", by: "quarter", reference: ["2024-01", "2024-12"], version: "starting v2", first: { period: "2024-Q1", auc: 0.7512 }, last: undefined, summary: s })["AUC starting v2 2024-Q1"] // 0.751
 */
export function reviewFigures(o: {
  asOf: string;
  by: PeriodBy;
  reference: readonly [string, string];
  version: string;
  first: Pick<CohortRow, "period" | "auc"> | undefined;
  last: Pick<CohortRow, "period" | "auc"> | undefined;
  summary: Pick<ReviewSummary, "latest" | "lostHighScorers">;
}): Record<string, string | number | null> {
  const { first, last, summary: s } = o;
  return {
    asOf: o.asOf, by: o.by, reference: o.reference.join(" … "),
    [`AUC ${o.version} ${first?.period ?? ""}`]: r3(first?.auc),
    [`AUC ${o.version} ${last?.period ?? ""}`]: r3(last?.auc),
    [`Score PSI ${s.latest.period}`]: r3(s.latest.scorePsi),
    "Largest criterion PSI, newest period": r3(s.latest.maxCriterionPsi),
    "Lost sales-ready leads": s.lostHighScorers?.indices.length ?? null,
  };
}
