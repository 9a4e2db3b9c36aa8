/**
 * The outcome of each lead (METHODS.md §1) as the table
 * lead_outcomes(lead_id, outcome, rule, decided_at), written once when the
 * data is loaded. (It was a view: then every query joining it, on every
 * page, applied the rules again over leads and deals, 0.2–0.6 s a query at
 * 1,000,000 leads; writing the table costs about 0.7 s once.)
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
import {
  addInterval, as, caseWhen, cast, cmp, col, count, createTable, cte, eq, filterAgg, agg, leftJoin, lit, not, render, select, subquery, table, typedLit,
  withCtes, type Expr, type Statement,
} from "../sql/index.js";
import { dropLeadBase } from "../workbench/lead-base.js";

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
 * The statement creating the table lead_outcomes from the canonical tables.
 * `asOf` is "YYYY-MM-DD[ HH:MM:SS]" (the report's asOf).
 */
export function outcomeTable(d: DatasetDescription, asOf: string): Statement {
  if (outcomeSource(d) === "label") {
    const label = col("label");
    const byLabel = (pos: string, neg: string, missing: string) => caseWhen([{ when: label, then: lit(pos) }, { when: not(label), then: lit(neg) }], lit(missing));
    return createTable("lead_outcomes", select({
      columns: [
        as(col("lead_id"), "lead_id"),
        as(byLabel("won", "lost", "open"), "outcome"),
        as(byLabel("label_positive", "label_negative", "label_missing"), "rule"),
        as(cast(lit(null), "TIMESTAMP"), "decided_at"),
      ],
      from: table("leads"),
    }));
  }
  const status = (s: string) => eq(col("status"), lit(s));
  const perLead = select({
    columns: [
      as(col("lead_id"), "lead_id"), as(count(), "n"),
      as(count(null, { filter: status("won") }), "won"),
      as(count(null, { filter: status("lost") }), "lost"),
      as(filterAgg(agg("min", [col("closed_at")]), status("won")), "won_at"),
      as(filterAgg(agg("max", [col("closed_at")]), status("lost")), "lost_at"),
    ],
    from: table("deals"),
    groupBy: [col("lead_id")],
  });
  const dc = (c: string) => col(c, "d");
  const matured = addInterval(col("created_at", "l"), d.maturityDays, "DAY");
  const isMatured = cmp("<=", matured, typedLit("TIMESTAMP", asOf));
  const won = cmp(">", dc("won"), lit(0));
  const allLost = eq(dc("lost"), dc("n"));
  const hasDeal = cmp(">", dc("n"), lit(0));
  const rules = (a: Expr, b: Expr, c: Expr, e: Expr, otherwise: Expr | null) =>
    caseWhen([{ when: won, then: a }, { when: allLost, then: b }, { when: hasDeal, then: c }, { when: isMatured, then: e }], otherwise);
  return createTable("lead_outcomes", withCtes([cte("d", perLead)], select({
    columns: [
      as(col("lead_id", "l"), "lead_id"),
      as(rules(lit("won"), lit("lost"), lit("open"), lit("lost"), lit("open")), "outcome"),
      as(rules(lit("won_deal"), lit("all_deals_lost"), lit("open_deal"), lit("no_deal_matured"), lit("no_deal_immature")), "rule"),
      as(rules(dc("won_at"), dc("lost_at"), lit(null), matured, null), "decided_at"),
    ],
    from: table("leads", "l"),
    joins: [leftJoin(table("d"), eq(dc("lead_id"), col("lead_id", "l")))],
  })));
}

/**
 * SQL creating the table lead_outcomes (rendered outcomeTable).
 * Example: outcomeSql(d, "2018-11-14 00:00:00") → "CREATE OR REPLACE TABLE \"lead_outcomes\" AS ..."
 */
export function outcomeSql(d: DatasetDescription, asOf: string): string {
  return render(outcomeTable(d, asOf));
}

/** Creates lead_outcomes and counts leads per outcome and rule. */
export async function createOutcomes(db: Db, d: DatasetDescription, asOf: string): Promise<OutcomeCounts> {
  await dropLeadBase(db); // the outcomes every reader shares change
  await db.exec(outcomeSql(d, asOf));
  const rows = await db.query<{ rule: OutcomeRule; outcome: "won" | "lost" | "open"; n: number }>(
    render(select({
      columns: [as(col("rule"), "rule"), as(col("outcome"), "outcome"), as(count(), "n")],
      from: table("lead_outcomes"), groupBy: [col("rule"), col("outcome")], orderBy: [col("rule")],
    })),
  );
  const counts: OutcomeCounts = { source: outcomeSource(d), won: 0, lost: 0, open: 0, byRule: [] };
  for (const r of rows) {
    counts[r.outcome] += Number(r.n);
    counts.byRule.push({ rule: r.rule, outcome: r.outcome, count: Number(r.n) });
  }
  return counts;
}
