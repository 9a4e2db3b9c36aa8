/**
 * The statements of the dataset benchmark (bench/dataset.ts), built with
 * lib/sql, shared by its Node side and its browser page (bundled from a
 * source string there): the warm-up read and the plain read_csv it compares
 * loadDataset with.
 */
import { as, count, createTable, lit, namedArg, render, select, star, tableFunction } from "../lib/sql/index.js";

/** Counts the rows of a registered CSV file: the first query, which pays for warming the engine. */
export function warmSql(file: string): string {
  return render(select({ columns: [as(count())], from: tableFunction("read_csv", [lit(file)]) }));
}

/**
 * A table holding a registered CSV file as DuckDB's read_csv reads it:
 * auto-detected types, or every column as text (allVarchar).
 */
export function plainReadSql(name: string, file: string, o: { allVarchar?: boolean; orReplace?: boolean } = {}): string {
  const args = o.allVarchar ? [lit(file), namedArg("all_varchar", lit(true))] : [lit(file)];
  return render(createTable(name, select({ columns: [as(star())], from: tableFunction("read_csv", args) }), { orReplace: o.orReplace ?? false }));
}
