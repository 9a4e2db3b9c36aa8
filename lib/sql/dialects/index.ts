/** The dialects by name (the `leadscore sql --dialect` choices). */
import type { Dialect } from "../dialect.js";
import { bigquery } from "./bigquery.js";
import { duckdb } from "./duckdb.js";
import { postgres } from "./postgres.js";
import { snowflake } from "./snowflake.js";

export const DIALECTS = { duckdb, postgres, bigquery, snowflake } as const;
export type DialectName = keyof typeof DIALECTS;

/** The dialect called `name`; throws naming the choices otherwise. */
export function dialectByName(name: string): Dialect {
  if (!Object.hasOwn(DIALECTS, name)) throw new Error(`unknown SQL dialect ${JSON.stringify(name)}; choose one of ${Object.keys(DIALECTS).join(", ")}`);
  return DIALECTS[name as DialectName];
}
