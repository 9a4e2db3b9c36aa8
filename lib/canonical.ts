/**
 * The physical layout of the canonical tables for scoring (see tables.ts):
 * `keyTables` gives every lead an integer key and moves the activities into
 * a compact table sorted by lead, once per dataset; loaders call it last,
 * recompute calls it first (a no-op when already done).
 *
 * Why: every features build joins the activities to the leads' scoring dates
 * and groups them by lead. On 20M activities that join and that grouping
 * cost 3-4x more with VARCHAR lead ids in random order than with an integer
 * key in sorted order (DuckDB-WASM, measured in bench/scoring.ts): the hash
 * table probes and the aggregate states are then touched in order. The
 * compact rows (4 + 1 + 8 bytes) also take a third of the memory of
 * (lead_id, activity_type, occurred_at) as text.
 *
 *   leads            gains lead_key INTEGER, its last column: 0 … n−1 in the
 *                    table's row order (file order for a loaded dataset),
 *                    added in place (a column with a sequence default: 40 ms
 *                    for 1M leads in DuckDB-WASM, where copying the table
 *                    sorted took 3 s)
 *   activity_types   type_code (UTINYINT, USMALLINT or UINTEGER, by the number
 *                    of distinct types), activity_type; codes in type order
 *   activity_events  lead_key, type_code, occurred_at; ORDER BY lead_key
 *   activities       a VIEW with the original columns over the two tables
 *
 * Activities whose lead is not in `leads`, or with no type or timestamp,
 * cannot be keyed; they are counted (KeyResult.unkeyed). The dataset
 * loader has already excluded and reported such rows, so there they are 0.
 */
import type { Db } from "./db/types.js";
import { quoteIdent as q } from "./sql/quote.js";
import { ACTIVITY_EVENTS, ACTIVITY_TYPES_TABLE, LEAD_ID, LEAD_KEY, TABLES } from "./tables.js";

/** Views the loaders create over the canonical tables (dropped with them). */
const VIEWS = ["lead_outcomes"];

export interface KeyResult {
  /** False when the tables were keyed already (nothing done). */
  changed: boolean;
  /** Activities that could not be keyed (no matching lead, no type or no timestamp). */
  unkeyed: number;
  ms: number;
}

async function objects(db: Db): Promise<Map<string, "table" | "view">> {
  // duckdb_tables() / duckdb_views(), not information_schema: its first use costs ~100 ms in DuckDB-WASM.
  const rows = await db.query<{ name: string; kind: string }>(
    "SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary " +
      "UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND NOT temporary",
  );
  return new Map(rows.map((r) => [String(r.name), r.kind === "view" ? "view" : "table"]));
}

/** Drops the canonical tables and views (leads, deals, activities and its storage, lead_outcomes), whichever exist. */
export async function dropCanonical(db: Db): Promise<void> {
  const have = await objects(db);
  const names = [...VIEWS, TABLES.activities, ACTIVITY_EVENTS, ACTIVITY_TYPES_TABLE, TABLES.deals, TABLES.leads];
  const drops = names.filter((n) => have.has(n)).map((n) => `DROP ${have.get(n) === "view" ? "VIEW" : "TABLE"} ${q(n)};`);
  if (drops.length) await db.exec(drops.join(" "));
}

/** The narrowest unsigned integer type holding codes 0 … n−1. */
export function codeType(n: number): "UTINYINT" | "USMALLINT" | "UINTEGER" {
  return n <= 256 ? "UTINYINT" : n <= 65_536 ? "USMALLINT" : "UINTEGER";
}

/**
 * Keys leads and activities (module comment). Idempotent: leads that
 * already have lead_key and an `activities` view are left alone.
 * @throws when there is no leads table, when leads was replaced after its
 *   activities were keyed, or when leads has a non-INTEGER column named
 *   lead_key (a loaded dataset never does: the loader renames it).
 */
export async function keyTables(db: Db): Promise<KeyResult> {
  const t0 = performance.now();
  const have = await objects(db);
  if (have.get(TABLES.leads) !== "table") throw new Error(`keyTables: there is no "${TABLES.leads}" table; load a dataset first.`);
  let changed = false;
  const cols = await db.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '${TABLES.leads}' ORDER BY column_index`,
  );
  const key = cols.find((c) => c.name === LEAD_KEY);
  if (!key) {
    if (have.get(TABLES.activities) === "view")
      throw new Error(
        `keyTables: leads was replaced after its activities were keyed, so their lead keys no longer match; ` +
          `recreate leads and activities together (dropCanonical, then load both).`,
      );
    const seq = q("_lead_key_seq");
    await db.exec(
      `DROP SEQUENCE IF EXISTS ${seq}; CREATE SEQUENCE ${seq} START 0 MINVALUE 0; ` +
        `ALTER TABLE ${q(TABLES.leads)} ADD COLUMN ${q(LEAD_KEY)} INTEGER DEFAULT nextval('_lead_key_seq'); ` +
        `ALTER TABLE ${q(TABLES.leads)} ALTER ${q(LEAD_KEY)} DROP DEFAULT; DROP SEQUENCE ${seq};`,
    );
    changed = true;
  } else if (key.type !== "INTEGER") {
    throw new Error(`keyTables: leads has a column "${LEAD_KEY}" that is not its key (the name is reserved for the workbench); rename it.`);
  }

  let unkeyed = 0;
  if (have.get(TABLES.activities) === "table") {
    const A = q(TABLES.activities);
    // One pass over the activities for the distinct types; the code type then follows from their number.
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${q("_types")} AS SELECT DISTINCT ${q("activity_type")} FROM ${A} WHERE ${q("activity_type")} IS NOT NULL`);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${q("_types")}`);
    await db.exec(
      `CREATE OR REPLACE TABLE ${q(ACTIVITY_TYPES_TABLE)} AS SELECT CAST(row_number() OVER (ORDER BY ${q("activity_type")}) - 1 AS ${codeType(Number(n))}) AS ${q("type_code")}, ${q("activity_type")} ` +
        `FROM ${q("_types")} ORDER BY ${q("type_code")}; DROP TABLE ${q("_types")}`,
    );
    await db.exec(
      `CREATE OR REPLACE TABLE ${q(ACTIVITY_EVENTS)} AS SELECT ${q("l")}.${q(LEAD_KEY)}, ${q("t")}.${q("type_code")}, ${q("a")}.${q("occurred_at")} ` +
        `FROM ${A} AS ${q("a")} JOIN ${q(TABLES.leads)} AS ${q("l")} ON ${q("l")}.${q(LEAD_ID)} = ${q("a")}.${q(LEAD_ID)} ` +
        `JOIN ${q(ACTIVITY_TYPES_TABLE)} AS ${q("t")} ON ${q("t")}.${q("activity_type")} = ${q("a")}.${q("activity_type")} ` +
        `WHERE ${q("a")}.${q("occurred_at")} IS NOT NULL ORDER BY ${q("l")}.${q(LEAD_KEY)}`,
    );
    const [{ total, kept }] = await db.query<{ total: number; kept: number }>(
      `SELECT (SELECT count(*) FROM ${A}) AS total, (SELECT count(*) FROM ${q(ACTIVITY_EVENTS)}) AS kept`,
    );
    unkeyed = Number(total) - Number(kept);
    await db.exec(`DROP TABLE ${A}; ${activitiesViewSql()}`);
    changed = true;
  }
  return { changed, unkeyed, ms: performance.now() - t0 };
}

/** CREATE VIEW activities (lead_id, activity_type, occurred_at) over activity_events, leads and activity_types. */
export function activitiesViewSql(): string {
  return (
    `CREATE VIEW ${q(TABLES.activities)} AS SELECT ${q("l")}.${q(LEAD_ID)}, ${q("t")}.${q("activity_type")}, ${q("e")}.${q("occurred_at")} ` +
    `FROM ${q(ACTIVITY_EVENTS)} AS ${q("e")} JOIN ${q(TABLES.leads)} AS ${q("l")} ON ${q("l")}.${q(LEAD_KEY)} = ${q("e")}.${q(LEAD_KEY)} ` +
    `JOIN ${q(ACTIVITY_TYPES_TABLE)} AS ${q("t")} ON ${q("t")}.${q("type_code")} = ${q("e")}.${q("type_code")}`
  );
}

/** The activity type codes of keyed data (activity_type → type_code); empty when there are no activities. */
export async function readActivityCodes(db: Db): Promise<Map<string, number>> {
  const have = await objects(db);
  if (have.get(ACTIVITY_TYPES_TABLE) !== "table") return new Map();
  const rows = await db.query<{ activity_type: string; type_code: number }>(
    `SELECT ${q("activity_type")}, ${q("type_code")} FROM ${q(ACTIVITY_TYPES_TABLE)} ORDER BY ${q("type_code")}`,
  );
  return new Map(rows.map((r) => [String(r.activity_type), Number(r.type_code)]));
}
