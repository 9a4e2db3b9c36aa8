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
import { mainObjectsQuery, tableColumnsQuery } from "./db/catalog.js";
import type { Db } from "./db/types.js";
import {
  addColumn, alterTable, as, cast, col, count, createSequence, createTable, createView, drop, dropDefault, eq, fn, isNotNull, join,
  lit, over, render, scalar, script, select, sub, table, type Statement,
} from "./sql/index.js";
import { ACTIVITY_EVENTS, ACTIVITY_TYPES_TABLE, LEAD_ID, LEAD_KEY, TABLES } from "./tables.js";

/** What the loaders derive from the canonical tables (dropped with them; a view in copies kept by older versions, a table now). */
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
  const rows = await db.query<{ name: string; kind: string }>(render(mainObjectsQuery()));
  return new Map(rows.map((r) => [String(r.name), r.kind === "view" ? "view" : "table"]));
}

/** Drops the canonical tables and views (leads, deals, activities and its storage, lead_outcomes), whichever exist. */
export async function dropCanonical(db: Db): Promise<void> {
  const have = await objects(db);
  const names = [...VIEWS, TABLES.activities, ACTIVITY_EVENTS, ACTIVITY_TYPES_TABLE, TABLES.deals, TABLES.leads];
  const drops = names.filter((n) => have.has(n)).map((n) => drop(have.get(n) === "view" ? "view" : "table", n, false));
  if (drops.length) await db.exec(render(script(...drops)));
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
  const cols = await db.query<{ name: string; type: string }>(render(tableColumnsQuery(TABLES.leads)));
  const key = cols.find((c) => c.name === LEAD_KEY);
  if (!key) {
    if (have.get(TABLES.activities) === "view")
      throw new Error(
        `keyTables: leads was replaced after its activities were keyed, so their lead keys no longer match; ` +
          `recreate leads and activities together (dropCanonical, then load both).`,
      );
    const seq = "_lead_key_seq";
    await db.exec(
      render(
        script(
          drop("sequence", seq),
          createSequence(seq, 0, 0),
          alterTable(TABLES.leads, addColumn(LEAD_KEY, "INTEGER", fn("nextval", lit(seq)))),
          alterTable(TABLES.leads, dropDefault(LEAD_KEY)),
          drop("sequence", seq, false),
        ),
      ),
    );
    changed = true;
  } else if (key.type !== "INTEGER") {
    throw new Error(`keyTables: leads has a column "${LEAD_KEY}" that is not its key (the name is reserved for the workbench); rename it.`);
  }

  let unkeyed = 0;
  if (have.get(TABLES.activities) === "table") {
    const A = TABLES.activities, TYPES = "_types", TYPE = "activity_type", CODE = "type_code";
    // One pass over the activities for the distinct types; the code type then follows from their number.
    await db.exec(
      render(createTable(TYPES, select({ columns: [as(col(TYPE))], from: table(A), where: isNotNull(col(TYPE)), distinct: true }), { temp: true })),
    );
    const [{ n }] = await db.query<{ n: number }>(render(select({ columns: [as(count(), "n")], from: table(TYPES) })));
    const code = cast(sub(over(fn("row_number"), { orderBy: [col(TYPE)] }), lit(1)), codeType(Number(n)));
    await db.exec(
      render(
        script(
          createTable(ACTIVITY_TYPES_TABLE, select({ columns: [as(code, CODE), as(col(TYPE))], from: table(TYPES), orderBy: [col(CODE)] })),
          drop("table", TYPES, false),
        ),
      ),
    );
    const events = select({
      columns: [as(col(LEAD_KEY, "l")), as(col(CODE, "t")), as(col("occurred_at", "a"))],
      from: table(A, "a"),
      joins: [
        join(table(TABLES.leads, "l"), eq(col(LEAD_ID, "l"), col(LEAD_ID, "a"))),
        join(table(ACTIVITY_TYPES_TABLE, "t"), eq(col(TYPE, "t"), col(TYPE, "a"))),
      ],
      where: isNotNull(col("occurred_at", "a")),
      orderBy: [col(LEAD_KEY, "l")],
    });
    await db.exec(render(createTable(ACTIVITY_EVENTS, events)));
    const countOf = (t: string) => scalar(select({ columns: [as(count())], from: table(t) }));
    const [{ total, kept }] = await db.query<{ total: number; kept: number }>(
      render(select({ columns: [as(countOf(A), "total"), as(countOf(ACTIVITY_EVENTS), "kept")], from: null })),
    );
    unkeyed = Number(total) - Number(kept);
    await db.exec(render(script(drop("table", A, false), activitiesView())));
    changed = true;
  }
  return { changed, unkeyed, ms: performance.now() - t0 };
}

/** CREATE VIEW activities (lead_id, activity_type, occurred_at) over activity_events, leads and activity_types. */
export function activitiesView(): Statement {
  const q = select({
    columns: [as(col(LEAD_ID, "l")), as(col("activity_type", "t")), as(col("occurred_at", "e"))],
    from: table(ACTIVITY_EVENTS, "e"),
    joins: [
      join(table(TABLES.leads, "l"), eq(col(LEAD_KEY, "l"), col(LEAD_KEY, "e"))),
      join(table(ACTIVITY_TYPES_TABLE, "t"), eq(col("type_code", "t"), col("type_code", "e"))),
    ],
  });
  return createView(TABLES.activities, q, { orReplace: false });
}

/** activitiesView rendered (DuckDB). */
export function activitiesViewSql(): string {
  return render(activitiesView());
}

/** The activity type codes of keyed data (activity_type → type_code); empty when there are no activities. */
export async function readActivityCodes(db: Db): Promise<Map<string, number>> {
  const have = await objects(db);
  if (have.get(ACTIVITY_TYPES_TABLE) !== "table") return new Map();
  const rows = await db.query<{ activity_type: string; type_code: number }>(
    render(select({ columns: [as(col("activity_type")), as(col("type_code"))], from: table(ACTIVITY_TYPES_TABLE), orderBy: [col("type_code")] })),
  );
  return new Map(rows.map((r) => [String(r.activity_type), Number(r.type_code)]));
}
