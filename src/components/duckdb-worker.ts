/**
 * Opens DuckDB-WASM in a web worker from the engine and worker URLs, behind
 * the workbench's `Db` interface. Used by the site (src/components/duckdb.ts,
 * URLs from data loaders) and by the browser benchmarks (URLs next to the page).
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { arrowToColumns, arrowToRows, readStream, type ArrowLike, type StreamReader } from "../lib/db/arrow.js";
import { SAFE_SETTINGS, serialQueue, type Columns, type Db, type Row } from "../lib/db/types.js";

export async function openDuckDbWorker(wasmUrl: string, workerUrl: string): Promise<Db> {
  const worker = new Worker(workerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL(wasmUrl, location.href).href);
  const conn = await db.connect();
  for (const s of SAFE_SETTINGS) await conn.query(s);
  // One queue for every call: a streamed result (queryColumns) must be read to its end before the next statement.
  const serial = serialQueue();
  const run = (sql: string) => serial(async () => (await conn.query(sql)) as unknown as ArrowLike);
  return {
    engine: "duckdb-wasm",
    async query<T extends Row = Row>(sql: string) {
      return arrowToRows<T>(await run(sql));
    },
    async queryColumns(sql: string): Promise<Columns> {
      // Streamed batch by batch (conn.send with a streaming result): DuckDB never holds the whole
      // result, nor its Arrow copy, in its WebAssembly heap, which can grow but never shrink.
      return arrowToColumns(await serial(async () => readStream((await conn.send(sql, true)) as unknown as StreamReader)));
    },
    async exec(sql: string) {
      await run(sql);
    },
    async registerFile(name: string, data: Uint8Array) {
      await serial(() => db.registerFileBuffer(name, data));
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
