/**
 * Opens DuckDB-WASM in a web worker from the engine and worker URLs, behind
 * the workbench's `Db` interface. Used by the site (src/components/duckdb.ts,
 * URLs from data loaders) and by the browser benchmarks (URLs next to the page).
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { tableToIPC } from "apache-arrow";
import { SAFE_SETTINGS, type Db } from "../lib/db/types.js";
import { wasmDb } from "../lib/db/wasm-db.js";

export async function openDuckDbWorker(wasmUrl: string, workerUrl: string): Promise<Db> {
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(wasmUrl, location.href).href);
  const conn = await db.connect();
  for (const s of SAFE_SETTINGS) await conn.query(s);
  return wasmDb({
    query: (sql) => conn.query(sql),
    send: (sql) => conn.send(sql, true),
    registerFile: (name, data) => db.registerFileBuffer(name, data),
    exportIpc: async (sql) => tableToIPC(await conn.query(sql), "stream"),
    importIpc: (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }),
    async close() {
      await conn.close();
      await db.terminate();
    },
  });
}
