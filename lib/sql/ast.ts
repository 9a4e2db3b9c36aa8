/**
 * The typed SQL tree. Modules build queries from these nodes; only
 * `render()` (render.ts) turns them into text, through a Dialect (dialect.ts;
 * DuckDB by default). A bare string is never a column, and nothing pastes
 * text — except the explicit, greppable `verbatim` node for the rare literal
 * fragment the tree cannot express (in the manner of mosaic-sql's `sql` tag).
 */

export type SqlType =
  | "DOUBLE" | "BIGINT" | "INTEGER" | "TINYINT" | "UTINYINT" | "VARCHAR" | "BOOLEAN" | "TIMESTAMP"
  | "SMALLINT" | "USMALLINT" | "UINTEGER" | "UBIGINT" | "HUGEINT" | "FLOAT" | "DATE" | "TIMESTAMPTZ";
export const SQL_TYPES: readonly SqlType[] = [
  "DOUBLE", "BIGINT", "INTEGER", "TINYINT", "UTINYINT", "VARCHAR", "BOOLEAN", "TIMESTAMP",
  "SMALLINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT", "FLOAT", "DATE", "TIMESTAMPTZ",
];
export type CompareOp = "=" | "<>" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/";
/** Other binary operators: modulo, integer division, string concatenation, pattern matching, null-safe comparison. */
export type BinaryOp = "%" | "//" | "||" | "LIKE" | "NOT LIKE" | "ILIKE" | "NOT ILIKE" | "IS DISTINCT FROM" | "IS NOT DISTINCT FROM" | ">>" | "<<";
export const BINARY_OPS: readonly BinaryOp[] = ["%", "//", "||", "LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE", "IS DISTINCT FROM", "IS NOT DISTINCT FROM", ">>", "<<"];
export type IntervalUnit = "MILLISECOND" | "SECOND" | "MINUTE" | "HOUR" | "DAY" | "MONTH" | "YEAR";

/** One ORDER BY item. */
export interface OrderItem {
  kind: "orderItem";
  expr: Expr;
  desc: boolean;
  /** NULLS FIRST / LAST; null leaves the engine's default. */
  nulls: "first" | "last" | null;
}

export type FrameBound = "unboundedPreceding" | "currentRow" | "unboundedFollowing" | { preceding: number } | { following: number };
/** A window frame: ROWS/RANGE BETWEEN start AND end. */
export interface Frame {
  type: "rows" | "range";
  start: FrameBound;
  end: FrameBound;
}

/** A common table expression of a WITH clause. */
export interface Cte {
  name: string;
  query: Query;
  /** Column names after the CTE's name; empty for none. */
  columns?: string[];
  /** AS MATERIALIZED (DuckDB, PostgreSQL); absent or false renders plain AS. */
  materialized?: boolean;
}

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
  | { kind: "cast"; arg: Expr; type: SqlType }
  /** TRY_CAST(arg AS type): NULL where the cast fails. */
  | { kind: "tryCast"; arg: Expr; type: SqlType }
  /** Any scalar or table-free function by name (checked to be a plain name; spelled by the dialect). */
  | { kind: "function"; name: string; args: Expr[] }
  /** An aggregate: name(DISTINCT? args ORDER BY …) FILTER (WHERE …); `args` empty and `star` true for count(*). */
  | { kind: "aggregate"; name: string; args: Expr[]; star: boolean; distinct: boolean; filter: Expr | null; orderBy: (Expr | OrderItem)[] }
  /** fn OVER (PARTITION BY … ORDER BY … frame). `fn` is a function or aggregate node. */
  | { kind: "window"; fn: Expr; partitionBy: Expr[]; orderBy: (Expr | OrderItem)[]; frame: Frame | null }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { kind: "negate"; arg: Expr }
  | { kind: "between"; arg: Expr; low: Expr; high: Expr; negated: boolean }
  /** A parenthesised scalar subquery. */
  | { kind: "scalarSubquery"; query: Query }
  | { kind: "exists"; query: Query; negated: boolean }
  /** arg IN (SELECT …). */
  | { kind: "inQuery"; arg: Expr; query: Query; negated: boolean }
  /** INTERVAL (n) unit. */
  | { kind: "interval"; value: Expr; unit: IntervalUnit }
  /** A list literal: [a, b, c]. */
  | { kind: "list"; values: Expr[] }
  /** `*`, `t.*`, optionally `* EXCLUDE (a, b)`. */
  | { kind: "star"; table: string | null; exclude: string[] }
  /** A named argument of a function call: name = value (e.g. read_csv(…, header = true)). */
  | { kind: "namedArg"; name: string; value: Expr }
  | Verbatim
  | TypedLiteral
  | AddInterval
  | StructLiteral
  | Numeral;

/** A struct literal: {'name': value, …} (e.g. read_csv's columns = {'a': 'VARCHAR'}). */
export interface StructLiteral {
  kind: "struct";
  fields: { name: string; value: Expr }[];
}

/** A typed literal: TIMESTAMP '2024-06-30 00:00:00' (the value quoted like a string). */
export interface TypedLiteral {
  kind: "typedLiteral";
  type: SqlType;
  value: string;
}

/**
 * A date/time value plus a constant interval: created_at + INTERVAL 90 DAY.
 * Parenthesised like any sub-expression, except as an operand of a
 * comparison, where `+` already binds tighter.
 */
export interface AddInterval {
  kind: "addInterval";
  arg: Expr;
  amount: number;
  unit: IntervalUnit;
}

/**
 * A literal SQL fragment, pasted as written. Use only for what the tree cannot
 * express; never build its text from data (names and values go in proper nodes).
 */
export interface Verbatim {
  kind: "verbatim";
  sql: string;
}

export type Source =
  | { kind: "table"; name: string; alias: string | null; schema?: string | null }
  | { kind: "subquery"; select: Query; alias: string }
  /** A table function such as range(10) or read_csv('f.csv'). */
  | { kind: "tableFunction"; name: string; args: Expr[]; alias: string | null; columns?: string[] }
  /** VALUES (…), (…) AS alias(columns). */
  | { kind: "values"; rows: Expr[][]; alias: string; columns: string[] }
  /** A FROM item given as literal text (see Verbatim): pasted as written. */
  | Verbatim;

export interface Join {
  type: "inner" | "left" | "right" | "full" | "cross";
  source: Source;
  /** ON condition; null for a CROSS join or when `using` is given. */
  on: Expr | null;
  /** USING (columns). */
  using?: string[];
}

/** A select-list item; `as` null or absent renders no alias. */
export interface SelectColumn {
  expr: Expr;
  as?: string | null;
}

export interface Select {
  kind: "select";
  columns: SelectColumn[];
  /** FROM source; null for a SELECT without FROM. */
  from: Source | null;
  joins: Join[];
  where: Expr | null;
  groupBy: Expr[];
  orderBy: (Expr | OrderItem)[];
  with?: Cte[];
  distinct?: boolean;
  having?: Expr | null;
  limit?: number | null;
  offset?: number | null;
}

/** UNION [ALL] / INTERSECT / EXCEPT of queries, with optional ORDER BY / LIMIT over the whole. */
export interface SetOperation {
  kind: "setOperation";
  op: "union" | "unionAll" | "intersect" | "except";
  queries: Query[];
  orderBy: (Expr | OrderItem)[];
  limit: number | null;
  with?: Cte[];
}

export type Query = Select | SetOperation | Verbatim;

/**
 * A column of CREATE TABLE (columns). `type` is a SqlType, or a verbatim type
 * text read back from the engine itself (e.g. duckdb_columns().data_type).
 */
export interface ColumnDef {
  name: string;
  type: SqlType | Verbatim;
  primaryKey?: boolean;
  notNull?: boolean;
}

export interface CreateAs {
  kind: "createAs";
  object: "table" | "view";
  name: string;
  query: Query;
  orReplace: boolean;
  temp: boolean;
  ifNotExists: boolean;
}

export type AlterAction =
  | { kind: "addColumn"; name: string; type: SqlType; default: Expr | null; ifNotExists: boolean }
  | { kind: "dropColumn"; name: string; ifExists: boolean }
  | { kind: "renameColumn"; from: string; to: string }
  | { kind: "setDefault"; column: string; default: Expr }
  | { kind: "dropDefault"; column: string }
  | { kind: "setType"; column: string; type: SqlType; using: Expr | null }
  | { kind: "renameTable"; to: string };

export type Statement =
  | Select
  | SetOperation
  | Verbatim
  | { kind: "createTableAs"; name: string; select: Select }
  | { kind: "dropTable"; name: string }
  | { kind: "describe"; name: string }
  | { kind: "showTables" }
  | CreateAs
  | { kind: "createTable"; name: string; columns: ColumnDef[]; orReplace: boolean; temp: boolean; ifNotExists: boolean }
  | { kind: "insert"; table: string; columns: string[]; source: Query | { kind: "valuesRows"; rows: Expr[][] } }
  | { kind: "update"; table: string; set: { column: string; value: Expr }[]; where: Expr | null; from?: Source | null }
  | { kind: "delete"; table: string; where: Expr | null }
  | { kind: "alterTable"; table: string; action: AlterAction }
  | { kind: "drop"; object: "table" | "view" | "sequence"; name: string; ifExists: boolean }
  | { kind: "createSequence"; name: string; start: number; minValue: number | null; orReplace: boolean }
  /** SET name = value (an engine setting). */
  | { kind: "set"; name: string; value: Expr }
  /** Several statements run as one script, joined by "; ". */
  | { kind: "script"; statements: Statement[] }
  | DatabaseStatement;

export type Node = Expr | Source | Statement | OrderItem;

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

export const table = (name: string, alias: string | null = null, schema: string | null = null): Source =>
  schema === null ? { kind: "table", name, alias } : { kind: "table", name, alias, schema };
export const subquery = (select: Query, alias: string): Source => ({ kind: "subquery", select, alias });

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

// ---- Builder extension (issue 17): everything the code base writes. ----

/** A literal SQL fragment; see `Verbatim`. Tagged-template friendly: verbatim`now()`. */
export function verbatim(sql: string | TemplateStringsArray): Verbatim {
  const text = typeof sql === "string" ? sql : sql.join("");
  return { kind: "verbatim", sql: text };
}
export const tryCast = (arg: Expr, type: SqlType): Expr => ({ kind: "tryCast", arg, type });
/** Any function by name: fn("trim", col("x")). */
export const fn = (name: string, ...args: Expr[]): Expr => ({ kind: "function", name, args });

export interface AggregateOptions {
  distinct?: boolean;
  filter?: Expr | null;
  orderBy?: (Expr | OrderItem)[];
}
/** An aggregate call: agg("max", [col("t")], { filter: … }). */
export const agg = (name: string, args: Expr[], options: AggregateOptions = {}): Expr => ({
  kind: "aggregate",
  name,
  args,
  star: false,
  distinct: options.distinct ?? false,
  filter: options.filter ?? null,
  orderBy: options.orderBy ?? [],
});
/** count(*) or, with an argument, count(x); `filter` adds FILTER (WHERE …). */
export function count(arg: Expr | null = null, options: AggregateOptions = {}): Expr {
  const a = agg("count", arg === null ? [] : [arg], options);
  return arg === null ? { ...(a as Extract<Expr, { kind: "aggregate" }>), star: true } : a;
}
/** Adds FILTER (WHERE cond) to an aggregate node (throws on anything else). */
export function filterAgg(aggregate: Expr, cond: Expr): Expr {
  if (aggregate.kind !== "aggregate") throw new Error(`filterAgg: FILTER applies to aggregates; received ${aggregate.kind}`);
  return { ...aggregate, filter: cond };
}

export interface WindowSpec {
  partitionBy?: Expr[];
  orderBy?: (Expr | OrderItem)[];
  frame?: Frame | null;
}
/** fn OVER (…): over(fn("row_number"), { orderBy: [col("t")] }). */
export const over = (fnNode: Expr, spec: WindowSpec = {}): Expr => ({
  kind: "window",
  fn: fnNode,
  partitionBy: spec.partitionBy ?? [],
  orderBy: spec.orderBy ?? [],
  frame: spec.frame ?? null,
});
export const asc = (expr: Expr, nulls: OrderItem["nulls"] = null): OrderItem => ({ kind: "orderItem", expr, desc: false, nulls });
export const desc = (expr: Expr, nulls: OrderItem["nulls"] = null): OrderItem => ({ kind: "orderItem", expr, desc: true, nulls });

export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });
export const mod = (left: Expr, right: Expr): Expr => binary("%", left, right);
export const concat = (left: Expr, right: Expr): Expr => binary("||", left, right);
export const like = (left: Expr, pattern: Expr): Expr => binary("LIKE", left, pattern);
export const neg = (arg: Expr): Expr => ({ kind: "negate", arg });
export const between = (arg: Expr, low: Expr, high: Expr): Expr => ({ kind: "between", arg, low, high, negated: false });
export const scalar = (query: Query): Expr => ({ kind: "scalarSubquery", query });
export const exists = (query: Query): Expr => ({ kind: "exists", query, negated: false });
export const notExists = (query: Query): Expr => ({ kind: "exists", query, negated: true });
export const inQuery = (arg: Expr, query: Query): Expr => ({ kind: "inQuery", arg, query, negated: false });
export const notInQuery = (arg: Expr, query: Query): Expr => ({ kind: "inQuery", arg, query, negated: true });
export const interval = (value: Expr | number, unit: IntervalUnit): Expr => ({ kind: "interval", value: typeof value === "number" ? lit(value) : value, unit });
export const listValue = (values: Expr[]): Expr => ({ kind: "list", values });
export const star = (tableName: string | null = null, exclude: string[] = []): Expr => ({ kind: "star", table: tableName, exclude });
/** A select-list item: as(expr, "name"). */
export const as = (expr: Expr, name: string | null = null): SelectColumn => ({ expr, as: name });

export const tableFunction = (name: string, args: Expr[] = [], alias: string | null = null, columns: string[] = []): Source =>
  columns.length ? { kind: "tableFunction", name, args, alias, columns } : { kind: "tableFunction", name, args, alias };
export const valuesSource = (rows: Expr[][], alias: string, columns: string[]): Source => ({ kind: "values", rows, alias, columns });
export const join = (source: Source, on: Expr | null, type: Join["type"] = "inner"): Join => ({ type, source, on });
export const leftJoin = (source: Source, on: Expr): Join => ({ type: "left", source, on });
export const crossJoin = (source: Source): Join => ({ type: "cross", source, on: null });
export const joinUsing = (source: Source, using: string[], type: Join["type"] = "inner"): Join => ({ type, source, on: null, using });

export const cte = (name: string, query: Query, columns: string[] = [], materialized = false): Cte =>
  materialized ? { name, query, columns, materialized } : { name, query, columns };
/** A named function argument: namedArg("header", lit(true)) renders header = true. */
export const namedArg = (name: string, value: Expr): Expr => ({ kind: "namedArg", name, value });
/** SET name = value. */
export const set = (name: string, value: Expr): Statement => ({ kind: "set", name, value });
/** Adds WITH clauses to a query. */
export function withCtes<Q extends Select | SetOperation>(ctes: Cte[], query: Q): Q {
  return { ...query, with: [...(query.with ?? []), ...ctes] };
}
export const unionAll = (...queries: Query[]): SetOperation => ({ kind: "setOperation", op: "unionAll", queries, orderBy: [], limit: null });
export const union = (...queries: Query[]): SetOperation => ({ kind: "setOperation", op: "union", queries, orderBy: [], limit: null });

export interface CreateOptions {
  orReplace?: boolean;
  temp?: boolean;
  ifNotExists?: boolean;
}
/** CREATE [OR REPLACE] [TEMP] TABLE name AS query (default: OR REPLACE, not temp). */
export const createTable = (name: string, query: Query, o: CreateOptions = {}): Statement => ({
  kind: "createAs", object: "table", name, query, orReplace: o.orReplace ?? true, temp: o.temp ?? false, ifNotExists: o.ifNotExists ?? false,
});
/** CREATE [OR REPLACE] [TEMP] VIEW name AS query (default: OR REPLACE, not temp). */
export const createView = (name: string, query: Query, o: CreateOptions = {}): Statement => ({
  kind: "createAs", object: "view", name, query, orReplace: o.orReplace ?? true, temp: o.temp ?? false, ifNotExists: o.ifNotExists ?? false,
});
/** CREATE TABLE name (column type, …). */
export const createTableColumns = (name: string, columns: ColumnDef[], o: CreateOptions = {}): Statement => ({
  kind: "createTable", name, columns, orReplace: o.orReplace ?? false, temp: o.temp ?? false, ifNotExists: o.ifNotExists ?? false,
});
export const insertSelect = (tableName: string, columns: string[], query: Query): Statement => ({ kind: "insert", table: tableName, columns, source: query });
export const insertValues = (tableName: string, columns: string[], rows: Expr[][]): Statement => ({ kind: "insert", table: tableName, columns, source: { kind: "valuesRows", rows } });
export const update = (tableName: string, set: { column: string; value: Expr }[], where: Expr | null = null, from: Source | null = null): Statement => ({
  kind: "update", table: tableName, set, where, from,
});
export const deleteFrom = (tableName: string, where: Expr | null = null): Statement => ({ kind: "delete", table: tableName, where });
export const alterTable = (tableName: string, action: AlterAction): Statement => ({ kind: "alterTable", table: tableName, action });
export const addColumn = (name: string, type: SqlType, dflt: Expr | null = null, ifNotExists = false): AlterAction => ({ kind: "addColumn", name, type, default: dflt, ifNotExists });
export const dropColumn = (name: string, ifExists = false): AlterAction => ({ kind: "dropColumn", name, ifExists });
export const renameColumn = (from: string, to: string): AlterAction => ({ kind: "renameColumn", from, to });
export const dropDefault = (column: string): AlterAction => ({ kind: "dropDefault", column });
/** DROP TABLE|VIEW|SEQUENCE [IF EXISTS] name (default: IF EXISTS). */
export const drop = (object: "table" | "view" | "sequence", name: string, ifExists = true): Statement => ({ kind: "drop", object, name, ifExists });
export const createSequence = (name: string, start = 1, minValue: number | null = null, orReplace = false): Statement => ({ kind: "createSequence", name, start, minValue, orReplace });
/** Several statements as one script ("a; b; c"). */
export const script = (...statements: Statement[]): Statement => ({ kind: "script", statements });

/** TIMESTAMP '…' and other typed literals: typedLit("TIMESTAMP", "2024-06-30 00:00:00"). */
export const typedLit = (type: SqlType, value: string): Expr => ({ kind: "typedLiteral", type, value });
/** arg + INTERVAL amount unit, with a constant whole amount: addInterval(col("created_at"), 90, "DAY"). */
export const addInterval = (arg: Expr, amount: number, unit: IntervalUnit): Expr => ({ kind: "addInterval", arg, amount, unit });
/** {'a': 'VARCHAR', …}: struct([["a", lit("VARCHAR")]]). */
export const struct = (fields: [string, Expr][]): Expr => ({ kind: "struct", fields: fields.map(([name, value]) => ({ name, value })) });

// ---- Files, databases and macros (DuckDB statements the benchmarks need). ----

/**
 * A number literal kept as written, for when the engine's reading of it
 * matters: in DuckDB 0.1 is a DECIMAL and 1e7 a DOUBLE, whereas lit()
 * renders every non-integer as a DOUBLE. Digits, one optional fraction and
 * exponent only; no sign (use neg()).
 */
export interface Numeral {
  kind: "numeral";
  text: string;
}

/** One option of COPY … TO: HEADER, or DELIMITER ','. */
export interface CopyOption {
  name: string;
  value: Expr | null;
}

/** CREATE [OR REPLACE] MACRO name(params) AS expr: a scalar macro. */
export interface CreateMacro {
  kind: "createMacro";
  name: string;
  params: string[];
  body: Expr;
  orReplace: boolean;
}

export type DatabaseStatement =
  /** COPY (query) TO 'path' (options), or COPY table TO … */
  | { kind: "copyTo"; source: Query | Extract<Source, { kind: "table" }>; path: string; options: CopyOption[] }
  /** ATTACH 'path' AS name [(READ_ONLY)]. */
  | { kind: "attach"; path: string; name: string; readOnly: boolean }
  | { kind: "detach"; name: string }
  | { kind: "use"; name: string }
  /** CHECKPOINT, or CHECKPOINT name for an attached database. */
  | { kind: "checkpoint"; name: string | null }
  /** COPY FROM DATABASE from TO to. */
  | { kind: "copyDatabase"; from: string; to: string }
  | CreateMacro;

/** A number as written: numeral("0.1") (DECIMAL in DuckDB), numeral("1e7") (DOUBLE). */
export const numeral = (text: string): Expr => ({ kind: "numeral", text });
/** a >> b (bit shift right). */
export const shiftRight = (left: Expr, right: Expr): Expr => binary(">>", left, right);
/** A COPY option: copyOption("HEADER"), copyOption("DELIMITER", lit(",")). */
export const copyOption = (name: string, value: Expr | null = null): CopyOption => ({ name, value });
/** COPY (query) TO 'path' (…), or, given a table name, COPY "table" TO 'path' (…). */
export const copyTo = (source: Query | string, path: string, options: CopyOption[] = []): Statement => ({
  kind: "copyTo", source: typeof source === "string" ? { kind: "table", name: source, alias: null } : source, path, options,
});
/** ATTACH 'path' AS name [(READ_ONLY)]. */
export const attach = (path: string, name: string, readOnly = false): Statement => ({ kind: "attach", path, name, readOnly });
export const detach = (name: string): Statement => ({ kind: "detach", name });
export const use = (name: string): Statement => ({ kind: "use", name });
export const checkpoint = (name: string | null = null): Statement => ({ kind: "checkpoint", name });
export const copyDatabase = (from: string, to: string): Statement => ({ kind: "copyDatabase", from, to });
/** CREATE [OR REPLACE] MACRO name(params) AS body (default: OR REPLACE); params are referenced in body as col(name). */
export const createMacro = (name: string, params: string[], body: Expr, orReplace = true): Statement => ({ kind: "createMacro", name, params, body, orReplace });
