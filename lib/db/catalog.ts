/**
 * Queries of DuckDB's catalog for the main schema, as SQL trees. They read
 * duckdb_tables() / duckdb_views() / duckdb_columns(), not
 * information_schema: its first use costs ~100 ms in DuckDB-WASM.
 */
import { and, as, cast, col, count, eq, fn, lit, not, select, tableFunction, unionAll, type Query, type Select } from "../sql/index.js";

const MAIN = eq(col("schema_name"), lit("main"));

/** The main schema's persistent tables: one row per table, column `name`, by name. */
export function mainTablesQuery(): Select {
  return select({
    columns: [as(col("table_name"), "name")],
    from: tableFunction("duckdb_tables"),
    where: and(MAIN, not(col("temporary"))),
    orderBy: [col("table_name")],
  });
}

/** The main schema's persistent user views: one row per view, column `name`, in creation order. */
export function mainViewsQuery(): Select {
  return select({
    columns: [as(col("view_name"), "name")],
    from: tableFunction("duckdb_views"),
    where: and(MAIN, not(col("internal")), not(col("temporary"))),
    orderBy: [col("view_oid")],
  });
}

/** Tables and views of the main schema together: columns `name`, `kind` ('table' | 'view'); no order. */
export function mainObjectsQuery(): Query {
  return unionAll(
    select({ columns: [as(col("table_name"), "name"), as(lit("table"), "kind")], from: tableFunction("duckdb_tables"), where: and(MAIN, not(col("temporary"))) }),
    select({ columns: [as(col("view_name"), "name"), as(lit("view"), "kind")], from: tableFunction("duckdb_views"), where: and(MAIN, not(col("internal")), not(col("temporary"))) }),
  );
}

/** The columns of a main-schema table: `name`, `type` (DuckDB's type text), in column order. */
export function tableColumnsQuery(table: string): Select {
  return select({
    columns: [as(col("column_name"), "name"), as(col("data_type"), "type")],
    from: tableFunction("duckdb_columns"),
    where: and(MAIN, eq(col("table_name"), lit(table))),
    orderBy: [col("column_index")],
  });
}

/** The CREATE VIEW text of a main-schema view: column `sql` (no row when there is no such view). */
export function viewSqlQuery(view: string): Select {
  return select({
    columns: [as(col("sql"))],
    from: tableFunction("duckdb_views"),
    where: and(MAIN, eq(col("view_name"), lit(view))),
  });
}

/** Number of main-schema tables named `table` (0 or 1), column `n` INTEGER. */
export function tableExistsQuery(table: string): Select {
  return select({
    columns: [as(cast(count(), "INTEGER"), "n")],
    from: tableFunction("duckdb_tables"),
    where: and(MAIN, eq(col("table_name"), lit(table))),
  });
}

/** Number of tables named `table` in the main schema of database `database` (an attached one), column `n` INTEGER. */
export function tableExistsInQuery(database: string, table: string): Select {
  return select({
    columns: [as(cast(count(), "INTEGER"), "n")],
    from: tableFunction("duckdb_tables"),
    where: and(eq(col("database_name"), lit(database)), MAIN, eq(col("table_name"), lit(table))),
  });
}

/** The name of the connection's current (default) database: column `name`. */
export function currentDatabaseQuery(): Select {
  return select({ columns: [as(fn("current_database"), "name")], from: null });
}
