/**
 * Builds the canonical `activities` table: lead_id, activity_type,
 * occurred_at. Rows without a lead id, type or readable timestamp, rows
 * after an explicit asOf (the data's end date) and rows for leads not in
 * `leads` are excluded.
 */
import type { Db } from "../db/types.js";
import type { BuildResult } from "./deals.js";
import { at, checkColumns } from "./leads.js";
import type { CsvSource } from "./read.js";
import { fmt, type Problem } from "./report.js";
import type { DatasetDescription } from "./schema.js";
import { dateChecks } from "./dates.js";
import { caseWhen, cmp, col, eq, isNull, leftJoin, lit, table, typedLit } from "../sql/index.js";
import { cleanText, isMissing, parseTimestamp, t } from "./exprs.js";
import { runStage, type Rule } from "./stage.js";

/** Creates `activities` from the CSV `source` (needs `leads`); `asOf` is the explicit end date, if any. */
export async function buildActivities(db: Db, d: DatasetDescription, source: CsvSource, asOf: string | undefined): Promise<BuildResult> {
  const A = d.activities!;
  const problems: Problem[] = [];
  const needed = [
    { role: "activities.leadId", column: A.leadId },
    { role: "activities.type", column: A.type },
    { role: "activities.timestamp", column: A.timestamp },
  ];
  if (!checkColumns("activities", source.report.path, needed, source.columns, problems)) return { ok: false, problems };
  const mv = d.missingValues;
  const typeTxt = cleanText(A.type, mv);
  const map = Object.entries(A.types ?? {});
  const type = map.length ? caseWhen(map.map(([from, to]) => ({ when: eq(typeTxt, lit(from)), then: lit(to) })), typeTxt) : typeTxt;
  const rules: Rule[] = [
    {
      code: "missing_lead_id", severity: "warning", cond: isNull(col("lead_id")), column: A.leadId,
      message: (n, e) => `${fmt(n)} activities have no lead id and were excluded${at(e)}`,
    },
    {
      code: "missing_activity_type", severity: "warning", cond: isNull(col("activity_type")), column: A.type,
      message: (n, e) => `${fmt(n)} activities have no type and were excluded${at(e)}`,
    },
    {
      code: "missing_date", severity: "warning", cond: col("_ts_missing"), column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities have no timestamp and were excluded${at(e)}`,
    },
    {
      code: "bad_date", severity: "warning", cond: isNull(col("occurred_at")), column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities have a timestamp that is not a date and were excluded${at(e)}; accepted: YYYY-MM-DD[ HH:MM:SS], YYYY/MM/DD, or "dateFormats"`,
    },
  ];
  if (asOf)
    rules.push({
      code: "activity_after_end", severity: "warning", cond: cmp(">", col("occurred_at"), typedLit("TIMESTAMP", asOf)), column: A.timestamp,
      message: (n, e) => `${fmt(n)} activities happened after the data's end date (asOf ${asOf}) and were excluded${at(e)}`,
    });
  const tsChecks = dateChecks({ file: "activities", target: "activities", column: A.timestamp, text: cleanText(A.timestamp, mv), parsed: "occurred_at", key: "ts", formats: d.dateFormats });
  const stage = await runStage(db, ({
    source, target: "activities", rules, flags: tsChecks.flags,
    columns: [
      ...tsChecks.columns,
      { name: "lead_id", expr: cleanText(A.leadId, mv) },
      { name: "activity_type", expr: type },
      { name: "occurred_at", expr: parseTimestamp(cleanText(A.timestamp, mv), d.dateFormats) },
      { name: "_ts_missing", expr: isMissing(col(A.timestamp), mv) },
    ],
    keep: ["lead_id", "activity_type", "occurred_at"],
    join: leftJoin(table("leads", "l"), eq(col("lead_id", "l"), t("lead_id"))),
    postRules: [{
      code: "unknown_lead", severity: "warning", cond: isNull(col("lead_id", "l")), column: A.leadId,
      message: (n, e) => `${fmt(n)} activities refer to a lead id that is not in the leads file (or whose lead row was excluded); they were excluded${at(e)}`,
    }],
  }));
  await stage.finish();
  return { ok: true, rowsRead: stage.rowsRead, rowsUsed: stage.rowsUsed, excluded: stage.excluded, problems: [...problems, ...stage.problems] };
}
