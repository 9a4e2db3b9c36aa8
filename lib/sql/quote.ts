/**
 * The one quoting module: every identifier and literal that reaches SQL text
 * goes through these functions (only `render.ts` calls them). Names and values
 * from model files and user data are untrusted; quoting keeps them data.
 */

/**
 * Quotes an identifier: double quotes around it, embedded double quotes
 * doubled. Throws on an empty name or a NUL character (DuckDB cannot hold them).
 * @example quoteIdent('a"b') // => '"a""b"'
 */
export function quoteIdent(name: string): string {
  if (typeof name !== "string" || name.length === 0) {
    throw new Error(`quoteIdent: an identifier must be a non-empty string; received ${JSON.stringify(name)}`);
  }
  if (name.includes("\u0000")) throw new Error(`quoteIdent: an identifier may not contain a NUL character; received ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal: single quotes around it, embedded single quotes
 * doubled (DuckDB does not treat backslashes as escapes).
 * @example quoteString("O'Brien") // => "'O''Brien'"
 */
export function quoteString(value: string): string {
  if (value.includes("\u0000")) throw new Error(`quoteString: a string literal may not contain a NUL character; received ${JSON.stringify(value)}`);
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Renders a number literal. Safe integers render as digits (INTEGER/BIGINT);
 * any other finite number renders as `CAST('<shortest round-trip form>' AS
 * DOUBLE)`, so DuckDB never reads it as a DECIMAL and parses it to the same
 * double as JavaScript. Negative numbers are parenthesised (so `a - -1` can
 * never become a `--` comment). Throws on NaN and ±Infinity.
 * @example renderNumber(-3) // => "(-3)"; renderNumber(0.5) // => "CAST('0.5' AS DOUBLE)"
 */
export function renderNumber(value: number): string {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`renderNumber: SQL number literals must be finite; received ${String(value)}. Replace it with a finite number or NULL.`);
  }
  if (!Number.isSafeInteger(value)) return `CAST('${String(value)}' AS DOUBLE)`;
  return value < 0 ? `(${value})` : String(value === 0 ? 0 : value);
}
