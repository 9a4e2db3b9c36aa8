/**
 * DuckDB-WASM in a web worker, behind the workbench's `Db` interface. The
 * engine and worker are served from the site itself (data loaders stream
 * them from node_modules), so nothing is fetched from another origin.
 */
import { FileAttachment } from "observablehq:stdlib";
import type { Db } from "../lib/db/types.js";
import { openDuckDbWorker } from "./duckdb-worker.js";

/** Opens a fresh DuckDB-WASM database in a web worker. */
export async function openBrowserDb(): Promise<Db> {
  return openDuckDbWorker(FileAttachment("../data/duckdb/duckdb-eh.wasm").href, FileAttachment("../data/duckdb/duckdb-browser-eh.worker.js").href);
}
