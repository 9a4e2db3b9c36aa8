/**
 * Checks on a date column while staging, shared by leads, deals and
 * activities: values with a UTC offset mixed with values without one, values
 * the declared formats read as different dates, and dates far from the bulk
 * of the data. Each is a warning on kept rows (the rows are not excluded),
 * with the first examples (data row, line, column, value as written).
 */
import { EARLIEST_PLAUSIBLE, OUTLIER_DAYS_AFTER_P99 } from "./limits.js";
import { fmt, show, type Example } from "./report.js";
import { ambiguousDate, hasOffset, ident } from "./sql.js";
import type { Rule } from "./stage.js";

const at = (e: Example | undefined) => (e ? ` (first: data row ${e.row}, line ${e.line}, value ${show(e.value)})` : "");

/**
 * Helper columns and warnings for the date column `column` of `target`:
 * `text` is the cleaned text (NULL when missing), `parsed` the name of the
 * staged TIMESTAMP column, `key` a short unique suffix for the helper names.
 */
export function dateChecks(spec: {
  file: string; target: string; column: string; text: string; parsed: string; key: string; formats: readonly string[];
}): { columns: { name: string; expr: string }[]; flags: Rule[] } {
  const { file, target, column, text, parsed, key, formats } = spec;
  const tz = `_tz_${key}`;
  const amb = `_amb_${key}`;
  const columns = [{ name: tz, expr: `CASE WHEN ${text} IS NULL THEN NULL ELSE ${hasOffset(text)} END` }];
  const live = `FROM ${ident(target)} WHERE _rule IS NULL`;
  const flags: Rule[] = [
    {
      code: "mixed_time_zones", severity: "warning", column,
      cond: `t.${ident(tz)} AND t.${ident(parsed)} IS NOT NULL AND (SELECT count_if(NOT ${ident(tz)}) ${live}) > 0`,
      message: (n, e) =>
        `${fmt(n)} value(s) in ${file} column ${JSON.stringify(column)} carry a UTC offset and were converted to UTC, while other values in the column have none and are taken as written (as UTC)${at(e)}. ` +
        `If those are local times, write every value with its offset (or convert the column to UTC)`,
    },
    {
      code: "date_outlier", severity: "warning", column,
      cond:
        `(t.${ident(parsed)} < TIMESTAMP '${EARLIEST_PLAUSIBLE} 00:00:00' OR ` +
        `t.${ident(parsed)} > (SELECT quantile_disc(${ident(parsed)}, 0.99) ${live}) + INTERVAL ${OUTLIER_DAYS_AFTER_P99} DAY)`,
      message: (n, e) =>
        `${fmt(n)} date(s) in ${file} column ${JSON.stringify(column)} lie far from the bulk of the data (before ${EARLIEST_PLAUSIBLE}, or more than ${OUTLIER_DAYS_AFTER_P99} days after its 99th percentile)${at(e)}; ` +
        `they are kept, but the data's end date (asOf) is never taken from them. Fix them (placeholders such as 9999-12-31 mean "unknown": leave the cell empty) or set "asOf"`,
    },
  ];
  if (formats.length >= 2) {
    columns.push({ name: amb, expr: `CASE WHEN ${text} IS NULL THEN FALSE ELSE ${ambiguousDate(text, formats)} END` });
    flags.push({
      code: "ambiguous_date", severity: "warning", column,
      cond: `t.${ident(amb)}`,
      message: (n, e) =>
        `${fmt(n)} value(s) in ${file} column ${JSON.stringify(column)} read as different dates under the declared formats ${formats.map((f) => JSON.stringify(f)).join(", ")}${at(e)}; ` +
        `the first format that fits was used (${JSON.stringify(formats[0])}, then the next ones in order). Keep only the right format in "dateFormats" to decide`,
    });
  }
  return { columns, flags };
}
