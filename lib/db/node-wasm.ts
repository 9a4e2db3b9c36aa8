/**
 * DuckDB-WASM in Node (the blocking bundle): the same engine as the browser,
 * used by the CLI and the tests, so that SQL tested here runs unchanged there.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { arrowToColumns, arrowToRows, readStream, type ArrowLike, type StreamReader } from "./arrow.js";
import { SAFE_SETTINGS, serialQueue, type Columns, type Db, type Row } from "./types.js";

const require = createRequire(import.meta.url);

export async function openWasmDb(): Promise<Db> {
  const duckdb = require("@duckdb/duckdb-wasm/blocking") as typeof import("@duckdb/duckdb-wasm/blocking");
  const dist = path.dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  const bundles = {
    mvp: { mainModule: path.join(dist, "duckdb-mvp.wasm"), mainWorker: path.join(dist, "duckdb-node-mvp.worker.cjs") },
    eh: { mainModule: path.join(dist, "duckdb-eh.wasm"), mainWorker: path.join(dist, "duckdb-node-eh.worker.cjs") },
  };
  const logger = new duckdb.VoidLogger();
  const db = await duckdb.createDuckDB(bundles, logger, duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const s of SAFE_SETTINGS) conn.query(s);
  // One queue for every call, as in the browser: a streamed result must be read to its end first.
  const serial = serialQueue();
  const run = (sql: string) => serial(async () => conn.query(sql) as unknown as ArrowLike);
  return {
    engine: "duckdb-wasm",
    async query<T extends Row = Row>(sql: string) {
      return arrowToRows<T>(await run(sql));
    },
    async queryColumns(sql: string): Promise<Columns> {
      // Streamed batch by batch, as in the browser (src/components/duckdb-worker.ts).
      return arrowToColumns(await serial(async () => readStream((await conn.send(sql, true)) as unknown as StreamReader)));
    },
    async exec(sql: string) {
      await run(sql);
    },
    async registerFile(name: string, data: Uint8Array) {
      await serial(async () => db.registerFileBuffer(name, data));
    },
    async close() {
      conn.close();
      db.reset();
    },
  };
}
