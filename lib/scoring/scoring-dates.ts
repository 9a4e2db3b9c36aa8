/**
 * The scoring date of each lead: the moment its score is computed "as of",
 * with no look-ahead (only activities at or before it count).
 */
import { LEAD_KEY, TABLES } from "../tables.js";
import {
  and, call, cast, cmp, coalesce, col, createTableAs, eq, inList, isNotNull, lit, select, subquery, table, add,
  type Statement,
} from "../sql/ast.js";

export const SCORING_DATES_TABLE = "scoring_dates";
export const DEFAULT_WINDOW_DAYS = 30;

/**
 * firstCloseOrWindow (default): the earlier of the lead's first won/lost deal
 *   close (deals.closed_at) and created_at + windowDays (default 30).
 * window: created_at + windowDays, ignoring deals.
 * asOf: one fixed timestamp for every lead created at or before it
 *   ("YYYY-MM-DD" = midnight, or "YYYY-MM-DD HH:MM:SS"); later leads are left out.
 */
export type ScoringDateRule =
  | { kind: "firstCloseOrWindow"; windowDays?: number }
  | { kind: "window"; windowDays?: number }
  | { kind: "asOf"; date: string };

const AS_OF = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

function windowDays(rule: { windowDays?: number }): number {
  const w = rule.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isInteger(w) || w <= 0) {
    throw new Error(`scoringDatesSql: windowDays must be a positive integer number of days; received ${JSON.stringify(w)}.`);
  }
  return w;
}

/**
 * CREATE OR REPLACE TABLE scoring_dates(lead_key INTEGER, lead_id VARCHAR, scoring_at TIMESTAMP),
 * over keyed leads (lib/canonical.ts keyTables).
 * `deals: false` says the deals table does not exist: firstCloseOrWindow then
 * equals window. Throws on a malformed asOf date or window.
 * @example render(scoringDatesSql({ kind: "window", windowDays: 7 }))
 * // => CREATE OR REPLACE TABLE "scoring_dates" AS SELECT "l"."lead_key" AS "lead_key", "l"."lead_id" AS "lead_id",
 * //    CAST(("l"."created_at" + to_days(7)) AS TIMESTAMP) AS "scoring_at" FROM "leads" AS "l"
 */
export function scoringDatesSql(rule: ScoringDateRule = { kind: "firstCloseOrWindow" }, options: { deals?: boolean } = {}): Statement {
  const leads = table(TABLES.leads, "l");
  const leadKey = { expr: col(LEAD_KEY, "l"), as: LEAD_KEY };
  const leadId = { expr: col("lead_id", "l"), as: "lead_id" };
  switch (rule.kind) {
    case "asOf": {
      if (!AS_OF.test(rule.date) || Number.isNaN(Date.parse(rule.date.slice(0, 10)))) {
        throw new Error(`scoringDatesSql: asOf date must be "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"; received ${JSON.stringify(rule.date)}.`);
      }
      const at = cast(lit(rule.date), "TIMESTAMP");
      return createTableAs(
        SCORING_DATES_TABLE,
        select({ columns: [leadKey, leadId, { expr: at, as: "scoring_at" }], from: leads, where: cmp("<=", col("created_at", "l"), at) }),
      );
    }
    case "window":
    case "firstCloseOrWindow": {
      const end = add(col("created_at", "l"), call("to_days", lit(windowDays(rule))));
      if (rule.kind === "window" || options.deals === false) {
        return createTableAs(SCORING_DATES_TABLE, select({ columns: [leadKey, leadId, { expr: cast(end, "TIMESTAMP"), as: "scoring_at" }], from: leads }));
      }
      const closes = select({
        columns: [
          { expr: col("lead_id"), as: "lead_id" },
          { expr: call("min", col("closed_at")), as: "first_close" },
        ],
        from: table(TABLES.deals),
        where: and(inList(col("status"), [lit("won"), lit("lost")]), isNotNull(col("closed_at"))),
        groupBy: [col("lead_id")],
      });
      const at = call("least", coalesce(col("first_close", "d"), end), end);
      return createTableAs(
        SCORING_DATES_TABLE,
        select({
          columns: [leadKey, leadId, { expr: cast(at, "TIMESTAMP"), as: "scoring_at" }],
          from: leads,
          joins: [{ type: "left", source: subquery(closes, "d"), on: eq(col("lead_id", "d"), col("lead_id", "l")) }],
        }),
      );
    }
  }
}
