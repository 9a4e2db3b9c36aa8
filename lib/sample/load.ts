/**
 * Loads the sample's CSV texts into the canonical tables leads, activities and
 * deals (lib/tables.ts) of a Db, with every column type given explicitly
 * (no type sniffing), so the tables are identical on DuckDB-WASM in the
 * browser, in Node, and on native DuckDB.
 */
import { dropCanonical, keyTables } from "../canonical.js";
import type { Db } from "../db/types.js";
import { as, createTable, lit, namedArg, render, select, star, struct, tableFunction, verbatim, type Statement } from "../sql/index.js";
import { TABLES } from "../tables.js";
import type { SampleCsv } from "./csv.js";
import { SAMPLE_COLUMNS, SAMPLE_FILES, type SampleTable } from "./schema.js";

/** The name under which each CSV text is registered on the Db (read_csv('<name>')). */
export const SAMPLE_REGISTERED_FILES = {
  leads: "sample/leads.csv",
  activities: "sample/activities.csv",
  deals: "sample/deals.csv",
} as const satisfies Record<SampleTable, string>;

/**
 * The CREATE statement for one table: read_csv with header = true,
 * auto_detect = false, comma, RFC 4180 quotes, an empty cell as NULL and the
 * column types of SAMPLE_COLUMNS.
 */
export function sampleTableStatement(table: SampleTable): Statement {
  // The options' booleans in lower case, as this statement has always been spelled (its text is pinned by a test);
  // render() spells boolean literals TRUE / FALSE.
  const read = tableFunction("read_csv", [
    lit(SAMPLE_REGISTERED_FILES[table]), namedArg("header", verbatim("true")), namedArg("auto_detect", verbatim("false")),
    namedArg("delim", lit(",")), namedArg("quote", lit('"')), namedArg("escape", lit('"')), namedArg("nullstr", lit("")),
    namedArg("columns", struct(SAMPLE_COLUMNS[table].map(([name, type]) => [name, lit(type)]))),
  ]);
  return createTable(TABLES[table], select({ columns: [as(star())], from: read }));
}

/** sampleTableStatement rendered. */
export function sampleTableSql(table: SampleTable): string {
  return render(sampleTableStatement(table));
}

/**
 * Registers the three CSV texts (as produced by toCsv) on `db` and creates
 * (or replaces) the tables leads, activities and deals, keyed (lib/canonical.ts). Throws, naming the
 * file, when a text is missing or DuckDB rejects it.
 * Example: `await loadSample(db, toCsv(generateSample({leads: 100})))`.
 */
export async function loadSample(db: Db, csv: SampleCsv): Promise<void> {
  const encoder = new TextEncoder();
  await dropCanonical(db);
  for (const table of Object.keys(SAMPLE_COLUMNS) as SampleTable[]) {
    const file = SAMPLE_FILES[table];
    const text = csv[file];
    if (typeof text !== "string")
      throw new Error(
        `loadSample: "${file}" must be a CSV string; received ${typeof text}. Pass the object returned by toCsv(generateSample()).`,
      );
    await db.registerFile(SAMPLE_REGISTERED_FILES[table], encoder.encode(text));
    try {
      await db.exec(sampleTableSql(table));
    } catch (e) {
      throw new Error(
        `loadSample: could not load "${file}" into table ${TABLES[table]}: ${(e as Error).message}. ` +
          `Regenerate the file with toCsv(generateSample()); it must have the columns ${SAMPLE_COLUMNS[table].map(([c]) => c).join(", ")}.`,
      );
    }
  }
  await keyTables(db);
}
