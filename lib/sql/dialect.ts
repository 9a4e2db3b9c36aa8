/**
 * The seam between the SQL tree and one engine's spelling. render() asks the
 * dialect for everything that differs between engines: identifier and literal
 * quoting, type names, function spellings and the few syntax forms (intervals,
 * EXCLUDE, integer division) that are not standard. A new engine is a new file
 * under dialects/ implementing this interface; render.ts does not change.
 */
import type { IntervalUnit, SqlType } from "./ast.js";

export type CreateObject = "TABLE" | "VIEW" | "SEQUENCE";
export interface CreateHeadOptions {
  orReplace: boolean;
  temp: boolean;
  ifNotExists: boolean;
}

export interface Dialect {
  /** Short name, e.g. "duckdb". */
  readonly name: string;
  /** Quotes an identifier (throws on names the engine cannot hold). */
  quoteIdent(name: string): string;
  /** Quotes a string literal. */
  quoteString(value: string): string;
  /** Renders a finite number literal (throws on NaN/±Infinity). */
  renderNumber(value: number): string;
  /** Renders TRUE/FALSE. */
  renderBoolean(value: boolean): string;
  /** The engine's name for a type. */
  typeName(type: SqlType): string;
  /**
   * Spells a function call, given the already-rendered arguments. Return the
   * standard `name(args)` for functions the engine shares; rewrite or throw
   * for those it lacks.
   */
  callFunction(name: string, args: string[]): string;
  /** Spells INTERVAL n unit, given the rendered value. */
  interval(value: string, unit: IntervalUnit): string;
  /** Spells `value + INTERVAL n unit` for a constant whole n, given the rendered value (no outer parentheses). */
  addInterval(value: string, amount: number, unit: IntervalUnit): string;
  /** Spells integer division a // b, given rendered operands. */
  integerDivide(left: string, right: string): string;
  /**
   * Spells arithmetic a / b, given rendered operands (absent: `(a / b)`, as
   * DuckDB divides: as doubles, NULL for b = 0).
   */
  divide?(left: string, right: string): string;
  /** False when the engine has no `agg(…) FILTER (WHERE c)`: render then writes agg(CASE WHEN c THEN … END). Absent: true. */
  readonly aggregateFilter?: boolean;
  /** Spells the name of a WITH item (absent: quoteIdent). */
  cteName?(name: string): string;
  /** Spells TRY_CAST(arg AS type) (absent: TRY_CAST). */
  tryCast?(arg: string, type: string): string;
  /** Spells `*` with excluded columns (already quoted); throw if unsupported. */
  starExclude(prefix: string, excluded: string[]): string;
  /**
   * Spells the head of a CREATE statement up to and including the (already
   * quoted) name, e.g. `CREATE OR REPLACE TEMP TABLE "x"`. Engines without
   * OR REPLACE for an object may prefix a DROP … IF EXISTS or throw.
   */
  createHead(object: CreateObject, quotedName: string, options: CreateHeadOptions): string;
}
