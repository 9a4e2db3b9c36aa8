/**
 * Builds the canonical `deals` table: deal_id, lead_id, status
 * ('won' | 'lost' | 'open'), amount, created_at, closed_at (NULL while open).
 *
 * Decisions: deals with no lead id, an outcome value that maps to none of
 * won / lost / open, an unreadable date, a close date after an explicit
 * asOf, or a lead id not in `leads` are excluded. A deal closed before its
 * lead was created is kept and reported (in Olist it is one won deal two days
 * early: a data-entry slip, not a reason to call the lead lost). A won/lost
 * deal without a close date is kept (decided_at unknown) and reported.
 * Without a dealId column, deal_id is "deal-<n>" (n = position among the
 * parsed records). Without a createdAt column, created_at is the close date,
 * else the lead's creation date.
 */
import type { Db } from "../db/types.js";
import { at, checkColumns } from "./leads.js";
import type { CsvSource } from "./read.js";
import { fmt, type Problem } from "./report.js";
import type { DatasetDescription } from "./schema.js";
import { dateChecks } from "./dates.js";
import {
  and, caseWhen, cast, cmp, coalesce, col, concat, eq, fn, inList, isNull, leftJoin, lit, not, render, scalar, select, as, table, typedLit, update,
  add, isNotNull, type Expr,
} from "../sql/index.js";
import { cleanText, inValues, isMissing, parseNumber, parseTimestamp, t, type StageColumn } from "./exprs.js";
import { runStage, type Rule, type StageResult } from "./stage.js";

export type BuildResult = (Omit<StageResult, "finish" | "locate"> & { ok: true }) | { ok: false; problems: Problem[] };

/** Creates `deals` from the CSV `source` (needs `leads`); `asOf` is the explicit end date, if any. */
export async function buildDeals(db: Db, d: DatasetDescription, source: CsvSource, asOf: string | undefined): Promise<BuildResult> {
  const D = d.deals!;
  const problems: Problem[] = [];
  const oc = "column" in D.outcome ? D.outcome : null;
  const constant = "constant" in D.outcome ? D.outcome.constant : "won";
  const needed = [
    { role: "deals.leadId", column: D.leadId },
    { role: "deals.closeDate", column: D.closeDate },
    ...(oc ? [{ role: "deals.outcome.column", column: oc.column }] : []),
    ...(D.dealId ? [{ role: "deals.dealId", column: D.dealId }] : []),
    ...(D.createdAt ? [{ role: "deals.createdAt", column: D.createdAt }] : []),
    ...(D.amount ? [{ role: "deals.amount", column: D.amount }] : []),
  ];
  if (!checkColumns("deals", source.report.path, needed, source.columns, problems)) return { ok: false, problems };

  const mv = d.missingValues;
  const low = (xs: string[]) => xs.map((x) => x.trim().toLowerCase());
  const statusTxt = oc ? fn("lower", cleanText(oc.column, mv)) : null;
  const status: Expr = oc && statusTxt
    ? caseWhen([
        { when: inValues(statusTxt, low(oc.won)), then: lit("won") },
        { when: inValues(statusTxt, low(oc.lost)), then: lit("lost") },
        { when: inValues(statusTxt, low(oc.open)), then: lit("open") },
      ])
    : lit(constant);
  const closed = parseTimestamp(cleanText(D.closeDate, mv), d.dateFormats);
  const created = D.createdAt ? parseTimestamp(cleanText(D.createdAt, mv), d.dateFormats) : cast(lit(null), "TIMESTAMP");
  const columns: StageColumn[] = [
    { name: "deal_id", expr: D.dealId ? cleanText(D.dealId, mv) : cast(lit(null), "VARCHAR") },
    { name: "lead_id", expr: cleanText(D.leadId, mv) },
    { name: "status", expr: status },
    { name: "amount", expr: D.amount ? parseNumber(cleanText(D.amount, mv)) : cast(lit(null), "DOUBLE") },
    { name: "created_at", expr: coalesce(created, closed) },
    { name: "closed_at", expr: caseWhen([{ when: eq(status, lit("open")), then: lit(null) }], closed) },
    { name: "_closed", expr: closed },
    { name: "_close_missing", expr: isMissing(col(D.closeDate), mv) },
    { name: "_created_bad", expr: D.createdAt ? and(not(isMissing(col(D.createdAt), mv)), isNull(created)) : lit(false) },
    { name: "_amount_bad", expr: D.amount ? and(not(isMissing(col(D.amount), mv)), isNull(parseNumber(cleanText(D.amount, mv)))) : lit(false) },
  ];
  const rules: Rule[] = [
    {
      code: "missing_lead_id", severity: "warning", cond: isNull(col("lead_id")), column: D.leadId,
      message: (n, e) => `${fmt(n)} deal(s) have no lead id in column ${JSON.stringify(D.leadId)} and were excluded${at(e)}`,
    },
    {
      code: "deal_outcome_unknown", severity: "warning", cond: isNull(col("status")), column: oc?.column ?? null,
      message: (n, e) => `${fmt(n)} deal(s) have an outcome that maps to none of won (${oc?.won.join(", ")}), lost (${oc?.lost.join(", ")}), open (${oc?.open.join(", ")}); they were excluded${at(e)}. Add the value to deals.outcome`,
    },
    {
      code: "bad_date", severity: "warning", cond: and(not(col("_close_missing")), isNull(col("_closed"))), column: D.closeDate,
      message: (n, e) => `${fmt(n)} deal(s) have a close date that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS], YYYY/MM/DD, or "dateFormats"`,
    },
    {
      code: "bad_date", severity: "warning", cond: col("_created_bad"), column: D.createdAt ?? null,
      message: (n, e) => `${fmt(n)} deal(s) have a creation date that is not a date and were excluded${at(e)}`,
    },
  ];
  if (asOf)
    rules.push({
      code: "deal_after_end", severity: "warning", cond: cmp(">", col("_closed"), typedLit("TIMESTAMP", asOf)), column: D.closeDate,
      message: (n, e) => `${fmt(n)} deal(s) closed after asOf ${asOf} and were excluded${at(e)}`,
    });
  const closeChecks = dateChecks({ file: "deals", target: "deals", column: D.closeDate, text: cleanText(D.closeDate, mv), parsed: "_closed", key: "closed", formats: d.dateFormats });
  columns.push(...closeChecks.columns);
  const stage = await runStage(db, ({
    source, target: "deals", columns, rules,
    keep: ["deal_id", "lead_id", "status", "amount", "created_at", "closed_at"],
    join: leftJoin(table("leads", "l"), eq(col("lead_id", "l"), t("lead_id"))),
    postRules: [{
      code: "unknown_lead", severity: "warning", cond: isNull(col("lead_id", "l")), column: D.leadId,
      message: (n, e) => `${fmt(n)} deal(s) refer to a lead id that is not in the leads file (or whose lead row was excluded); they were excluded${at(e)}`,
    }],
    flags: [
      ...closeChecks.flags,
      {
        code: "deal_before_lead", severity: "warning", cond: cmp("<", t("_closed"), col("created_at", "l")), column: D.closeDate,
        message: (n, e) => `${fmt(n)} deal(s) closed before their lead was created; kept as they are${at(e)}`,
      },
      {
        code: "missing_close_date", severity: "warning", cond: and(inList(t("status"), [lit("won"), lit("lost")]), isNull(t("_closed"))), column: D.closeDate,
        message: (n, e) => `${fmt(n)} won or lost deal(s) have no close date; kept, with no decision date${at(e)}`,
      },
      {
        code: "bad_number", severity: "warning", cond: t("_amount_bad"), column: D.amount ?? null,
        message: (n, e) => `${fmt(n)} deal amount(s) are not numbers; they were treated as missing${at(e)}`,
      },
    ],
    unique: D.dealId
      ? {
          key: "deal_id",
          rule: {
            code: "duplicate_deal_id", severity: "warning", cond: null, column: D.dealId,
            message: (n, e) => `${fmt(n)} deal row(s) repeat a deal id seen earlier; the first was kept and the repeats excluded${at(e)}`,
          },
        }
      : undefined,
  }));
  if (!D.dealId) await db.exec(render(update("deals", [{ column: "deal_id", value: concat(lit("deal-"), cast(add(col("rowid"), lit(1)), "VARCHAR")) }])));
  await stage.finish();
  const leadCreated = scalar(select({ columns: [as(col("created_at", "l"))], from: table("leads", "l"), where: eq(col("lead_id", "l"), col("lead_id", "deals")) }));
  await db.exec(render(update("deals", [{ column: "created_at", value: leadCreated }], isNull(col("created_at")))));
  return { ok: true, rowsRead: stage.rowsRead, rowsUsed: stage.rowsUsed, excluded: stage.excluded, problems: [...problems, ...stage.problems] };
}
