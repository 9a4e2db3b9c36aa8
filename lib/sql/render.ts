/**
 * Renders the typed SQL tree (ast.ts) to DuckDB SQL text with one exhaustive
 * switch. Every sub-expression is parenthesised, so precedence never depends
 * on the tree's shape. Identifiers and literals go through quote.ts only.
 */
import { ALLOWED_FUNCTIONS, type Expr, type Node, type Select, type Source } from "./ast.js";
import { quoteIdent, quoteString, renderNumber } from "./quote.js";

const SQL_TYPES = new Set(["DOUBLE", "BIGINT", "INTEGER", "TINYINT", "UTINYINT", "VARCHAR", "BOOLEAN", "TIMESTAMP"]);
const list = (xs: Expr[]) => xs.map(render).join(", ");

function unreachable(node: never): never {
  throw new Error(`render: unknown SQL node ${JSON.stringify(node)}`);
}

function renderSelect(s: Select): string {
  if (s.columns.length === 0) throw new Error("render: a SELECT needs at least one column; received none");
  let out = `SELECT ${s.columns.map((c) => `${render(c.expr)} AS ${quoteIdent(c.as)}`).join(", ")} FROM ${render(s.from)}`;
  for (const j of s.joins) out += ` ${j.type === "left" ? "LEFT JOIN" : "JOIN"} ${render(j.source)} ON ${render(j.on)}`;
  if (s.where) out += ` WHERE ${render(s.where)}`;
  if (s.groupBy.length) out += ` GROUP BY ${list(s.groupBy)}`;
  if (s.orderBy.length) out += ` ORDER BY ${list(s.orderBy)}`;
  return out;
}

function renderSource(s: Source): string {
  switch (s.kind) {
    case "table":
      return s.alias === null ? quoteIdent(s.name) : `${quoteIdent(s.name)} AS ${quoteIdent(s.alias)}`;
    case "subquery":
      return `(${renderSelect(s.select)}) AS ${quoteIdent(s.alias)}`;
  }
}

/**
 * Renders a node to SQL text.
 * @example render(eq(col("job level", "l"), lit("VP"))) // => `("l"."job level" = 'VP')`
 * Throws on non-finite numbers, empty IN lists, functions outside ALLOWED_FUNCTIONS
 * and unknown node kinds.
 */
export function render(node: Node): string {
  switch (node.kind) {
    case "column":
      return node.table === null ? quoteIdent(node.name) : `${quoteIdent(node.table)}.${quoteIdent(node.name)}`;
    case "literal": {
      const v = node.value;
      if (v === null) return "NULL";
      if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
      if (typeof v === "number") return renderNumber(v);
      if (typeof v === "string") return quoteString(v);
      throw new Error(`render: a literal must be a string, number, boolean or null; received ${typeof v}`);
    }
    case "comparison":
      return `(${render(node.left)} ${node.op} ${render(node.right)})`;
    case "and":
      return node.args.length === 0 ? "TRUE" : `(${node.args.map(render).join(" AND ")})`;
    case "or":
      return node.args.length === 0 ? "FALSE" : `(${node.args.map(render).join(" OR ")})`;
    case "not":
      return `(NOT ${render(node.arg)})`;
    case "isNull":
      return `(${render(node.arg)} IS ${node.negated ? "NOT " : ""}NULL)`;
    case "in":
      if (node.values.length === 0) throw new Error("render: an IN list needs at least one value; received an empty list");
      return `(${render(node.arg)} ${node.negated ? "NOT IN" : "IN"} (${list(node.values)}))`;
    case "case": {
      if (node.whens.length === 0) throw new Error("render: a CASE needs at least one WHEN; received none");
      const whens = node.whens.map((w) => `WHEN ${render(w.when)} THEN ${render(w.then)}`).join(" ");
      return `(CASE ${whens}${node.else === null ? "" : ` ELSE ${render(node.else)}`} END)`;
    }
    case "sum":
      return `sum(${render(node.arg)})`;
    case "coalesce":
      return `coalesce(${list(node.args)})`;
    case "arithmetic":
      return `(${render(node.left)} ${node.op} ${render(node.right)})`;
    case "call":
      if (!(ALLOWED_FUNCTIONS as readonly string[]).includes(node.fn)) {
        throw new Error(`render: function ${JSON.stringify(node.fn)} is not allowed; use one of ${ALLOWED_FUNCTIONS.join(", ")}`);
      }
      return `${node.fn}(${list(node.args)})`;
    case "cast":
      if (!SQL_TYPES.has(node.type)) throw new Error(`render: cannot cast to ${JSON.stringify(node.type)}`);
      return `CAST(${render(node.arg)} AS ${node.type})`;
    case "table":
    case "subquery":
      return renderSource(node);
    case "select":
      return renderSelect(node);
    case "createTableAs":
      return `CREATE OR REPLACE TABLE ${quoteIdent(node.name)} AS ${renderSelect(node.select)}`;
    case "dropTable":
      return `DROP TABLE IF EXISTS ${quoteIdent(node.name)}`;
    case "describe":
      return `DESCRIBE ${quoteIdent(node.name)}`;
    case "showTables":
      return "SHOW TABLES";
    default:
      return unreachable(node);
  }
}
