/**
 * Checks on a date column while staging, shared by leads, deals and
 * activities: values with a UTC offset mixed with values without one, values
 * the declared formats read as different dates, and dates far from the bulk
 * of the data. Each is a warning on kept rows (the rows are not excluded),
 * with the first examples (data row, line, column, value as written).
 */
import { EARLIEST_PLAUSIBLE, OUTLIER_DAYS_AFTER_P99 } from "./limits.js";
import { fmt, show, type Example } from "./report.js";
import {
  addInterval, agg, and, as, caseWhen, cmp, col, isNotNull, isNull, lit, not, or, scalar, select, table, typedLit, type Expr,
} from "../sql/index.js";
import { ambiguousDate, hasOffset, t, type StageColumn } from "./exprs.js";
import type { Rule } from "./stage.js";

const at = (e: Example | undefined) => (e ? ` (first: data row ${e.row}, line ${e.line}, value ${show(e.value)})` : "");

/**
 * Helper columns and warnings for the date column `column` of `target`:
 * `text` is the cleaned text (NULL when missing), `parsed` the name of the
 * staged TIMESTAMP column, `key` a short unique suffix for the helper names.
 */
export function dateChecks(spec: {
  file: string; target: string; column: string; text: Expr; parsed: string; key: string; formats: readonly string[];
}): { columns: StageColumn[]; flags: Rule[] } {
  const { file, target, column, text, parsed, key, formats } = spec;
  const tz = `_tz_${key}`;
  const amb = `_amb_${key}`;
  const columns: StageColumn[] = [{ name: tz, expr: caseWhen([{ when: isNull(text), then: lit(null) }], hasOffset(text)) }];
  /** One aggregate over the rows of the target not (yet) excluded. */
  const live = (e: Expr) => scalar(select({ columns: [as(e)], from: table(target), where: isNull(col("_rule")) }));
  const flags: Rule[] = [
    {
      code: "mixed_time_zones", severity: "warning", column,
      cond: and(t(tz), isNotNull(t(parsed)), cmp(">", live(agg("count_if", [not(col(tz))])), lit(0))),
      message: (n, e) =>
        `${fmt(n)} value(s) in ${file} column ${JSON.stringify(column)} carry a UTC offset and were converted to UTC, while other values in the column have none and are taken as written (as UTC)${at(e)}. ` +
        `If those are local times, write every value with its offset (or convert the column to UTC)`,
    },
    {
      code: "date_outlier", severity: "warning", column,
      cond: or(
        cmp("<", t(parsed), typedLit("TIMESTAMP", `${EARLIEST_PLAUSIBLE} 00:00:00`)),
        cmp(">", t(parsed), addInterval(live(agg("quantile_disc", [col(parsed), lit(0.99)])), OUTLIER_DAYS_AFTER_P99, "DAY")),
      ),
      message: (n, e) =>
        `${fmt(n)} date(s) in ${file} column ${JSON.stringify(column)} lie far from the bulk of the data (before ${EARLIEST_PLAUSIBLE}, or more than ${OUTLIER_DAYS_AFTER_P99} days after its 99th percentile)${at(e)}; ` +
        `they are kept, but the data's end date (asOf) is never taken from them. Fix them (placeholders such as 9999-12-31 mean "unknown": leave the cell empty) or set "asOf"`,
    },
  ];
  if (formats.length >= 2) {
    columns.push({ name: amb, expr: caseWhen([{ when: isNull(text), then: lit(false) }], ambiguousDate(text, formats)) });
    flags.push({
      code: "ambiguous_date", severity: "warning", column,
      cond: t(amb),
      message: (n, e) =>
        `${fmt(n)} value(s) in ${file} column ${JSON.stringify(column)} read as different dates under the declared formats ${formats.map((f) => JSON.stringify(f)).join(", ")}${at(e)}; ` +
        `the first format that fits was used (${JSON.stringify(formats[0])}, then the next ones in order). Keep only the right format in "dateFormats" to decide`,
    });
  }
  return { columns, flags };
}
