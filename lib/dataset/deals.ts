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
 * Without a dealId column, deal_id is "deal-<n>" (n = record order).
 */
import type { Db } from "../db/types.js";
import { checkColumns } from "./leads.js";
import type { RawFile } from "./read.js";
import { fmt, show, type Example, type Problem } from "./report.js";
import type { DatasetDescription } from "./schema.js";
import { cleanText, inList, literal, parseNumber, parseTimestamp, timestampLiteral } from "./sql.js";
import { runStage, type Rule, type StageResult } from "./stage.js";

const at = (e: Example | undefined) => (e ? ` (first: data row ${e.row}, column ${JSON.stringify(e.column)}, value ${show(e.value)})` : "");

/** Creates `deals` from `raw` (needs `leads`); `asOf` is the explicit end date, if any. */
export async function buildDeals(db: Db, d: DatasetDescription, raw: RawFile, asOf: string | undefined): Promise<(StageResult & { ok: true }) | { ok: false; problems: Problem[] }> {
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
  if (!checkColumns("deals", raw.report.path, needed, raw.columns, problems)) return { ok: false, problems };

  const mv = d.missingValues;
  const leadId = cleanText(D.leadId, mv);
  const low = (xs: string[]) => xs.map((x) => x.trim().toLowerCase());
  const statusTxt = oc ? cleanText(oc.column, mv) : literal(constant);
  const status = oc
    ? `CASE WHEN ${inList(`lower(${statusTxt})`, low(oc.won))} THEN 'won' WHEN ${inList(`lower(${statusTxt})`, low(oc.lost))} THEN 'lost' WHEN ${inList(`lower(${statusTxt})`, low(oc.open))} THEN 'open' END`
    : literal(constant);
  const closeTxt = cleanText(D.closeDate, mv);
  const createdTxt = D.createdAt ? cleanText(D.createdAt, mv) : "NULL::VARCHAR";
  const amountTxt = D.amount ? cleanText(D.amount, mv) : "NULL::VARCHAR";
  const columns = [
    { name: "lead_id", expr: leadId },
    { name: "deal_id", expr: D.dealId ? cleanText(D.dealId, mv) : `'deal-' || (r.rowid + 1)` },
    { name: "_status_txt", expr: statusTxt },
    { name: "status", expr: status },
    { name: "_close_txt", expr: closeTxt },
    { name: "_closed", expr: parseTimestamp(closeTxt, d.dateFormats) },
    { name: "_created_txt", expr: createdTxt },
    { name: "_created", expr: D.createdAt ? parseTimestamp(createdTxt, d.dateFormats) : "NULL::TIMESTAMP" },
    { name: "_amount_txt", expr: amountTxt },
    { name: "amount", expr: D.amount ? parseNumber(amountTxt) : "NULL::DOUBLE" },
    { name: "_lead_known", expr: "l._l_id IS NOT NULL" },
    { name: "_lead_created", expr: "l._l_created" },
  ];
  const rules: Rule[] = [
    {
      code: "missing_lead_id", severity: "warning", cond: "lead_id IS NULL", column: D.leadId,
      message: (n, e) => `${fmt(n)} deal(s) have no lead id in column ${JSON.stringify(D.leadId)} and were excluded${at(e)}`,
    },
    {
      code: "deal_outcome_unknown", severity: "warning", cond: "status IS NULL", column: oc?.column ?? null,
      message: (n, e) => `${fmt(n)} deal(s) have an outcome that maps to none of won (${oc?.won.join(", ")}), lost (${oc?.lost.join(", ")}), open (${oc?.open.join(", ")}); they were excluded${at(e)}. Add the value to deals.outcome`,
    },
    {
      code: "bad_date", severity: "warning", cond: "_close_txt IS NOT NULL AND _closed IS NULL", column: D.closeDate,
      message: (n, e) => `${fmt(n)} deal(s) have a close date that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS], YYYY/MM/DD, or "dateFormats"`,
    },
  ];
  if (D.createdAt)
    rules.push({
      code: "bad_date", severity: "warning", cond: "_created_txt IS NOT NULL AND _created IS NULL", column: D.createdAt,
      message: (n, e) => `${fmt(n)} deal(s) have a creation date that is not a date and were excluded${at(e)}`,
    });
  if (asOf)
    rules.push({
      code: "deal_after_end", severity: "warning", cond: `_closed > ${timestampLiteral(asOf)}`, column: D.closeDate,
      message: (n, e) => `${fmt(n)} deal(s) closed after asOf ${asOf} and were excluded${at(e)}`,
    });
  rules.push({
    code: "unknown_lead", severity: "warning", cond: "NOT _lead_known", column: D.leadId,
    message: (n, e) => `${fmt(n)} deal(s) refer to a lead id that is not in the leads file (or whose lead row was excluded); they were excluded${at(e)}`,
  });
  const flags: Rule[] = [
    {
      code: "deal_before_lead", severity: "warning", cond: "_closed < _lead_created", column: D.closeDate,
      message: (n, e) => `${fmt(n)} deal(s) closed before their lead was created; kept as they are${at(e)}`,
    },
    {
      code: "missing_close_date", severity: "warning", cond: "status IN ('won', 'lost') AND _closed IS NULL", column: D.closeDate,
      message: (n, e) => `${fmt(n)} won or lost deal(s) have no close date; kept, with no decision date${at(e)}`,
    },
  ];
  if (D.amount)
    flags.push({
      code: "bad_number", severity: "warning", cond: "_amount_txt IS NOT NULL AND amount IS NULL", column: D.amount,
      message: (n, e) => `${fmt(n)} deal amount(s) are not numbers; they were treated as missing${at(e)}`,
    });
  columns.push(
    { name: "closed_at", expr: `CASE WHEN ${status} = 'open' THEN NULL ELSE ${parseTimestamp(closeTxt, d.dateFormats)} END` },
    { name: "created_at", expr: `COALESCE(${D.createdAt ? parseTimestamp(createdTxt, d.dateFormats) : "NULL::TIMESTAMP"}, ${parseTimestamp(closeTxt, d.dateFormats)}, l._l_created)` },
  );
  const result = await runStage(db, {
    raw, target: "deals", columns, rules, flags,
    joins: `LEFT JOIN (SELECT lead_id AS _l_id, created_at AS _l_created FROM leads) AS l ON l._l_id = ${leadId}`,
    keep: ["deal_id", "lead_id", "status", "amount", "created_at", "closed_at"],
    unique: D.dealId
      ? {
          key: "deal_id",
          rule: {
            code: "duplicate_deal_id", severity: "warning", cond: "", column: D.dealId,
            message: (n, e) => `${fmt(n)} deal row(s) repeat a deal id seen earlier; the first was kept${at(e)}`,
          },
        }
      : undefined,
  });
  return { ok: true, ...result, problems: [...problems, ...result.problems] };
}
