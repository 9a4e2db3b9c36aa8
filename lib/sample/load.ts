/**
 * Loads the sample's CSV texts into the canonical tables leads, activities and
 * deals (lib/tables.ts) of a Db, with every column type given explicitly
 * (no type sniffing), so the tables are identical on DuckDB-WASM in the
 * browser, in Node, and on native DuckDB.
 */
import { dropCanonical, keyTables } from "../canonical.js";
import type { Db } from "../db/types.js";
import { quoteIdent, quoteString } from "../sql/quote.js";
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
export function sampleTableSql(table: SampleTable): string {
  const columns = SAMPLE_COLUMNS[table].map(([name, type]) => `${quoteString(name)}: ${quoteString(type)}`).join(", ");
  return (
    `CREATE OR REPLACE TABLE ${quoteIdent(TABLES[table])} AS SELECT * FROM read_csv(` +
    `${quoteString(SAMPLE_REGISTERED_FILES[table])}, header = true, auto_detect = false, ` +
    `delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${columns}})`
  );
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
