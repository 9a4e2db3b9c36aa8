/**
 * Bulk-copy statements (issue 18: `leadscore load --engine postgres`), kept
 * in lib/sql with the rest of the SQL text: DuckDB writes a query to a CSV
 * file, PostgreSQL reads CSV from the client (COPY … FROM STDIN).
 */
import type { Query } from "./ast.js";
import type { Dialect } from "./dialect.js";
import { postgres } from "./dialects/postgres.js";
import { quoteString } from "./quote.js";
import { render } from "./render.js";

/** DuckDB: COPY (query) TO 'path' as headerless CSV (NULL as an empty cell, an empty string as ""). */
export function copyToCsvFile(query: Query, path: string): string {
  return `COPY (${render(query)}) TO ${quoteString(path)} (FORMAT csv, HEADER false)`;
}

/** PostgreSQL: COPY table (columns) FROM STDIN as CSV (an unquoted empty cell is NULL). */
export function copyFromStdinCsv(table: string, columns: string[], dialect: Dialect = postgres): string {
  return `COPY ${dialect.quoteIdent(table)} (${columns.map((c) => dialect.quoteIdent(c)).join(", ")}) FROM STDIN WITH (FORMAT csv)`;
}

/** PostgreSQL: ANALYZE table (fresh planner statistics after a load or a CREATE TABLE AS). */
export function analyzeTable(table: string, dialect: Dialect = postgres): string {
  return `ANALYZE ${dialect.quoteIdent(table)}`;
}

/** PostgreSQL: EXPLAIN (ANALYZE, FORMAT JSON) of a rendered query (runs it; the plan with actual times). */
export function explainAnalyzeJson(querySql: string): string {
  return `EXPLAIN (ANALYZE, FORMAT JSON) ${querySql}`;
}
