/**
 * Snapshots of DuckDB tables as Arrow IPC bytes, and their exact restore:
 * how the browser keeps a workspace's validated tables, features and scores
 * between pages (src/components/workspace-cache.ts) instead of reading,
 * validating and scoring again. Column types are recorded and re-created
 * exactly (an Arrow round trip alone would turn ENUM into VARCHAR, or lose
 * a table with no rows); views are recorded as their CREATE VIEW text.
 */
import { agg, and, as, cmp, col, count, createTableColumns, drop, insertSelect, lit, render, script, select, star, table, verbatim } from "../sql/index.js";
import { mainTablesQuery, mainViewsQuery, tableColumnsQuery, viewSqlQuery } from "./catalog.js";
import { LEGACY_STATE_TABLE, STATE_TABLE } from "./live-state.js";
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
  const tables = await db.query<{ name: string }>(render(mainTablesQuery()));
  const views = await db.query<{ name: string }>(render(mainViewsQuery()));
  return { tables: tables.map((t) => t.name).filter((t) => t !== STATE_TABLE && t !== LEGACY_STATE_TABLE), views: views.map((v) => v.name) };
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
    const columns = await db.query<{ name: string; type: string }>(render(tableColumnsQuery(name)));
    if (!columns.length) throw new Error(`snapshot: there is no table ${JSON.stringify(name)}.`);
    const rows = Number((await db.query<{ n: number }>(render(select({ columns: [as(count(), "n")], from: table(name) }))))[0].n);
    const ipc = rows ? await db.exportIpc(render(select({ columns: [as(star())], from: table(name) }))) : new Uint8Array();
    bytes += ipc.byteLength;
    tables.push({ name, columns, rows, ipc });
  }
  const views: ViewSnapshot[] = [];
  for (const name of names.views ?? []) {
    const r = await db.query<{ sql: string }>(render(viewSqlQuery(name)));
    if (!r.length) throw new Error(`snapshot: there is no view ${JSON.stringify(name)}.`);
    views.push({ name, sql: r[0].sql });
  }
  return { tables, views, bytes };
}

/** Creates (or replaces) table `name` with these exact column types: DuckDB's own type text, read back from duckdb_columns(), verbatim. */
async function createExact(db: Db, name: string, columns: { name: string; type: string }[]): Promise<void> {
  const typed = columns.map((c) => ({ name: c.name, type: verbatim(c.type) }));
  await db.exec(render(script(drop("table", name), createTableColumns(name, typed, { orReplace: false }))));
}

/** Appends the rows of an Arrow IPC stream to table `name` (through a temporary table, so the column types stay the table's). */
async function appendIpc(db: Db & Required<Pick<Db, "importIpc">>, name: string, ipc: Uint8Array): Promise<void> {
  const tmp = `_restore_${name}`;
  await db.exec(render(drop("table", tmp)));
  await db.importIpc(tmp, ipc);
  await db.exec(render(script(insertSelect(name, [], select({ columns: [as(star())], from: table(tmp) })), drop("table", tmp, false))));
}

/** Re-creates every table (exact column types) and then every view of a snapshot; replaces objects of the same name. */
export async function restore(db: Db, snap: Snapshot): Promise<void> {
  needIpc(db);
  for (const v of snap.views) await db.exec(render(drop("view", v.name)));
  for (const t of snap.tables) {
    await createExact(db, t.name, t.columns);
    if (t.rows) await appendIpc(db, t.name, t.ipc);
  }
  // A view is restored from the CREATE VIEW text DuckDB itself recorded (duckdb_views().sql): verbatim.
  for (const v of snap.views) await db.exec(render(verbatim(v.sql)));
}

/**
 * Copies the named tables (exact column types, rows in their order) and then
 * views from `from` into `to`, a chunk of rows at a time: one Arrow IPC
 * stream of at most `chunkRows` rows exists at once, where `snapshot` then
 * `restore` hold every table's. What the kept copy on OPFS is written with
 * (src/components/opfs-copy.ts): at 20,000,000 activity rows, a whole
 * table's IPC and its import held well over a gigabyte in the tab while the
 * copy was written. Chunks are ranges of DuckDB's rowid (a table's rows
 * numbered from 0, in order; gaps left by deleted rows are skipped over).
 * Replaces objects of the same name. Returns the IPC bytes that went across.
 */
export async function copyTables(from: Db, to: Db, names: { tables: string[]; views?: string[] }, chunkRows = 1_000_000): Promise<{ bytes: number }> {
  needIpc(from);
  needIpc(to);
  let bytes = 0;
  const views: ViewSnapshot[] = [];
  for (const name of names.views ?? []) {
    const r = await from.query<{ sql: string }>(render(viewSqlQuery(name)));
    if (!r.length) throw new Error(`copyTables: there is no view ${JSON.stringify(name)}.`);
    views.push({ name, sql: r[0].sql });
  }
  for (const v of views) await to.exec(render(drop("view", v.name)));
  for (const name of names.tables) {
    const columns = await from.query<{ name: string; type: string }>(render(tableColumnsQuery(name)));
    if (!columns.length) throw new Error(`copyTables: there is no table ${JSON.stringify(name)}.`);
    await createExact(to, name, columns);
    const top = (await from.query<{ top: number | null }>(render(select({ columns: [as(agg("max", [col("rowid")]), "top")], from: table(name) }))))[0]?.top;
    if (top === null || top === undefined) continue;
    for (let start = 0; start <= Number(top); start += chunkRows) {
      const rows = select({
        columns: [as(star())], from: table(name),
        where: and(cmp(">=", col("rowid"), lit(start)), cmp("<", col("rowid"), lit(start + chunkRows))),
        orderBy: [col("rowid")],
      });
      const ipc = await from.exportIpc(render(rows));
      bytes += ipc.byteLength;
      await appendIpc(to, name, ipc);
    }
  }
  for (const v of views) await to.exec(render(verbatim(v.sql)));
  return { bytes };
}

/** Drops the named views, then the named tables, of the main schema (missing ones are skipped). */
export async function dropObjects(db: Db, names: { tables: string[]; views?: string[] }): Promise<void> {
  for (const v of names.views ?? []) await db.exec(render(drop("view", v)));
  for (const t of names.tables) await db.exec(render(drop("table", t)));
}
