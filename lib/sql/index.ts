export * from "./ast.js";
export { render } from "./render.js";
export type { Dialect } from "./dialect.js";
export { duckdb } from "./dialects/duckdb.js";
export { quoteIdent, quoteString, renderNumber } from "./quote.js";
