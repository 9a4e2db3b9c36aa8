/**
 * The typed SQL tree. Modules build queries from these nodes; only
 * `render()` (render.ts) turns them into text. There is deliberately no
 * "raw SQL" node: a bare string is never a column, and nothing pastes text.
 */

export type SqlType = "DOUBLE" | "BIGINT" | "INTEGER" | "TINYINT" | "UTINYINT" | "VARCHAR" | "BOOLEAN" | "TIMESTAMP";
export type CompareOp = "=" | "<>" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/";

/**
 * Function calls allowed in generated SQL: all run identically on DuckDB 1.4
 * (WASM) and 1.5 (native), and none needs an extension or the clock.
 */
export const ALLOWED_FUNCTIONS = ["min", "max", "least", "greatest", "pow", "round", "epoch_ms", "to_days", "abs", "hash"] as const;
export type FunctionName = (typeof ALLOWED_FUNCTIONS)[number];

export type Expr =
  | { kind: "column"; name: string; table: string | null }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "comparison"; op: CompareOp; left: Expr; right: Expr }
  | { kind: "and"; args: Expr[] }
  | { kind: "or"; args: Expr[] }
  | { kind: "not"; arg: Expr }
  | { kind: "isNull"; arg: Expr; negated: boolean }
  | { kind: "in"; arg: Expr; values: Expr[]; negated: boolean }
  | { kind: "case"; whens: { when: Expr; then: Expr }[]; else: Expr | null }
  | { kind: "sum"; arg: Expr }
  | { kind: "coalesce"; args: Expr[] }
  | { kind: "arithmetic"; op: ArithOp; left: Expr; right: Expr }
  | { kind: "call"; fn: FunctionName; args: Expr[] }
  | { kind: "cast"; arg: Expr; type: SqlType };

export type Source =
  | { kind: "table"; name: string; alias: string | null }
  | { kind: "subquery"; select: Select; alias: string };

export interface Join {
  type: "inner" | "left";
  source: Source;
  on: Expr;
}

export interface Select {
  kind: "select";
  columns: { expr: Expr; as: string }[];
  from: Source;
  joins: Join[];
  where: Expr | null;
  groupBy: Expr[];
  orderBy: Expr[];
}

export type Statement =
  | Select
  | { kind: "createTableAs"; name: string; select: Select }
  | { kind: "dropTable"; name: string }
  | { kind: "describe"; name: string }
  | { kind: "showTables" };

export type Node = Expr | Source | Statement;

// Constructors: the only way modules should make nodes.

export const col = (name: string, table: string | null = null): Expr => ({ kind: "column", name, table });
export const lit = (value: string | number | boolean | null): Expr => ({ kind: "literal", value });
export const cmp = (op: CompareOp, left: Expr, right: Expr): Expr => ({ kind: "comparison", op, left, right });
export const eq = (left: Expr, right: Expr): Expr => cmp("=", left, right);
export const and = (...args: Expr[]): Expr => ({ kind: "and", args });
export const or = (...args: Expr[]): Expr => ({ kind: "or", args });
export const not = (arg: Expr): Expr => ({ kind: "not", arg });
export const isNull = (arg: Expr): Expr => ({ kind: "isNull", arg, negated: false });
export const isNotNull = (arg: Expr): Expr => ({ kind: "isNull", arg, negated: true });
export const inList = (arg: Expr, values: Expr[]): Expr => ({ kind: "in", arg, values, negated: false });
export const notInList = (arg: Expr, values: Expr[]): Expr => ({ kind: "in", arg, values, negated: true });
export const caseWhen = (whens: { when: Expr; then: Expr }[], otherwise: Expr | null = null): Expr => ({
  kind: "case",
  whens,
  else: otherwise,
});
export const sum = (arg: Expr): Expr => ({ kind: "sum", arg });
export const coalesce = (...args: Expr[]): Expr => ({ kind: "coalesce", args });
export const arith = (op: ArithOp, left: Expr, right: Expr): Expr => ({ kind: "arithmetic", op, left, right });
export const add = (left: Expr, right: Expr): Expr => arith("+", left, right);
export const sub = (left: Expr, right: Expr): Expr => arith("-", left, right);
export const mul = (left: Expr, right: Expr): Expr => arith("*", left, right);
export const div = (left: Expr, right: Expr): Expr => arith("/", left, right);
export const call = (fn: FunctionName, ...args: Expr[]): Expr => ({ kind: "call", fn, args });
export const cast = (arg: Expr, type: SqlType): Expr => ({ kind: "cast", arg, type });

export const table = (name: string, alias: string | null = null): Source => ({ kind: "table", name, alias });
export const subquery = (select: Select, alias: string): Source => ({ kind: "subquery", select, alias });

/** Makes a SELECT node; only `columns` and `from` are required. */
export function select(parts: Pick<Select, "columns" | "from"> & Partial<Omit<Select, "kind">>): Select {
  return { kind: "select", joins: [], where: null, groupBy: [], orderBy: [], ...parts };
}

export const createTableAs = (name: string, sel: Select): Statement => ({ kind: "createTableAs", name, select: sel });
export const dropTable = (name: string): Statement => ({ kind: "dropTable", name });
/** DESCRIBE a table: one row per column (column_name, column_type, …). */
export const describe = (name: string): Statement => ({ kind: "describe", name });
/** SHOW TABLES: one row per table of the current schema (column `name`). */
export const showTables = (): Statement => ({ kind: "showTables" });
