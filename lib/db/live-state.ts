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

export const STATE_TABLE = "__workbench_state";

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
  const rows = await db.query<{ kind: string; key: string; meta: string; tables: string }>(
    render(select({ columns: ["kind", "key", "meta", "tables"].map((c) => as(col(c))), from: table(STATE_TABLE) })),
  );
  const state: LiveState = {};
  for (const r of rows) state[r.kind] = { key: r.key, meta: JSON.parse(r.meta), tables: JSON.parse(r.tables) };
  return state;
}

/** The entries recorded in another (attached) database `database`; empty when it has none. */
export async function readLiveStateIn(db: Db, database: string): Promise<LiveState> {
  const exists = await db.query<{ n: number }>(render(tableExistsInQuery(database, STATE_TABLE)));
  if (!Number(exists[0]?.n)) return {};
  const rows = await db.query<{ kind: string; key: string; meta: string; tables: string }>(
    render(select({ columns: ["kind", "key", "meta", "tables"].map((c) => as(col(c))), from: table(STATE_TABLE, null, database) })),
  );
  const state: LiveState = {};
  for (const r of rows) state[r.kind] = { key: r.key, meta: JSON.parse(r.meta), tables: JSON.parse(r.tables) };
  return state;
}

/**
 * Records (or replaces) the entry of one kind, in one statement: two pages of
 * the shared engine may write the same kind at once (one keeping its copy
 * after it was ready, the next one opening), and a delete followed by an
 * insert would then meet the other's row ("Duplicate key … violates primary
 * key constraint").
 */
export async function writeLiveState<T>(db: Db, kind: string, entry: LiveEntry<T>): Promise<void> {
  const columns = [
    { name: "kind", type: "VARCHAR" as const, primaryKey: true },
    ...["key", "meta", "tables"].map((name) => ({ name, type: "VARCHAR" as const, notNull: true })),
  ];
  await db.exec(render(createTableColumns(STATE_TABLE, columns, { ifNotExists: true })));
  await db.exec(render(insertValues(STATE_TABLE, [], [[lit(kind), lit(entry.key), lit(JSON.stringify(entry.meta)), lit(JSON.stringify(entry.tables))]], { orReplace: true })));
}

/** Forgets the entry of one kind (its tables are the caller's to drop). */
export async function clearLiveState(db: Db, kind: string): Promise<void> {
  const exists = await readLiveState(db);
  if (exists[kind]) await db.exec(render(deleteFrom(STATE_TABLE, eq(col("kind"), lit(kind)))));
}
