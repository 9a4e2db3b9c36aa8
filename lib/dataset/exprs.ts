/**
 * The dataset loader's SQL expressions as lib/sql trees (they replace the
 * text helpers of the former lib/dataset/sql.ts; only render() makes text).
 * Two behaviours callers relied on are kept here explicitly: an empty value
 * list is FALSE (the tree's IN throws on an empty list), and names are
 * quoted by the one quoting rule (empty or NUL names are refused; the
 * dataset's names are never empty: empty headers are renamed "column<N>").
 */
import {
  and, between, caseWhen, cmp, coalesce, col, fn, inList, isNull, listValue, lit, notInList, or, tryCast, type Expr,
} from "../sql/index.js";

/** The boolean words recognised in attribute columns. */
export const TRUE_WORDS = ["true", "yes"];
export const FALSE_WORDS = ["false", "no"];
/** Accepted without declaration besides ISO 8601: YYYY/MM/DD with optional time. */
export const DEFAULT_DATE_FORMATS = ["%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"];

const lits = (values: readonly string[]) => values.map((v) => lit(v));

/** `x IN ('a', 'b')`, or FALSE for an empty list. */
export function inValues(x: Expr, values: readonly string[]): Expr {
  return values.length ? inList(x, lits(values)) : lit(false);
}

/** A DuckDB list of strings: ['a', 'b']. */
export function stringList(values: readonly string[]): Expr {
  return listValue(lits(values));
}

/** True when `c` starts or ends with a space or tab (cheap guard before trim). */
function padded(c: Expr): Expr {
  return or(inList(fn("ascii", c), [lit(32), lit(9)]), fn("suffix", c, lit(" ")), fn("suffix", c, lit("\t")));
}

/**
 * True when the cell `c` (a raw VARCHAR expression) is missing: NULL, empty,
 * spaces only, or one of the markers (exactly, or after trimming spaces).
 * Written so that the common case needs no trim: DuckDB-WASM pays for every
 * string function on every row.
 */
export function isMissing(c: Expr, markers: readonly string[]): Expr {
  const ms = ["", ...new Set(markers.map((m) => m.trim()).filter((m) => m !== ""))];
  return or(isNull(c), inValues(c, ms), and(padded(c), inValues(fn("trim", c, lit(" \t")), ms)));
}

/** `c` without surrounding spaces and tabs; trims only when there are some (cheap in the common case). */
export function trimmed(c: Expr): Expr {
  return caseWhen([{ when: padded(c), then: fn("trim", c, lit(" \t")) }], c);
}

/** Trimmed text of a raw VARCHAR column, NULL when the cell is missing (see isMissing). */
export function cleanText(column: string, missing: readonly string[]): Expr {
  const c = col(column);
  return caseWhen([{ when: isMissing(c, missing), then: lit(null) }], trimmed(c));
}

/**
 * True when a date text ends with a UTC offset after a time ("Z", "+05:30",
 * "-0500", "+05"). The length guard keeps the regular expression off the
 * usual values ("YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", at most 19 characters).
 */
export function hasOffset(e: Expr): Expr {
  return and(cmp(">", fn("length", e), lit(19)), fn("regexp_matches", e, lit("[T ]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)? ?(Z|z|[+-]\\d{2}(:?\\d{2})?)$")));
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
export function parseTimestamp(e: Expr, formats: readonly string[]): Expr {
  const iso = caseWhen([{ when: hasOffset(e), then: fn("make_timestamp", fn("epoch_us", tryCast(e, "TIMESTAMPTZ"))) }], tryCast(e, "TIMESTAMP"));
  return coalesce(
    ...(formats.length ? [fn("try_strptime", e, stringList(formats))] : []),
    iso,
    caseWhen([{ when: fn("contains", e, lit("/")), then: fn("try_strptime", e, stringList(DEFAULT_DATE_FORMATS)) }]),
  );
}

/**
 * True when the declared formats read the text as different dates (e.g.
 * "02/01/2024" under %d/%m/%Y and %m/%d/%Y); FALSE with fewer than two formats.
 */
export function ambiguousDate(e: Expr, formats: readonly string[]): Expr {
  if (formats.length < 2) return lit(false);
  const parsed = formats.map((f) => fn("try_strptime", e, lit(f)));
  const pairs: Expr[] = [];
  for (let i = 0; i < parsed.length; i++)
    for (let j = i + 1; j < parsed.length; j++) pairs.push(coalesce(cmp("<>", parsed[i], parsed[j]), lit(false)));
  return or(...pairs);
}

/** Cheap test that a value may be a number (first character is a digit, sign or point): guards TRY_CAST. */
export function maybeNumber(e: Expr): Expr {
  return and(between(fn("ascii", e), lit(43), lit(57)), notInList(fn("ascii", e), [lit(44), lit(47)]));
}

/** A finite DOUBLE parsed from a text expression; NULL when it does not parse (or is NaN / infinite). */
export function parseNumber(e: Expr): Expr {
  return caseWhen([{ when: and(maybeNumber(e), fn("isfinite", tryCast(e, "DOUBLE"))), then: tryCast(e, "DOUBLE") }]);
}

/** Column `name` of the staged target (alias `t`, as a stage's postRules and flags see it). */
export const t = (name: string): Expr => col(name, "t");

/** A staged column built as a tree (runStage's spec takes these). */
export interface StageColumn {
  name: string;
  expr: Expr;
}
