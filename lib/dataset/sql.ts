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
 * True when the cell `c` (a raw VARCHAR expression) is missing: NULL, empty,
 * spaces only, or one of the markers (exactly, or after trimming spaces).
 * Written so that the common case needs no trim: DuckDB-WASM pays for every
 * string function on every row.
 */
export function isMissing(c: string, markers: readonly string[]): string {
  const ms = [...new Set(markers.map((m) => m.trim()).filter((m) => m !== ""))];
  return `(${c} IS NULL OR ${inList(c, ["", ...ms])} OR (${padded(c)} AND ${inList(`trim(${c}, ' \t')`, ["", ...ms])}))`;
}

/** True when `c` starts or ends with a space or tab (cheap guard before trim). */
function padded(c: string): string {
  return `(ascii(${c}) IN (32, 9) OR suffix(${c}, ' ') OR suffix(${c}, '\t'))`;
}

/** `c` without surrounding spaces and tabs; trims only when there are some (cheap in the common case). */
export function trimmed(c: string): string {
  return `CASE WHEN ${padded(c)} THEN trim(${c}, ' \t') ELSE ${c} END`;
}

/** Trimmed text of a raw VARCHAR column, NULL when the cell is missing (see isMissing). */
export function cleanText(col: string, missing: readonly string[]): string {
  const c = ident(col);
  return `CASE WHEN ${isMissing(c, missing)} THEN NULL ELSE ${trimmed(c)} END`;
}

/** Accepted without declaration besides ISO 8601: YYYY/MM/DD with optional time. */
export const DEFAULT_DATE_FORMATS = ["%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"];

/**
 * True when a date text ends with a UTC offset after a time ("Z", "+05:30",
 * "-0500", "+05"). The length guard keeps the regular expression off the
 * usual values ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", at most 19 characters).
 */
export function hasOffset(expr: string): string {
  return `(length(${expr}) > 19 AND regexp_matches(${expr}, '[T ]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)? ?(Z|z|[+-]\\d{2}(:?\\d{2})?)$'))`;
}

/**
 * A TIMESTAMP parsed from a text expression (already trimmed / NULL when
 * missing): declared strptime formats first (when given), then ISO 8601
 * (YYYY-MM-DD, optional time, T separator, fraction) by cast, then
 * YYYY/MM/DD forms for values containing "/". NULL when nothing parses.
 * A value with a UTC offset ("Z", "-05:00", "+0530") is converted to UTC
 * (2024-01-02T23:30:00-05:00 → 2024-01-03 04:30:00); values without one are
 * taken as written (UTC). The offset path goes through TIMESTAMPTZ and epoch
 * microseconds, so it does not depend on the engine's time zone setting.
 * Order matters for speed in DuckDB-WASM, where each failed parse costs
 * about a microsecond (a C++ exception): the likely format goes first, and
 * COALESCE evaluates later arguments only for rows still NULL.
 */
export function parseTimestamp(expr: string, formats: readonly string[]): string {
  const iso = `CASE WHEN ${hasOffset(expr)} THEN make_timestamp(epoch_us(TRY_CAST(${expr} AS TIMESTAMPTZ))) ELSE TRY_CAST(${expr} AS TIMESTAMP) END`;
  const parts = [
    ...(formats.length ? [`TRY_STRPTIME(${expr}, ${list(formats)})`] : []),
    iso,
    `CASE WHEN contains(${expr}, '/') THEN TRY_STRPTIME(${expr}, ${list(DEFAULT_DATE_FORMATS)}) END`,
  ];
  return `COALESCE(${parts.join(", ")})`;
}

/**
 * True when the declared formats read the text as different dates (e.g.
 * "02/01/2024" under %d/%m/%Y and %m/%d/%Y); FALSE with fewer than two formats.
 */
export function ambiguousDate(expr: string, formats: readonly string[]): string {
  if (formats.length < 2) return "FALSE";
  const parsed = formats.map((f) => `TRY_STRPTIME(${expr}, ${literal(f)})`);
  const pairs: string[] = [];
  for (let i = 0; i < parsed.length; i++)
    for (let j = i + 1; j < parsed.length; j++) pairs.push(`COALESCE(${parsed[i]} <> ${parsed[j]}, FALSE)`);
  return `(${pairs.join(" OR ")})`;
}

/** A finite DOUBLE parsed from a text expression; NULL when it does not parse (or is NaN / infinite). */
export function parseNumber(expr: string): string {
  return `CASE WHEN ${maybeNumber(expr)} AND isfinite(TRY_CAST(${expr} AS DOUBLE)) THEN TRY_CAST(${expr} AS DOUBLE) END`;
}

/** Cheap test that a value may be a number (first character is a digit, sign or point): guards TRY_CAST. */
export function maybeNumber(expr: string): string {
  return `(ascii(${expr}) BETWEEN 43 AND 57 AND ascii(${expr}) NOT IN (44, 47))`;
}

/** The boolean words recognised in attribute columns. */
export const TRUE_WORDS = ["true", "yes"];
export const FALSE_WORDS = ["false", "no"];

/** BOOLEAN from a text expression: true/yes → TRUE, false/no → FALSE (case-insensitive), else NULL. */
export function parseBoolean(expr: string): string {
  const l = `lower(${expr})`;
  return `CASE WHEN ${inList(l, TRUE_WORDS)} THEN TRUE WHEN ${inList(l, FALSE_WORDS)} THEN FALSE END`;
}
