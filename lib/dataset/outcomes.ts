/**
 * The outcome of each lead (METHODS.md §1) as the view
 * lead_outcomes(lead_id, outcome, rule, decided_at).
 *
 * From deals (rules, first match wins):
 *   won_deal          at least one won deal; decided_at = first won close date
 *   all_deals_lost    has deals and every one is lost; decided_at = last close date
 *   open_deal         has a deal that is still open
 *   no_deal_matured   no deal and created_at + maturityDays ≤ asOf → lost; decided_at = created_at + maturity
 *   no_deal_immature  no deal, younger than the maturity window → open
 * From a label column:
 *   label_positive → won, label_negative → lost, label_missing → open (decided_at NULL).
 * asOf is passed in as a TIMESTAMP literal, never read from the SQL clock (PLATFORM.md).
 */
import type { Db } from "../db/types.js";
import type { OutcomeCounts } from "./report.js";
import type { DatasetDescription } from "./schema.js";
import { num, timestampLiteral } from "./sql.js";

export const OUTCOME_RULES = {
  won_deal: "won",
  all_deals_lost: "lost",
  open_deal: "open",
  no_deal_matured: "lost",
  no_deal_immature: "open",
  label_positive: "won",
  label_negative: "lost",
  label_missing: "open",
} as const;
export type OutcomeRule = keyof typeof OUTCOME_RULES;

/** Where outcomes come from: the description's `outcomeFrom`, else deals when mapped, else the label. */
export function outcomeSource(d: DatasetDescription): "deals" | "label" {
  return d.outcomeFrom ?? (d.deals ? "deals" : "label");
}

/**
 * SQL creating the view lead_outcomes over the canonical tables.
 * `asOf` is "YYYY-MM-DD[ HH:MM:SS]" (the report's asOf).
 * Example: outcomeSql(d, "2018-11-14 00:00:00") → "CREATE OR REPLACE VIEW lead_outcomes AS ..."
 */
export function outcomeSql(d: DatasetDescription, asOf: string): string {
  if (outcomeSource(d) === "label")
    return `CREATE OR REPLACE VIEW lead_outcomes AS
SELECT lead_id,
  CASE WHEN label THEN 'won' WHEN NOT label THEN 'lost' ELSE 'open' END AS outcome,
  CASE WHEN label THEN 'label_positive' WHEN NOT label THEN 'label_negative' ELSE 'label_missing' END AS rule,
  NULL::TIMESTAMP AS decided_at
FROM leads`;
  const matured = `l.created_at + INTERVAL ${num(d.maturityDays)} DAY`;
  return `CREATE OR REPLACE VIEW lead_outcomes AS
WITH d AS (
  SELECT lead_id, count(*) AS n,
    count(*) FILTER (WHERE status = 'won') AS won,
    count(*) FILTER (WHERE status = 'lost') AS lost,
    min(closed_at) FILTER (WHERE status = 'won') AS won_at,
    max(closed_at) FILTER (WHERE status = 'lost') AS lost_at
  FROM deals GROUP BY lead_id)
SELECT l.lead_id,
  CASE WHEN d.won > 0 THEN 'won' WHEN d.lost = d.n THEN 'lost' WHEN d.n > 0 THEN 'open'
       WHEN ${matured} <= ${timestampLiteral(asOf)} THEN 'lost' ELSE 'open' END AS outcome,
  CASE WHEN d.won > 0 THEN 'won_deal' WHEN d.lost = d.n THEN 'all_deals_lost' WHEN d.n > 0 THEN 'open_deal'
       WHEN ${matured} <= ${timestampLiteral(asOf)} THEN 'no_deal_matured' ELSE 'no_deal_immature' END AS rule,
  CASE WHEN d.won > 0 THEN d.won_at WHEN d.lost = d.n THEN d.lost_at WHEN d.n > 0 THEN NULL
       WHEN ${matured} <= ${timestampLiteral(asOf)} THEN ${matured} END AS decided_at
FROM leads AS l LEFT JOIN d ON d.lead_id = l.lead_id`;
}

/** Creates lead_outcomes and counts leads per outcome and rule. */
export async function createOutcomes(db: Db, d: DatasetDescription, asOf: string): Promise<OutcomeCounts> {
  await db.exec(outcomeSql(d, asOf));
  const rows = await db.query<{ rule: OutcomeRule; outcome: "won" | "lost" | "open"; n: number }>(
    `SELECT rule, outcome, count(*) AS n FROM lead_outcomes GROUP BY rule, outcome ORDER BY rule`,
  );
  const counts: OutcomeCounts = { source: outcomeSource(d), won: 0, lost: 0, open: 0, byRule: [] };
  for (const r of rows) {
    counts[r.outcome] += Number(r.n);
    counts.byRule.push({ rule: r.rule, outcome: r.outcome, count: Number(r.n) });
  }
  return counts;
}
