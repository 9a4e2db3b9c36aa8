/**
 * DuckDB (1.4 WASM and 1.5 native): the default dialect. Quoting rules are
 * those of quote.ts, unchanged.
 */
import type { IntervalUnit, SqlType } from "../ast.js";
import type { CreateHeadOptions, CreateObject, Dialect } from "../dialect.js";
import { quoteIdent, quoteString, renderNumber } from "../quote.js";

export const duckdb: Dialect = {
  name: "duckdb",
  quoteIdent,
  quoteString,
  renderNumber,
  renderBoolean: (v: boolean) => (v ? "TRUE" : "FALSE"),
  typeName: (t: SqlType) => t,
  callFunction: (name: string, args: string[]) => `${name}(${args.join(", ")})`,
  interval: (value: string, unit: IntervalUnit) => `(INTERVAL (${value}) ${unit})`,
  addInterval: (value: string, amount: number, unit: IntervalUnit) => `${value} + INTERVAL ${amount} ${unit}`,
  integerDivide: (left: string, right: string) => `(${left} // ${right})`,
  starExclude: (prefix: string, excluded: string[]) => `${prefix}* EXCLUDE (${excluded.join(", ")})`,
  createHead(object: CreateObject, quotedName: string, o: CreateHeadOptions): string {
    if (o.orReplace && o.ifNotExists) throw new Error("render: CREATE takes OR REPLACE or IF NOT EXISTS, not both");
    return `CREATE ${o.orReplace ? "OR REPLACE " : ""}${o.temp ? "TEMP " : ""}${object}${o.ifNotExists ? " IF NOT EXISTS" : ""} ${quotedName}`;
  },
};
