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

/**
 * arrowToColumns, but numeric columns without nulls come out of Arrow with
 * toArray() (one typed-array copy per column) instead of a get() per value:
 * 1 M rows × 31 columns take well under a second instead of minutes.
 */
function fastColumns(t: ArrowLike): Columns {
  const out = arrowToColumns({ ...t, numRows: t.numRows, schema: { fields: [] }, getChildAt: () => null });
  const slow: number[] = [];
  t.schema.fields.forEach((f, i) => {
    const child = t.getChildAt(i) as unknown as { nullCount: number; toArray(): ArrayLike<number> } | null;
    const id = f.type.typeId;
    const arr = child && child.nullCount === 0 && (id === 2 || id === 3) ? child.toArray() : null;
    if (arr instanceof Float64Array || arr instanceof Int32Array || arr instanceof Int8Array || arr instanceof Int16Array || arr instanceof Uint8Array) out.columns[f.name] = arr;
    else slow.push(i);
  });
  if (slow.length) {
    const rest = arrowToColumns({ numRows: t.numRows, schema: { fields: slow.map((i) => t.schema.fields[i]) }, getChildAt: (k) => t.getChildAt(slow[k]) });
    Object.assign(out.columns, rest.columns);
  }
  out.names = t.schema.fields.map((f) => f.name);
  return out;
}

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
      return fastColumns(await run(sql));
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
  const [version] = await db.query("SELECT version() AS v");
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { ...result, openMs, duckdbVersion: version.v, usedJSHeapSize: memory?.usedJSHeapSize ?? null, logs };
};
