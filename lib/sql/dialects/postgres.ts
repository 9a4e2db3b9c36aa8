/**
 * PostgreSQL (13+). Identifiers and strings as DuckDB ("…", '…' with quotes
 * doubled: standard_conforming_strings). See common.ts for round, hash and
 * division; ages are (epoch ms) differences from EXTRACT(EPOCH …), never
 * date-part boundary counts.
 */
import type { IntervalUnit, SqlType } from "../ast.js";
import type { CreateHeadOptions, CreateObject, Dialect } from "../dialect.js";
import { quoteIdent } from "../quote.js";
import { numberRenderer, quoteStringStandard, roundHalfAway, unsupported } from "./common.js";

const TYPES: Record<SqlType, string> = {
  DOUBLE: "DOUBLE PRECISION", FLOAT: "REAL", BIGINT: "BIGINT", INTEGER: "INTEGER", SMALLINT: "SMALLINT", TINYINT: "SMALLINT",
  UTINYINT: "SMALLINT", USMALLINT: "INTEGER", UINTEGER: "BIGINT", UBIGINT: "NUMERIC(20)", HUGEINT: "NUMERIC(39)", VARCHAR: "TEXT",
  BOOLEAN: "BOOLEAN", TIMESTAMP: "TIMESTAMP", TIMESTAMPTZ: "TIMESTAMPTZ", DATE: "DATE",
};

/** FNV-1a 32-bit of a string, 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * PostgreSQL truncates identifiers to 63 bytes (silently, so two long
 * generated names could meet). A longer name, which no PostgreSQL table can
 * already hold, is spelled as its first bytes + "_" + a hash of the whole:
 * the same every time it is rendered, and distinct for distinct names
 * (barring a 32-bit hash collision between two names sharing their first 54 bytes).
 */
const bytes = (s: string) => new TextEncoder().encode(s).length;
export function fitIdent(name: string): string {
  if (bytes(name) <= 63) return name;
  let head = name.slice(0, 54);
  while (bytes(head) > 54) head = head.slice(0, -1);
  return `${head}_${fnv1a(name)}`;
}

export const postgres: Dialect = {
  name: "postgres",
  quoteIdent: (name: string) => quoteIdent(fitIdent(name)),
  quoteString: quoteStringStandard,
  renderNumber: numberRenderer("DOUBLE PRECISION"),
  renderBoolean: (v: boolean) => (v ? "TRUE" : "FALSE"),
  typeName: (t: SqlType) => TYPES[t],
  callFunction(name: string, args: string[]): string {
    switch (name) {
      case "pow": {
        // PostgreSQL raises "value out of range: underflow" where pow() gives 0 (e.g. a decay weight
        // 0.5^(age / h) of an activity years old): 0 below e^-745 (the smallest double is e^-744.4).
        const [a, b] = args;
        return `(CASE WHEN ${a} > 0 AND ${a} < 1 AND ${b} * LN(GREATEST(${a}, CAST('1e-300' AS DOUBLE PRECISION))) < -745 THEN CAST(0 AS DOUBLE PRECISION) ELSE POWER(${a}, ${b}) END)`;
      }
      case "round":
        if (args.length === 1) return roundHalfAway(args[0]);
        return `CAST(ROUND(CAST(${args[0]} AS NUMERIC), ${args[1]}) AS DOUBLE PRECISION)`;
      case "epoch_ms":
        return `CAST(FLOOR(EXTRACT(EPOCH FROM ${args[0]}) * 1000) AS BIGINT)`;
      case "to_days":
        return `(${args[0]} * INTERVAL '1 day')`;
      case "hash":
        return args[0];
      default:
        return `${name}(${args.join(", ")})`;
    }
  },
  interval: (value: string, unit: IntervalUnit) => `((${value}) * INTERVAL '1 ${unit}')`,
  addInterval: (value: string, amount: number, unit: IntervalUnit) => `${value} + INTERVAL '${amount} ${unit}'`,
  integerDivide: (left: string, right: string) => `(CAST(${left} AS BIGINT) / NULLIF(CAST(${right} AS BIGINT), 0))`,
  divide: (left: string, right: string) => `(CAST(${left} AS DOUBLE PRECISION) / NULLIF(${right}, 0))`,
  aggregateFilter: false,
  tryCast: () => unsupported("PostgreSQL", "TRY_CAST"),
  starExclude: () => unsupported("PostgreSQL", "* EXCLUDE"),
  createHead(object: CreateObject, quotedName: string, o: CreateHeadOptions): string {
    if (o.orReplace && o.ifNotExists) throw new Error("render: CREATE takes OR REPLACE or IF NOT EXISTS, not both");
    const drop = o.orReplace ? `DROP ${object} IF EXISTS ${quotedName}; ` : "";
    return `${drop}CREATE ${o.temp ? "TEMP " : ""}${object}${o.ifNotExists ? " IF NOT EXISTS" : ""} ${quotedName}`;
  },
};
