/**
 * DuckDB-WASM in a web worker, behind the workbench's `Db` interface. The
 * engine and worker are served from the site itself (data loaders stream
 * them from node_modules), so nothing is fetched from another origin.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { FileAttachment } from "observablehq:stdlib";
import { arrowToColumns, arrowToRows, type ArrowLike } from "../lib/db/arrow.js";
import { SAFE_SETTINGS, type Columns, type Db, type Row } from "../lib/db/types.js";

/** Opens a fresh DuckDB-WASM database in a web worker. */
export async function openBrowserDb(): Promise<Db> {
  const wasm = FileAttachment("../data/duckdb/duckdb-eh.wasm").href;
  const workerUrl = FileAttachment("../data/duckdb/duckdb-browser-eh.worker.js").href;
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(wasm, location.href).href);
  const conn = await db.connect();
  for (const s of SAFE_SETTINGS) await conn.query(s);
  const run = async (sql: string) => (await conn.query(sql)) as unknown as ArrowLike;
  return {
    engine: "duckdb-wasm",
    async query<T extends Row = Row>(sql: string) {
      return arrowToRows<T>(await run(sql));
    },
    async queryColumns(sql: string): Promise<Columns> {
      return arrowToColumns(await run(sql));
    },
    async exec(sql: string) {
      await run(sql);
    },
    async registerFile(name: string, data: Uint8Array) {
      await db.registerFileBuffer(name, data);
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
