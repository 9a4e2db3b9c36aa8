/**
 * Snowflake. Identifiers in double quotes (case-sensitive as written);
 * string literals with backslash escapes. No FILTER clause: aggregates
 * filter through CASE. Ages: DATE_PART(EPOCH_MILLISECOND …) differences
 * (elapsed time), never DATEDIFF boundary counts. Division through DOUBLE
 * (a NUMBER / NUMBER keeps a fixed scale and would round).
 */
import type { IntervalUnit, SqlType } from "../ast.js";
import type { CreateHeadOptions, CreateObject, Dialect } from "../dialect.js";
import { quoteIdent } from "../quote.js";
import { numberRenderer, quoteStringBackslash, roundHalfAway, unsupported, wholeLiteral } from "./common.js";

const TYPES: Record<SqlType, string> = {
  DOUBLE: "DOUBLE", FLOAT: "DOUBLE", BIGINT: "BIGINT", INTEGER: "INTEGER", SMALLINT: "SMALLINT", TINYINT: "SMALLINT", UTINYINT: "SMALLINT",
  USMALLINT: "INTEGER", UINTEGER: "BIGINT", UBIGINT: "NUMBER(20, 0)", HUGEINT: "NUMBER(38, 0)", VARCHAR: "VARCHAR", BOOLEAN: "BOOLEAN",
  TIMESTAMP: "TIMESTAMP_NTZ", TIMESTAMPTZ: "TIMESTAMP_TZ", DATE: "DATE",
};

function constantInterval(value: string, unit: string): string {
  const n = wholeLiteral(value);
  if (n === null) unsupported("Snowflake", `an INTERVAL of a non-constant amount (${value})`);
  return `INTERVAL '${n} ${unit}'`;
}

export const snowflake: Dialect = {
  name: "snowflake",
  quoteIdent,
  quoteString: quoteStringBackslash,
  renderNumber: numberRenderer("DOUBLE"),
  renderBoolean: (v: boolean) => (v ? "TRUE" : "FALSE"),
  typeName: (t: SqlType) => TYPES[t],
  callFunction(name: string, args: string[]): string {
    switch (name) {
      case "pow":
        return `POWER(${args.join(", ")})`;
      case "round":
        return args.length === 1 ? roundHalfAway(args[0]) : `ROUND(${args.join(", ")})`;
      case "epoch_ms":
        return `DATE_PART(EPOCH_MILLISECOND, ${args[0]})`;
      case "to_days":
        return constantInterval(args[0], "DAY");
      case "hash":
        return args[0];
      default:
        return `${name}(${args.join(", ")})`;
    }
  },
  interval: (value: string, unit: IntervalUnit) => constantInterval(value, unit),
  addInterval: (value: string, amount: number, unit: IntervalUnit) => `DATEADD(${unit}, ${amount}, ${value})`,
  integerDivide: (left: string, right: string) => `TRUNC(CAST(${left} AS DOUBLE) / NULLIF(${right}, 0))`,
  divide: (left: string, right: string) => `(CAST(${left} AS DOUBLE) / NULLIF(${right}, 0))`,
  aggregateFilter: false,
  tryCast: (arg: string, type: string) => `TRY_CAST(${arg} AS ${type})`,
  starExclude: (prefix: string, excluded: string[]) => `${prefix}* EXCLUDE (${excluded.join(", ")})`,
  createHead(object: CreateObject, quotedName: string, o: CreateHeadOptions): string {
    if (o.orReplace && o.ifNotExists) throw new Error("render: CREATE takes OR REPLACE or IF NOT EXISTS, not both");
    return `CREATE ${o.orReplace ? "OR REPLACE " : ""}${o.temp ? "TEMPORARY " : ""}${object}${o.ifNotExists ? " IF NOT EXISTS" : ""} ${quotedName}`;
  },
};
