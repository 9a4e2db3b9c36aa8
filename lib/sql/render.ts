/**
 * Renders the typed SQL tree (ast.ts) to SQL text with one exhaustive switch.
 * Every sub-expression is parenthesised, so precedence never depends on the
 * tree's shape. Identifiers, literals, type names and function spellings go
 * through the dialect (dialect.ts; DuckDB by default), whose quoting is
 * quote.ts: render() and the dialects are its only callers.
 */
import {
  ALLOWED_FUNCTIONS, BINARY_OPS, SQL_TYPES, type AlterAction, type ColumnDef, type Cte, type Expr, type Frame, type FrameBound, type Join, type Node,
  type OrderItem, type Query, type Select, type SetOperation, type Source, type SqlType, type Statement,
} from "./ast.js";
import type { Dialect } from "./dialect.js";
import { duckdb } from "./dialects/duckdb.js";

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INTERVAL_UNITS = new Set(["MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "YEAR"]);

function unreachable(node: never): never {
  throw new Error(`render: unknown SQL node ${JSON.stringify(node)}`);
}

/** One render pass bound to a dialect. */
class Renderer {
  constructor(private readonly d: Dialect) {}

  private list(xs: Expr[]): string {
    return xs.map((x) => this.node(x)).join(", ");
  }
  private ident(name: string): string {
    return this.d.quoteIdent(name);
  }
  private type(t: SqlType): string {
    if (!(SQL_TYPES as readonly string[]).includes(t)) throw new Error(`render: cannot cast to ${JSON.stringify(t)}`);
    return this.d.typeName(t);
  }
  private fnName(name: string, what: string): string {
    if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
      throw new Error(`render: ${what} name must be a plain name (letters, digits, _); received ${JSON.stringify(name)}`);
    }
    return name;
  }
  private count(n: number, what: string): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`render: ${what} must be a non-negative integer; received ${String(n)}`);
    return String(n);
  }

  /** A comparison operand: an interval addition needs no parentheses there (`+` binds tighter than comparisons). */
  private operand(e: Expr): string {
    return e.kind === "addInterval" ? this.addInterval(e) : this.node(e);
  }
  private addInterval(e: Extract<Expr, { kind: "addInterval" }>): string {
    if (!INTERVAL_UNITS.has(e.unit)) throw new Error(`render: unknown interval unit ${JSON.stringify(e.unit)}`);
    if (!Number.isSafeInteger(e.amount) || e.amount < 0) throw new Error(`render: an interval amount must be a non-negative whole number; received ${String(e.amount)}`);
    return this.d.addInterval(this.node(e.arg), e.amount, e.unit);
  }

  private verbatim(sql: string): string {
    if (typeof sql !== "string" || sql.trim() === "") throw new Error("render: a verbatim fragment must be non-empty text");
    return sql;
  }

  private orderItem(o: Expr | OrderItem): string {
    if (o.kind !== "orderItem") return this.node(o);
    const nulls = o.nulls === null ? "" : o.nulls === "first" ? " NULLS FIRST" : " NULLS LAST";
    return `${this.node(o.expr)}${o.desc ? " DESC" : " ASC"}${nulls}`;
  }
  private orderBy(xs: (Expr | OrderItem)[]): string {
    return xs.length ? ` ORDER BY ${xs.map((x) => this.orderItem(x)).join(", ")}` : "";
  }
  private with(ctes: Cte[] | undefined): string {
    if (!ctes || ctes.length === 0) return "";
    const parts = ctes.map((c) => {
      const cols = c.columns && c.columns.length ? ` (${c.columns.map((n) => this.ident(n)).join(", ")})` : "";
      return `${this.d.cteName ? this.d.cteName(c.name) : this.ident(c.name)}${cols} AS ${c.materialized ? "MATERIALIZED " : ""}(${this.query(c.query)})`;
    });
    return `WITH ${parts.join(", ")} `;
  }
  private limit(limit: number | null | undefined, offset: number | null | undefined): string {
    let out = "";
    if (limit !== null && limit !== undefined) out += ` LIMIT ${this.count(limit, "LIMIT")}`;
    if (offset !== null && offset !== undefined) out += ` OFFSET ${this.count(offset, "OFFSET")}`;
    return out;
  }

  select(s: Select): string {
    if (s.columns.length === 0) throw new Error("render: a SELECT needs at least one column; received none");
    const cols = s.columns.map((c) => (c.as === null || c.as === undefined ? this.node(c.expr) : `${this.node(c.expr)} AS ${this.ident(c.as)}`));
    let out = `${this.with(s.with)}SELECT ${s.distinct ? "DISTINCT " : ""}${cols.join(", ")}`;
    if (s.from !== null) out += ` FROM ${this.source(s.from)}`;
    else if (s.joins.length) throw new Error("render: a SELECT with joins needs a FROM source");
    for (const j of s.joins) out += ` ${this.join(j)}`;
    if (s.where) out += ` WHERE ${this.node(s.where)}`;
    if (s.groupBy.length) out += ` GROUP BY ${this.list(s.groupBy)}`;
    if (s.having) out += ` HAVING ${this.node(s.having)}`;
    out += this.orderBy(s.orderBy);
    out += this.limit(s.limit, s.offset);
    return out;
  }

  private join(j: Join): string {
    const kw = { inner: "JOIN", left: "LEFT JOIN", right: "RIGHT JOIN", full: "FULL JOIN", cross: "CROSS JOIN" }[j.type];
    if (!kw) throw new Error(`render: unknown join type ${JSON.stringify(j.type)}`);
    const src = this.source(j.source);
    if (j.type === "cross") {
      if (j.on !== null || (j.using && j.using.length)) throw new Error("render: a CROSS JOIN takes no ON or USING");
      return `${kw} ${src}`;
    }
    if (j.using && j.using.length) {
      if (j.on !== null) throw new Error("render: a join takes ON or USING, not both");
      return `${kw} ${src} USING (${j.using.map((n) => this.ident(n)).join(", ")})`;
    }
    if (j.on === null) throw new Error(`render: a ${j.type} join needs an ON condition or USING columns`);
    return `${kw} ${src} ON ${this.node(j.on)}`;
  }

  private setOperation(s: SetOperation): string {
    if (s.queries.length === 0) throw new Error("render: a set operation needs at least one query; received none");
    const kw = { union: " UNION ", unionAll: " UNION ALL ", intersect: " INTERSECT ", except: " EXCEPT " }[s.op];
    if (!kw) throw new Error(`render: unknown set operation ${JSON.stringify(s.op)}`);
    const body = s.queries.map((q) => `(${this.query(q)})`).join(kw);
    return `${this.with(s.with)}${body}${this.orderBy(s.orderBy)}${this.limit(s.limit, null)}`;
  }

  query(q: Query): string {
    switch (q.kind) {
      case "select":
        return this.select(q);
      case "setOperation":
        return this.setOperation(q);
      case "verbatim":
        return this.verbatim(q.sql);
      default:
        return unreachable(q);
    }
  }

  source(s: Source): string {
    switch (s.kind) {
      case "table": {
        const name = s.schema === null || s.schema === undefined ? this.ident(s.name) : `${this.ident(s.schema)}.${this.ident(s.name)}`;
        return s.alias === null ? name : `${name} AS ${this.ident(s.alias)}`;
      }
      case "subquery":
        return `(${this.query(s.select)}) AS ${this.ident(s.alias)}`;
      case "tableFunction": {
        const call = `${this.fnName(s.name, "table function")}(${this.list(s.args)})`;
        if (s.columns && s.columns.length && s.alias === null) throw new Error("render: column names of a table function need an alias");
        const cols = s.columns && s.columns.length ? `(${s.columns.map((n) => this.ident(n)).join(", ")})` : "";
        return s.alias === null ? call : `${call} AS ${this.ident(s.alias)}${cols}`;
      }
      case "values":
        return `(${this.valuesRows(s.rows, s.columns.length)}) AS ${this.ident(s.alias)}(${s.columns.map((n) => this.ident(n)).join(", ")})`;
      case "verbatim":
        return this.verbatim(s.sql);
      default:
        return unreachable(s);
    }
  }

  private valuesRows(rows: Expr[][], width: number | null): string {
    if (rows.length === 0) throw new Error("render: VALUES needs at least one row; received none");
    const w = width ?? rows[0].length;
    for (const r of rows) {
      if (r.length === 0 || r.length !== w) throw new Error(`render: every VALUES row needs ${w} value(s); received ${r.length}`);
    }
    return `VALUES ${rows.map((r) => `(${this.list(r)})`).join(", ")}`;
  }

  private frameBound(b: FrameBound): string {
    if (b === "unboundedPreceding") return "UNBOUNDED PRECEDING";
    if (b === "unboundedFollowing") return "UNBOUNDED FOLLOWING";
    if (b === "currentRow") return "CURRENT ROW";
    if ("preceding" in b) return `${this.count(b.preceding, "a frame offset")} PRECEDING`;
    return `${this.count(b.following, "a frame offset")} FOLLOWING`;
  }
  private frame(f: Frame): string {
    return `${f.type === "rows" ? "ROWS" : "RANGE"} BETWEEN ${this.frameBound(f.start)} AND ${this.frameBound(f.end)}`;
  }

  private alter(a: AlterAction): string {
    switch (a.kind) {
      case "addColumn":
        return `ADD COLUMN ${a.ifNotExists ? "IF NOT EXISTS " : ""}${this.ident(a.name)} ${this.type(a.type)}${a.default === null ? "" : ` DEFAULT ${this.node(a.default)}`}`;
      case "dropColumn":
        return `DROP COLUMN ${a.ifExists ? "IF EXISTS " : ""}${this.ident(a.name)}`;
      case "renameColumn":
        return `RENAME COLUMN ${this.ident(a.from)} TO ${this.ident(a.to)}`;
      case "setDefault":
        return `ALTER COLUMN ${this.ident(a.column)} SET DEFAULT ${this.node(a.default)}`;
      case "dropDefault":
        return `ALTER COLUMN ${this.ident(a.column)} DROP DEFAULT`;
      case "setType":
        return `ALTER COLUMN ${this.ident(a.column)} TYPE ${this.type(a.type)}${a.using === null ? "" : ` USING ${this.node(a.using)}`}`;
      case "renameTable":
        return `RENAME TO ${this.ident(a.to)}`;
      default:
        return unreachable(a);
    }
  }

  private statement(s: Statement): string {
    switch (s.kind) {
      case "select":
        return this.select(s);
      case "setOperation":
        return this.setOperation(s);
      case "verbatim":
        return this.verbatim(s.sql);
      case "createTableAs":
        return `${this.d.createHead("TABLE", this.ident(s.name), { orReplace: true, temp: false, ifNotExists: false })} AS ${this.select(s.select)}`;
      case "dropTable":
        return `DROP TABLE IF EXISTS ${this.ident(s.name)}`;
      case "describe":
        return `DESCRIBE ${this.ident(s.name)}`;
      case "showTables":
        return "SHOW TABLES";
      case "createAs": {
        const obj = s.object === "view" ? "VIEW" : s.object === "table" ? "TABLE" : null;
        if (obj === null) throw new Error(`render: cannot CREATE ${JSON.stringify(s.object)} AS`);
        return `${this.d.createHead(obj, this.ident(s.name), s)} AS ${this.query(s.query)}`;
      }
      case "createTable": {
        if (s.columns.length === 0) throw new Error("render: CREATE TABLE needs at least one column; received none");
        const head = this.d.createHead("TABLE", this.ident(s.name), s);
        const def = (c: ColumnDef) =>
          `${this.ident(c.name)} ${typeof c.type === "string" ? this.type(c.type) : this.verbatim(c.type.sql)}${c.primaryKey ? " PRIMARY KEY" : ""}${c.notNull ? " NOT NULL" : ""}`;
        return `${head} (${s.columns.map(def).join(", ")})`;
      }
      case "insert": {
        const cols = s.columns.length ? ` (${s.columns.map((n) => this.ident(n)).join(", ")})` : "";
        const body = s.source.kind === "valuesRows" ? this.valuesRows(s.source.rows, s.columns.length || null) : this.query(s.source);
        return `INSERT INTO ${this.ident(s.table)}${cols} ${body}`;
      }
      case "update": {
        if (s.set.length === 0) throw new Error("render: UPDATE needs at least one SET column; received none");
        const set = s.set.map((x) => `${this.ident(x.column)} = ${this.node(x.value)}`).join(", ");
        const from = s.from ? ` FROM ${this.source(s.from)}` : "";
        return `UPDATE ${this.ident(s.table)} SET ${set}${from}${s.where ? ` WHERE ${this.node(s.where)}` : ""}`;
      }
      case "delete":
        return `DELETE FROM ${this.ident(s.table)}${s.where ? ` WHERE ${this.node(s.where)}` : ""}`;
      case "alterTable":
        return `ALTER TABLE ${this.ident(s.table)} ${this.alter(s.action)}`;
      case "drop": {
        const obj = { table: "TABLE", view: "VIEW", sequence: "SEQUENCE" }[s.object];
        if (!obj) throw new Error(`render: cannot DROP ${JSON.stringify(s.object)}`);
        return `DROP ${obj} ${s.ifExists ? "IF EXISTS " : ""}${this.ident(s.name)}`;
      }
      case "createSequence": {
        const head = this.d.createHead("SEQUENCE", this.ident(s.name), { orReplace: s.orReplace, temp: false, ifNotExists: false });
        const min = s.minValue === null ? "" : ` MINVALUE ${this.d.renderNumber(s.minValue)}`;
        return `${head} START ${this.d.renderNumber(s.start)}${min}`;
      }
      case "set":
        return `SET ${this.fnName(s.name, "setting")} = ${this.node(s.value)}`;
      case "script":
        if (s.statements.length === 0) throw new Error("render: a script needs at least one statement; received none");
        return s.statements.map((x) => this.statement(x)).join("; ");
      case "copyTo": {
        const src = s.source.kind === "table" ? this.source(s.source) : `(${this.query(s.source)})`;
        const opts = s.options.map((o) => `${this.fnName(o.name, "COPY option")}${o.value === null ? "" : ` ${this.node(o.value)}`}`);
        return `COPY ${src} TO ${this.d.quoteString(s.path)}${opts.length ? ` (${opts.join(", ")})` : ""}`;
      }
      case "attach":
        return `ATTACH ${this.d.quoteString(s.path)} AS ${this.ident(s.name)}${s.readOnly ? " (READ_ONLY)" : ""}`;
      case "detach":
        return `DETACH ${this.ident(s.name)}`;
      case "use":
        return `USE ${this.ident(s.name)}`;
      case "checkpoint":
        return s.name === null ? "CHECKPOINT" : `CHECKPOINT ${this.ident(s.name)}`;
      case "copyDatabase":
        return `COPY FROM DATABASE ${this.ident(s.from)} TO ${this.ident(s.to)}`;
      case "createMacro": {
        const params = s.params.map((n) => this.ident(n)).join(", ");
        return `CREATE ${s.orReplace ? "OR REPLACE " : ""}MACRO ${this.ident(s.name)}(${params}) AS ${this.node(s.body)}`;
      }
      default:
        return unreachable(s);
    }
  }

  node(node: Node): string {
    switch (node.kind) {
      case "column":
        return node.table === null ? this.ident(node.name) : `${this.ident(node.table)}.${this.ident(node.name)}`;
      case "literal": {
        const v = node.value;
        if (v === null) return "NULL";
        if (typeof v === "boolean") return this.d.renderBoolean(v);
        if (typeof v === "number") return this.d.renderNumber(v);
        if (typeof v === "string") return this.d.quoteString(v);
        throw new Error(`render: a literal must be a string, number, boolean or null; received ${typeof v}`);
      }
      case "comparison":
        return `(${this.operand(node.left)} ${node.op} ${this.operand(node.right)})`;
      case "and":
        return node.args.length === 0 ? this.d.renderBoolean(true) : `(${node.args.map((a) => this.node(a)).join(" AND ")})`;
      case "or":
        return node.args.length === 0 ? this.d.renderBoolean(false) : `(${node.args.map((a) => this.node(a)).join(" OR ")})`;
      case "not":
        return `(NOT ${this.node(node.arg)})`;
      case "isNull":
        return `(${this.node(node.arg)} IS ${node.negated ? "NOT " : ""}NULL)`;
      case "in":
        if (node.values.length === 0) throw new Error("render: an IN list needs at least one value; received an empty list");
        return `(${this.node(node.arg)} ${node.negated ? "NOT IN" : "IN"} (${this.list(node.values)}))`;
      case "case": {
        if (node.whens.length === 0) throw new Error("render: a CASE needs at least one WHEN; received none");
        const whens = node.whens.map((w) => `WHEN ${this.node(w.when)} THEN ${this.node(w.then)}`).join(" ");
        return `(CASE ${whens}${node.else === null ? "" : ` ELSE ${this.node(node.else)}`} END)`;
      }
      case "sum":
        return this.d.callFunction("sum", [this.node(node.arg)]);
      case "coalesce":
        return this.d.callFunction("coalesce", node.args.map((a) => this.node(a)));
      case "arithmetic":
        if (node.op === "/" && this.d.divide) return this.d.divide(this.node(node.left), this.node(node.right));
        return `(${this.node(node.left)} ${node.op} ${this.node(node.right)})`;
      case "call":
        if (!(ALLOWED_FUNCTIONS as readonly string[]).includes(node.fn)) {
          throw new Error(`render: function ${JSON.stringify(node.fn)} is not allowed; use one of ${ALLOWED_FUNCTIONS.join(", ")}`);
        }
        return this.d.callFunction(node.fn, node.args.map((a) => this.node(a)));
      case "cast":
        return `CAST(${this.node(node.arg)} AS ${this.type(node.type)})`;
      case "tryCast":
        if (this.d.tryCast) return this.d.tryCast(this.node(node.arg), this.type(node.type));
        return `TRY_CAST(${this.node(node.arg)} AS ${this.type(node.type)})`;
      case "function":
        return this.d.callFunction(this.fnName(node.name, "function"), node.args.map((a) => this.node(a)));
      case "aggregate": {
        const name = this.fnName(node.name, "aggregate");
        if (node.star && node.args.length) throw new Error("render: an aggregate takes * or arguments, not both");
        if (node.star && node.distinct) throw new Error("render: DISTINCT * is not an aggregate argument");
        if (node.filter !== null && this.d.aggregateFilter === false) {
          // agg(x) FILTER (WHERE c) = agg(CASE WHEN c THEN x END); count(*) FILTER (WHERE c) = count(CASE WHEN c THEN 1 END).
          if (node.args.length > 1) throw new Error(`render: ${this.d.name} has no FILTER clause; an aggregate with a filter takes one argument here`);
          const guarded = (x: string) => `(CASE WHEN ${this.node(node.filter!)} THEN ${x} END)`;
          const arg = node.star ? guarded("1") : guarded(this.node(node.args[0]));
          return `${name}(${node.distinct ? "DISTINCT " : ""}${arg}${this.orderBy(node.orderBy)})`;
        }
        const inner = node.star ? "*" : `${node.distinct ? "DISTINCT " : ""}${this.list(node.args)}${this.orderBy(node.orderBy)}`;
        const call = `${name}(${inner})`;
        return node.filter === null ? call : `${call} FILTER (WHERE ${this.node(node.filter)})`;
      }
      case "window": {
        if (node.fn.kind !== "function" && node.fn.kind !== "aggregate" && node.fn.kind !== "sum" && node.fn.kind !== "call") {
          throw new Error(`render: OVER applies to a function or aggregate; received ${node.fn.kind}`);
        }
        const parts: string[] = [];
        if (node.partitionBy.length) parts.push(`PARTITION BY ${this.list(node.partitionBy)}`);
        const ob = this.orderBy(node.orderBy).trim();
        if (ob) parts.push(ob);
        if (node.frame) parts.push(this.frame(node.frame));
        return `(${this.node(node.fn)} OVER (${parts.join(" ")}))`;
      }
      case "binary":
        if (!BINARY_OPS.includes(node.op)) throw new Error(`render: unknown operator ${JSON.stringify(node.op)}`);
        if (node.op === "//") return this.d.integerDivide(this.node(node.left), this.node(node.right));
        return `(${this.node(node.left)} ${node.op} ${this.node(node.right)})`;
      case "negate":
        return `(- ${this.node(node.arg)})`;
      case "between":
        return `(${this.node(node.arg)} ${node.negated ? "NOT BETWEEN" : "BETWEEN"} ${this.node(node.low)} AND ${this.node(node.high)})`;
      case "scalarSubquery":
        return `(${this.query(node.query)})`;
      case "exists":
        return `(${node.negated ? "NOT EXISTS" : "EXISTS"} (${this.query(node.query)}))`;
      case "inQuery":
        return `(${this.node(node.arg)} ${node.negated ? "NOT IN" : "IN"} (${this.query(node.query)}))`;
      case "interval":
        if (!INTERVAL_UNITS.has(node.unit)) throw new Error(`render: unknown interval unit ${JSON.stringify(node.unit)}`);
        return this.d.interval(this.node(node.value), node.unit);
      case "list":
        return `[${this.list(node.values)}]`;
      case "star": {
        const prefix = node.table === null ? "" : `${this.ident(node.table)}.`;
        return node.exclude.length ? this.d.starExclude(prefix, node.exclude.map((n) => this.ident(n))) : `${prefix}*`;
      }
      case "namedArg":
        return `${this.fnName(node.name, "argument")} = ${this.node(node.value)}`;
      case "verbatim":
        return this.verbatim(node.sql);
      case "typedLiteral":
        return `${this.type(node.type)} ${this.d.quoteString(node.value)}`;
      case "addInterval":
        return `(${this.addInterval(node)})`;
      case "struct":
        if (node.fields.length === 0) throw new Error("render: a struct literal needs at least one field; received none");
        return `{${node.fields.map((f) => `${this.d.quoteString(f.name)}: ${this.node(f.value)}`).join(", ")}}`;
      case "orderItem":
        return this.orderItem(node);
      case "table":
      case "subquery":
      case "tableFunction":
      case "values":
        return this.source(node);
      case "numeral":
        if (typeof node.text !== "string" || !/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(node.text)) {
          throw new Error(`render: a numeral is digits with an optional fraction and exponent; received ${JSON.stringify(node.text)}`);
        }
        return node.text;
      default:
        return this.statement(node);
    }
  }
}

/**
 * Renders a node to SQL text in a dialect (DuckDB by default).
 * @example render(eq(col("job level", "l"), lit("VP"))) // => `("l"."job level" = 'VP')`
 * Throws on non-finite numbers, empty IN lists, functions outside ALLOWED_FUNCTIONS
 * (for `call`), non-plain function names (for `fn`/`agg`) and unknown node kinds.
 */
export function render(node: Node, dialect: Dialect = duckdb): string {
  return new Renderer(dialect).node(node);
}
