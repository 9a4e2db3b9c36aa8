/**
 * DuckDB-WASM in Node (the blocking bundle): the same engine as the browser,
 * used by the CLI and the tests, so that SQL tested here runs unchanged there.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { SAFE_SETTINGS, type Db } from "./types.js";
import { wasmDb } from "./wasm-db.js";

const require = createRequire(import.meta.url);

export async function openWasmDb(): Promise<Db> {
  const duckdb = require("@duckdb/duckdb-wasm/blocking") as typeof import("@duckdb/duckdb-wasm/blocking");
  const dist = path.dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  const bundles = {
    mvp: { mainModule: path.join(dist, "duckdb-mvp.wasm"), mainWorker: path.join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: path.join(dist, "duckdb-eh.wasm"), mainWorker: path.join(dist, "duckdb-node-eh.worker.cjs") },
  };
  // The blocking bundle require()s apache-arrow: its tables belong to that (CommonJS) instance, so write IPC with it.
  const { tableToIPC } = require("apache-arrow") as typeof import("apache-arrow");
  const logger = new duckdb.VoidLogger();
  const db = await duckdb.createDuckDB(bundles, logger, duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const s of SAFE_SETTINGS) conn.query(s);
  return wasmDb({
    query: (sql) => conn.query(sql),
    send: (sql) => conn.send(sql, true),
    registerFile: (name, data) => db.registerFileBuffer(name, data),
    exportIpc: async (sql) => tableToIPC(conn.query(sql) as never, "stream"),
    importIpc: async (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }),
    async close() {
      conn.close();
      db.reset();
    },
  });
}
