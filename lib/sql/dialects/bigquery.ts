/**
 * BigQuery (GoogleSQL). Identifiers in backticks (backslash escapes); string
 * literals with backslash escapes. BigQuery column names cannot hold "@",
 * so a generated name "@x" (lead_features' attribute columns) is spelled
 * `_at_x` — consistently, as every identifier goes through quoteIdent.
 * No FILTER clause: aggregates filter through CASE. Ages: UNIX_MILLIS
 * differences (elapsed time), never DATE_DIFF/TIMESTAMP_DIFF boundary counts.
 */
import type { IntervalUnit, SqlType } from "../ast.js";
import type { CreateHeadOptions, CreateObject, Dialect } from "../dialect.js";
import { numberRenderer, quoteStringBackslash, roundHalfAway, unsupported } from "./common.js";

const TYPES: Record<SqlType, string> = {
  DOUBLE: "FLOAT64", FLOAT: "FLOAT64", BIGINT: "INT64", INTEGER: "INT64", SMALLINT: "INT64", TINYINT: "INT64", UTINYINT: "INT64",
  USMALLINT: "INT64", UINTEGER: "INT64", UBIGINT: "NUMERIC", HUGEINT: "BIGNUMERIC", VARCHAR: "STRING", BOOLEAN: "BOOL",
  TIMESTAMP: "TIMESTAMP", TIMESTAMPTZ: "TIMESTAMP", DATE: "DATE",
};

export function quoteIdentBigQuery(name: string): string {
  if (typeof name !== "string" || name.length === 0) throw new Error(`quoteIdent: an identifier must be a non-empty string; received ${JSON.stringify(name)}`);
  if (name.includes("\u0000")) throw new Error(`quoteIdent: an identifier may not contain a NUL character; received ${JSON.stringify(name)}`);
  const n = name.startsWith("@") ? `_at_${name.slice(1)}` : name;
  return `\`${n.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}

/** GoogleSQL's reserved keywords (a CTE name among them stays quoted). */
const RESERVED = new Set(
  ("ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT " +
    "ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF IGNORE IN INNER " +
    "INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION " +
    "PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION " +
    "UNNEST USING WHEN WHERE WINDOW WITH WITHIN").split(" "),
);

export const bigquery: Dialect = {
  name: "bigquery",
  quoteIdent: quoteIdentBigQuery,
  /** A plain CTE name unquoted (some GoogleSQL tools reject a quoted one), any other quoted. */
  cteName: (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name.toUpperCase()) ? name : quoteIdentBigQuery(name)),
  quoteString: quoteStringBackslash,
  renderNumber: numberRenderer("FLOAT64"),
  renderBoolean: (v: boolean) => (v ? "TRUE" : "FALSE"),
  typeName: (t: SqlType) => TYPES[t],
  callFunction(name: string, args: string[]): string {
    switch (name) {
      case "pow":
        return `POWER(${args.join(", ")})`;
      case "round":
        return args.length === 1 ? roundHalfAway(args[0]) : `ROUND(${args.join(", ")})`;
      case "epoch_ms":
        return `UNIX_MILLIS(CAST(${args[0]} AS TIMESTAMP))`;
      case "to_days":
        return `INTERVAL ${args[0]} DAY`;
      case "hash":
        return args[0];
      default:
        return `${name}(${args.join(", ")})`;
    }
  },
  interval: (value: string, unit: IntervalUnit) => `INTERVAL ${value} ${unit}`,
  addInterval: (value: string, amount: number, unit: IntervalUnit) => `${value} + INTERVAL ${amount} ${unit}`,
  integerDivide: (left: string, right: string) => `DIV(${left}, NULLIF(${right}, 0))`,
  divide: (left: string, right: string) => `(CAST(${left} AS FLOAT64) / NULLIF(${right}, 0))`,
  aggregateFilter: false,
  tryCast: (arg: string, type: string) => `SAFE_CAST(${arg} AS ${type})`,
  starExclude: (prefix: string, excluded: string[]) => `${prefix}* EXCEPT (${excluded.join(", ")})`,
  createHead(object: CreateObject, quotedName: string, o: CreateHeadOptions): string {
    if (o.orReplace && o.ifNotExists) throw new Error("render: CREATE takes OR REPLACE or IF NOT EXISTS, not both");
    if (object === "SEQUENCE") unsupported("BigQuery", "CREATE SEQUENCE");
    return `CREATE ${o.orReplace ? "OR REPLACE " : ""}${o.temp ? "TEMP " : ""}${object}${o.ifNotExists ? " IF NOT EXISTS" : ""} ${quotedName}`;
  },
};
