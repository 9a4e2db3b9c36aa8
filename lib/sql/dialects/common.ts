/**
 * Spellings shared by the warehouse dialects (PostgreSQL, BigQuery,
 * Snowflake): the pieces of DuckDB's semantics that our generated SQL relies
 * on, written with functions every one of them has.
 *
 *  - round(x): DuckDB rounds ties away from zero. PostgreSQL's round(float8)
 *    rounds ties to even, so every dialect spells it as
 *    CASE WHEN |x − trunc(x)| = 0.5 THEN trunc(x) + sign(x) ELSE round(x) END
 *    (x − trunc(x) is exact for doubles, and round() only differs on ties).
 *  - hash(x): DuckDB-only; lead_features compares hash('<literal>') with
 *    hash(column) as a speed-up. Equality of hashes stands for equality of
 *    the strings, so the warehouse dialects compare the strings themselves
 *    (hash is the identity there): same result, no hash function needed.
 *  - x / y: DuckDB divides as doubles (x / 0 is ±Infinity or NaN there);
 *    PostgreSQL truncates integers and raises on 0, Snowflake gives a scaled
 *    decimal. Spelled CAST(x AS <double>) / NULLIF(y, 0): NULL for y = 0
 *    (the scoring SQL only divides by non-zero constants, so it never differs).
 *  - x // y (integer division, truncating): explicit per dialect.
 */

/** The round-half-away-from-zero spelling of round(x) from plain trunc/sign/round/abs. */
export function roundHalfAway(x: string): string {
  return `(CASE WHEN ABS(${x} - TRUNC(${x})) = 0.5 THEN TRUNC(${x}) + SIGN(${x}) ELSE ROUND(${x}) END)`;
}

/** A standard string literal: single quotes doubled (PostgreSQL with standard_conforming_strings). */
export function quoteStringStandard(value: string): string {
  if (value.includes("\u0000")) throw new Error(`quoteString: a string literal may not contain a NUL character; received ${JSON.stringify(value)}`);
  return `'${value.replace(/'/g, "''")}'`;
}

/** A string literal for engines that read backslash escapes in '…' (BigQuery, Snowflake). */
export function quoteStringBackslash(value: string): string {
  if (value.includes("\u0000")) throw new Error(`quoteString: a string literal may not contain a NUL character; received ${JSON.stringify(value)}`);
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
}

/** renderNumber with the dialect's double type name (integers as digits, negatives parenthesised). */
export function numberRenderer(doubleType: string): (value: number) => string {
  return (value: number) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`renderNumber: SQL number literals must be finite; received ${String(value)}. Replace it with a finite number or NULL.`);
    }
    if (!Number.isSafeInteger(value)) return `CAST('${String(value)}' AS ${doubleType})`;
    return value < 0 ? `(${value})` : String(value === 0 ? 0 : value);
  };
}

/** A whole-number literal as rendered (digits, or (-digits)), else null. */
export function wholeLiteral(text: string): number | null {
  const m = /^\(?(-?\d+)\)?$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export function unsupported(dialect: string, what: string): never {
  throw new Error(`render: ${what} has no ${dialect} spelling in this workbench`);
}
