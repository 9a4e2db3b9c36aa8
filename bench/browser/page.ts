/**
 * The browser side of the scoring benchmark (bundled by bench/scoring.ts with
 * esbuild): opens DuckDB-WASM in a web worker from files served next to the
 * page, then runs the same phase as Node (bench/pipeline.ts: the load phase,
 * or the scoring phase) and returns its timings through `window.runBench`.
 */
import type { Db } from "../../lib/db/types.js";
import { as, fn, lit, render, select } from "../../lib/sql/index.js";
import { openDuckDbWorker } from "../../src/components/duckdb-worker.js";
import { runLoadPhase, runPipeline, type PipelineOptions } from "../pipeline.js";

const openPageDb = (): Promise<Db> =>
  openDuckDbWorker(new URL("./duckdb-eh.wasm", location.href).href, new URL("./duckdb-browser-eh.worker.js", location.href).href);

declare global {
  interface Window {
    runBench(o: PipelineOptions & { phase: "load" | "score" }): Promise<unknown>;
  }
}

window.runBench = async (o: PipelineOptions & { phase: "load" | "score" }) => {
  const t = performance.now();
  const db = await openPageDb();
  const openMs = performance.now() - t;
  const logs: string[] = [];
  const log = (s: string) => {
    logs.push(s);
    console.log(s);
  };
  const result = o.phase === "load" ? await runLoadPhase(db, o, log) : await runPipeline(db, o, log);
  const setting = (name: string) => fn("current_setting", lit(name));
  const [version] = await db.query(render(select({ columns: [as(fn("version"), "v"), as(setting("memory_limit"), "m"), as(setting("threads"), "t")], from: null })));
  console.log(`DuckDB-WASM settings: memory_limit ${version.m}, threads ${version.t}`);
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return { ...result, openMs, duckdbVersion: version.v, usedJSHeapSize: memory?.usedJSHeapSize ?? null, logs };
};
