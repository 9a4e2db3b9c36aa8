/**
 * The browser side of the scoring benchmark (bundled by bench/scoring.ts with
 * esbuild): opens DuckDB-WASM in a web worker from files served next to the
 * page, then runs the same pipeline as Node (bench/pipeline.ts) and returns
 * its timings through `window.runBench`.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { arrowToColumns, arrowToRows, type ArrowLike } from "../../lib/db/arrow.js";
import { SAFE_SETTINGS, type Columns, type Db, type Row } from "../../lib/db/types.js";
import { runPipeline, type PipelineOptions } from "../pipeline.js";

async function openPageDb(): Promise<Db> {
  const worker = new Worker(new URL("./duckdb-browser-eh.worker.js", location.href));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL("./duckdb-eh.wasm", location.href).href);
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

declare global {
  interface Window {
    runBench(o: PipelineOptions): Promise<unknown>;
  }
}

window.runBench = async (o: PipelineOptions) => {
  const t = performance.now();
  const db = await openPageDb();
  const openMs = performance.now() - t;
  const logs: string[] = [];
  const result = await runPipeline(db, o, (s) => {
    logs.push(s);
    console.log(s);
  });
  const [version] = await db.query("SELECT version() AS v, current_setting('memory_limit') AS m, current_setting('threads') AS t");
  console.log(`DuckDB-WASM settings: memory_limit ${version.m}, threads ${version.t}`);
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { ...result, openMs, duckdbVersion: version.v, usedJSHeapSize: memory?.usedJSHeapSize ?? null, logs };
};
