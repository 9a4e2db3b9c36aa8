/**
 * The one CSV writer behind every export (the CLI's `leadscore score
 * --format csv`, the site's downloads). Two rules, applied to every cell:
 *
 * - RFC 4180 quoting: a cell holding a comma, a double quote, CR or LF is
 *   enclosed in double quotes, with each inner quote doubled.
 * - Formula neutralisation (OWASP "CSV Injection"): a text cell that starts
 *   with = + - @ tab or CR gets a leading apostrophe, so that a spreadsheet
 *   shows it as text instead of evaluating it (`=HYPERLINK(…)` →
 *   `'=HYPERLINK(…)`). Exception: a cell that is a plain decimal number
 *   (`-3`, `+1.5`, `-2e3`) is written as it is; a number cannot run anything
 *   and stays a number in the spreadsheet. JavaScript numbers are written with
 *   String(), other values with String(); NaN and ±Infinity as an empty cell; null/undefined as empty.
 *
 * Rows end with LF (RFC 4180 allows any line end when the reader is told;
 * every spreadsheet accepts LF).
 */

/** The characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = unknown;

/**
 * One cell, neutralised and quoted.
 * @example csvCell('=HYPERLINK("x")') // => "\"'=HYPERLINK(\"\"x\"\")\""
 * @example csvCell("-3") // => "-3"
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s: string;
  if (typeof value === "number") s = Number.isFinite(value) ? String(value) : "";
  else s = String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record (no line end). */
export function csvRow(values: readonly CsvValue[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) out += (i ? "," : "") + csvCell(values[i]);
  return out;
}

/** A whole file: the header, then the rows, each ended by LF. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return `${lines.join("\n")}\n`;
}
