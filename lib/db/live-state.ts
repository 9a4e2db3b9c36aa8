/**
 * What a long-lived database (DuckDB-WASM in a shared worker, kept between
 * pages) already holds, recorded in the database itself: for each kind of
 * content (the validated tables; the features and scores) the key of the
 * content it came from, what the page needs to know about it (JSON) and the
 * tables it made. A page compares the keys with the active workspace's and
 * keeps, replaces or adds exactly what changed.
 */
import { quoteIdent, quoteString } from "../sql/quote.js";
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
  const exists = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ${quoteString(STATE_TABLE)}`);
  if (!Number(exists[0]?.n)) return {};
  const rows = await db.query<{ kind: string; key: string; meta: string; tables: string }>(`SELECT kind, key, meta, tables FROM ${quoteIdent(STATE_TABLE)}`);
  const state: LiveState = {};
  for (const r of rows) state[r.kind] = { key: r.key, meta: JSON.parse(r.meta), tables: JSON.parse(r.tables) };
  return state;
}

/** Records (or replaces) the entry of one kind. */
export async function writeLiveState<T>(db: Db, kind: string, entry: LiveEntry<T>): Promise<void> {
  const t = quoteIdent(STATE_TABLE);
  await db.exec(`CREATE TABLE IF NOT EXISTS ${t} (kind VARCHAR PRIMARY KEY, key VARCHAR NOT NULL, meta VARCHAR NOT NULL, tables VARCHAR NOT NULL)`);
  await db.exec(`DELETE FROM ${t} WHERE kind = ${quoteString(kind)}`);
  await db.exec(`INSERT INTO ${t} VALUES (${quoteString(kind)}, ${quoteString(entry.key)}, ${quoteString(JSON.stringify(entry.meta))}, ${quoteString(JSON.stringify(entry.tables))})`);
}

/** Forgets the entry of one kind (its tables are the caller's to drop). */
export async function clearLiveState(db: Db, kind: string): Promise<void> {
  const exists = await readLiveState(db);
  if (exists[kind]) await db.exec(`DELETE FROM ${quoteIdent(STATE_TABLE)} WHERE kind = ${quoteString(kind)}`);
}
