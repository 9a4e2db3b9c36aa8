/**
 * Snapshots of DuckDB tables as Arrow IPC bytes, and their exact restore:
 * how the browser keeps a workspace's validated tables, features and scores
 * between pages (src/components/workspace-cache.ts) instead of reading,
 * validating and scoring again. Column types are recorded and re-created
 * exactly (an Arrow round trip alone would turn ENUM into VARCHAR, or lose
 * a table with no rows); views are recorded as their CREATE VIEW text.
 */
import { quoteIdent, quoteString } from "../sql/quote.js";
import { STATE_TABLE } from "./live-state.js";
import type { Db } from "./types.js";

export interface TableSnapshot {
  name: string;
  columns: { name: string; type: string }[];
  rows: number;
  /** Arrow IPC stream of every row (empty when rows = 0). */
  ipc: Uint8Array;
}

export interface ViewSnapshot {
  name: string;
  sql: string;
}

export interface Snapshot {
  tables: TableSnapshot[];
  views: ViewSnapshot[];
  /** Bytes of Arrow IPC in all. */
  bytes: number;
}

/** The tables and views of the main schema (temporary ones and the live-state record excluded). */
export async function listObjects(db: Db): Promise<{ tables: string[]; views: string[] }> {
  const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name");
  const views = await db.query<{ name: string }>("SELECT view_name AS name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_oid");
  return { tables: tables.map((t) => t.name).filter((t) => t !== STATE_TABLE), views: views.map((v) => v.name) };
}

function needIpc(db: Db): asserts db is Db & Required<Pick<Db, "exportIpc" | "importIpc">> {
  if (!db.exportIpc || !db.importIpc) throw new Error(`snapshots need DuckDB-WASM (Arrow IPC); this engine is ${db.engine}.`);
}

/** Copies the named tables and views out of the database. */
export async function snapshot(db: Db, names: { tables: string[]; views?: string[] }): Promise<Snapshot> {
  needIpc(db);
  const tables: TableSnapshot[] = [];
  let bytes = 0;
  for (const name of names.tables) {
    const columns = await db.query<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ${quoteString(name)} ORDER BY column_index`,
    );
    if (!columns.length) throw new Error(`snapshot: there is no table ${JSON.stringify(name)}.`);
    const rows = Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(name)}`))[0].n);
    const ipc = rows ? await db.exportIpc(`SELECT * FROM ${quoteIdent(name)}`) : new Uint8Array();
    bytes += ipc.byteLength;
    tables.push({ name, columns, rows, ipc });
  }
  const views: ViewSnapshot[] = [];
  for (const name of names.views ?? []) {
    const r = await db.query<{ sql: string }>(`SELECT sql FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ${quoteString(name)}`);
    if (!r.length) throw new Error(`snapshot: there is no view ${JSON.stringify(name)}.`);
    views.push({ name, sql: r[0].sql });
  }
  return { tables, views, bytes };
}

/** Re-creates every table (exact column types) and then every view of a snapshot; replaces objects of the same name. */
export async function restore(db: Db, snap: Snapshot): Promise<void> {
  needIpc(db);
  for (const v of snap.views) await db.exec(`DROP VIEW IF EXISTS ${quoteIdent(v.name)}`);
  for (const t of snap.tables) {
    const q = quoteIdent(t.name);
    await db.exec(`DROP TABLE IF EXISTS ${q}; CREATE TABLE ${q} (${t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(", ")})`);
    if (!t.rows) continue;
    const tmp = `_restore_${t.name}`;
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(tmp)}`);
    await db.importIpc(tmp, t.ipc);
    await db.exec(`INSERT INTO ${q} SELECT * FROM ${quoteIdent(tmp)}; DROP TABLE ${quoteIdent(tmp)}`);
  }
  for (const v of snap.views) await db.exec(v.sql);
}

/** Drops the named views, then the named tables, of the main schema (missing ones are skipped). */
export async function dropObjects(db: Db, names: { tables: string[]; views?: string[] }): Promise<void> {
  for (const v of names.views ?? []) await db.exec(`DROP VIEW IF EXISTS ${quoteIdent(v)}`);
  for (const t of names.tables) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
}
