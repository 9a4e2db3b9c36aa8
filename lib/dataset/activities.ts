/**
 * Builds the canonical `activities` table: lead_id, activity_type,
 * occurred_at. Rows without a lead id, type or readable timestamp, rows
 * after an explicit asOf (the data's end date) and rows for leads not in
 * `leads` are excluded.
 */
import type { Db } from "../db/types.js";
import { checkColumns } from "./leads.js";
import type { RawFile } from "./read.js";
import { fmt, show, type Example, type Problem } from "./report.js";
import type { DatasetDescription } from "./schema.js";
import { cleanText, literal, parseTimestamp, timestampLiteral } from "./sql.js";
import { runStage, type Rule, type StageResult } from "./stage.js";

const at = (e: Example | undefined) => (e ? ` (first: data row ${e.row}, column ${JSON.stringify(e.column)}, value ${show(e.value)})` : "");

/** Creates `activities` from `raw` (needs `leads`); `asOf` is the explicit end date, if any. */
export async function buildActivities(db: Db, d: DatasetDescription, raw: RawFile, asOf: string | undefined): Promise<(StageResult & { ok: true }) | { ok: false; problems: Problem[] }> {
  const A = d.activities!;
  const problems: Problem[] = [];
  const needed = [
    { role: "activities.leadId", column: A.leadId },
    { role: "activities.type", column: A.type },
    { role: "activities.timestamp", column: A.timestamp },
  ];
  if (!checkColumns("activities", raw.report.path, needed, raw.columns, problems)) return { ok: false, problems };
  const mv = d.missingValues;
  const leadId = cleanText(A.leadId, mv);
  const typeTxt = cleanText(A.type, mv);
  const map = Object.entries(A.types ?? {});
  const type = map.length ? `CASE ${typeTxt} ${map.map(([f, t]) => `WHEN ${literal(f)} THEN ${literal(t)}`).join(" ")} ELSE ${typeTxt} END` : typeTxt;
  const tsTxt = cleanText(A.timestamp, mv);
  const rules: Rule[] = [
    {
      code: "missing_lead_id", severity: "warning", cond: "lead_id IS NULL", column: A.leadId,
      message: (n, e) => `${fmt(n)} activities have no lead id and were excluded${at(e)}`,
    },
    {
      code: "missing_activity_type", severity: "warning", cond: "activity_type IS NULL", column: A.type,
      message: (n, e) => `${fmt(n)} activities have no type and were excluded${at(e)}`,
    },
    {
      code: "missing_date", severity: "warning", cond: "_ts_txt IS NULL", column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities have no timestamp and were excluded${at(e)}`,
    },
    {
      code: "bad_date", severity: "warning", cond: "occurred_at IS NULL", column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities have a timestamp that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS], YYYY/MM/DD, or "dateFormats"`,
    },
  ];
  if (asOf)
    rules.push({
      code: "activity_after_end", severity: "warning", cond: `occurred_at > ${timestampLiteral(asOf)}`, column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities happened after the data's end date (asOf ${asOf}) and were excluded${at(e)}`,
    });
  rules.push({
    code: "unknown_lead", severity: "warning", cond: "NOT _lead_known", column: A.leadId,
    message: (n, e) => `${fmt(n)} activities refer to a lead id that is not in the leads file (or whose lead row was excluded); they were excluded${at(e)}`,
  });
  const result = await runStage(db, {
    raw, target: "activities", rules, flags: [],
    columns: [
      { name: "lead_id", expr: leadId },
      { name: "activity_type", expr: type },
      { name: "_ts_txt", expr: tsTxt },
      { name: "occurred_at", expr: parseTimestamp(tsTxt, d.dateFormats) },
      { name: "_lead_known", expr: "l._l_id IS NOT NULL" },
    ],
    joins: `LEFT JOIN (SELECT lead_id AS _l_id FROM leads) AS l ON l._l_id = ${leadId}`,
    keep: ["lead_id", "activity_type", "occurred_at"],
  });
  return { ok: true, ...result, problems: [...problems, ...result.problems] };
}
