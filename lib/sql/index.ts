export * from "./ast.js";
export { render } from "./render.js";
export type { Dialect } from "./dialect.js";
export { duckdb } from "./dialects/duckdb.js";
export { postgres } from "./dialects/postgres.js";
export { bigquery } from "./dialects/bigquery.js";
export { snowflake } from "./dialects/snowflake.js";
export { DIALECTS, dialectByName, type DialectName } from "./dialects/index.js";
export { quoteIdent, quoteString, renderNumber } from "./quote.js";
