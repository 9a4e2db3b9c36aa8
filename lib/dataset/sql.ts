/**
 * SQL text for the dataset loader, quoted in one place: identifiers are
 * double-quoted with embedded quotes doubled, string literals single-quoted
 * with embedded quotes doubled, numbers must be finite. Every user-supplied
 * name or value reaches SQL through these functions.
 * (To be folded into the project's shared quoting module once it exists.)
 */

/** "name" → `"name"`; `a"b` → `"a""b"`. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** O'Brien → `'O''Brien'`. NUL characters are refused (DuckDB strings cannot hold them). */
export function literal(value: string): string {
  if (value.includes("\0")) throw new Error(`literal: a SQL string cannot contain NUL; received ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as SQL text; throws on NaN / ±Infinity. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`num: a SQL number must be finite; received ${value}`);
  return String(value);
}

/** `[a, b]` → `['a', 'b']` (a DuckDB list of strings). */
export function list(values: readonly string[]): string {
  return `[${values.map(literal).join(", ")}]`;
}

/** `x IN ('a', 'b')`, or FALSE for an empty list. */
export function inList(expr: string, values: readonly string[]): string {
  return values.length ? `${expr} IN (${values.map(literal).join(", ")})` : "FALSE";
}

/** TIMESTAMP literal for "YYYY-MM-DD[ HH:MM[:SS]]". */
export function timestampLiteral(value: string): string {
  return `TIMESTAMP ${literal(value)}`;
}

/**
 * Trimmed text of a raw VARCHAR column, NULL when the cell is missing:
 * empty, whitespace-only, or one of `missing` (compared after trimming).
 */
export function cleanText(col: string, missing: readonly string[]): string {
  const markers = missing.map((m) => m.trim()).filter((m) => m !== "");
  const t = `trim(${ident(col)})`;
  return markers.length ? `CASE WHEN ${t} = '' OR ${inList(t, markers)} THEN NULL ELSE ${t} END` : `NULLIF(${t}, '')`;
}

/** Raw value (untrimmed) with the missing markers turned into NULL: for attributes, whose spelling is reported, not silently fixed. */
export function rawOrNull(col: string, missing: readonly string[]): string {
  const markers = missing.map((m) => m.trim()).filter((m) => m !== "");
  const c = ident(col);
  const t = `trim(${c})`;
  return markers.length ? `CASE WHEN ${t} = '' OR ${inList(t, markers)} THEN NULL ELSE ${c} END` : `CASE WHEN ${t} = '' THEN NULL ELSE ${c} END`;
}

/** Accepted without declaration: ISO 8601 (YYYY-MM-DD, optional time, T separator, fraction, Z) and these. */
export const DEFAULT_DATE_FORMATS = ["%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"];

/**
 * A TIMESTAMP parsed from a text expression (already trimmed / NULL when
 * missing): ISO 8601 by cast, then the strptime formats in order. NULL when
 * nothing parses. A UTC offset, if present, is ignored (wall-clock time kept).
 */
export function parseTimestamp(expr: string, formats: readonly string[]): string {
  const all = [...DEFAULT_DATE_FORMATS, ...formats];
  return `COALESCE(TRY_CAST(${expr} AS TIMESTAMP), TRY_STRPTIME(${expr}, ${list(all)}))`;
}

/** A finite DOUBLE parsed from a text expression; NULL when it does not parse (or is NaN / infinite). */
export function parseNumber(expr: string): string {
  return `CASE WHEN isfinite(TRY_CAST(${expr} AS DOUBLE)) THEN TRY_CAST(${expr} AS DOUBLE) END`;
}

/** The boolean words recognised in attribute columns. */
export const TRUE_WORDS = ["true", "yes"];
export const FALSE_WORDS = ["false", "no"];

/** BOOLEAN from a text expression: true/yes → TRUE, false/no → FALSE (case-insensitive), else NULL. */
export function parseBoolean(expr: string): string {
  const l = `lower(${expr})`;
  return `CASE WHEN ${inList(l, TRUE_WORDS)} THEN TRUE WHEN ${inList(l, FALSE_WORDS)} THEN FALSE END`;
}
