/**
 * What a long-lived database (DuckDB-WASM in a shared worker, kept between
 * pages) already holds, recorded in the database itself: for each kind of
 * content (the validated tables; the features and scores) the key of the
 * content it came from, what the page needs to know about it (JSON) and the
 * tables it made. A page compares the keys with the active workspace's and
 * keeps, replaces or adds exactly what changed.
 */
import { as, col, createTableColumns, deleteFrom, eq, insertValues, lit, render, select, table } from "../sql/index.js";
import { tableExistsInQuery, tableExistsQuery } from "./catalog.js";
import type { Db } from "./types.js";

/**
 * The table of entries. The first one ("__workbench_state", LEGACY_STATE_TABLE)
 * had a primary key on the kind: DuckDB checks such keys eagerly, so writing
 * a kind again while another page's connection was busy failed ("Duplicate
 * key … violates primary key constraint") and the next page showed engine
 * errors. This one has no key: each write deletes the kind's rows and adds
 * one with a stamp, and a reader takes the last stamp of each kind (two
 * writers at once leave two rows, never an error). A database holding only
 * the old table reads as empty, so its content is loaded again once.
 */
export const STATE_TABLE = "__workbench_state_v2";
export const LEGACY_STATE_TABLE = "__workbench_state";

let stamps = 0;
/** Microseconds since the epoch plus a counter: later writes of this page sort after earlier ones. */
const writeStamp = () => Date.now() * 1000 + (stamps++ % 1000);

export interface LiveEntry<T> {
  key: string;
  meta: T;
  tables: string[];
}

export type LiveState = Partial<Record<string, LiveEntry<unknown>>>;

/** The recorded entries; empty for a new database. */
export async function readLiveState(db: Db): Promise<LiveState> {
  const exists = await db.query<{ n: number }>(render(tableExistsQuery(STATE_TABLE)));
  if (!Number(exists[0]?.n)) return {};
  return entriesOf(await db.query<StateRow>(render(stateRows(table(STATE_TABLE)))));
}

type StateRow = { kind: string; key: string; meta: string; tables: string };
const stateRows = (from: ReturnType<typeof table>) => select({ columns: ["kind", "key", "meta", "tables"].map((c) => as(col(c))), from, orderBy: [col("written")] });
/** The entries, the last written of each kind. */
function entriesOf(rows: StateRow[]): LiveState {
  const state: LiveState = {};
  for (const r of rows) state[r.kind] = { key: r.key, meta: JSON.parse(r.meta), tables: JSON.parse(r.tables) };
  return state;
}

/** The entries recorded in another (attached) database `database`; empty when it has none. */
export async function readLiveStateIn(db: Db, database: string): Promise<LiveState> {
  const exists = await db.query<{ n: number }>(render(tableExistsInQuery(database, STATE_TABLE)));
  if (!Number(exists[0]?.n)) return {};
  return entriesOf(await db.query<StateRow>(render(stateRows(table(STATE_TABLE, null, database)))));
}

/** Records (or replaces) the entry of one kind (see STATE_TABLE: two writers at once are safe). */
export async function writeLiveState<T>(db: Db, kind: string, entry: LiveEntry<T>): Promise<void> {
  const columns = [
    ...["kind", "key", "meta", "tables"].map((name) => ({ name, type: "VARCHAR" as const, notNull: true })),
    { name: "written", type: "BIGINT" as const, notNull: true },
  ];
  await db.exec(render(createTableColumns(STATE_TABLE, columns, { ifNotExists: true })));
  await db.exec(render(deleteFrom(STATE_TABLE, eq(col("kind"), lit(kind)))));
  await db.exec(render(insertValues(STATE_TABLE, [], [[lit(kind), lit(entry.key), lit(JSON.stringify(entry.meta)), lit(JSON.stringify(entry.tables)), lit(writeStamp())]])));
}

/** Forgets the entry of one kind (its tables are the caller's to drop). */
export async function clearLiveState(db: Db, kind: string): Promise<void> {
  const exists = await readLiveState(db);
  if (exists[kind]) await db.exec(render(deleteFrom(STATE_TABLE, eq(col("kind"), lit(kind)))));
}
