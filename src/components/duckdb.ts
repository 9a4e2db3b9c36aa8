/**
 * DuckDB-WASM in a web worker, behind the workbench's `Db` interface. The
 * engine and worker are served from the site itself (data loaders stream
 * them from node_modules), so nothing is fetched from another origin.
 */
import { FileAttachment } from "observablehq:stdlib";
import type { Db } from "../lib/db/types.js";
import { openDuckDbShared, openDuckDbWorker } from "./duckdb-worker.js";

const WASM = () => FileAttachment("../data/duckdb/duckdb-eh.wasm").href;

/** Opens a fresh DuckDB-WASM database in a web worker (its own, ended with the page). */
export async function openFreshDb(): Promise<Db> {
  return openDuckDbWorker(WASM(), FileAttachment("../data/duckdb/duckdb-browser-eh.worker.js").href);
}

/**
 * Opens the database named `name` in a shared worker, kept between the pages
 * of this browser while one of them is open and a few seconds after (so the
 * next page finds the workspace loaded); a fresh worker where shared workers
 * do not exist. The caller checks what the database already holds.
 */
export async function openBrowserDb(name: string): Promise<{ db: Db; shared: boolean }> {
  if (typeof SharedWorker === "undefined") return { db: await openFreshDb(), shared: false };
  return { db: await openDuckDbShared(WASM(), FileAttachment("../data/duckdb/duckdb-shared.worker.js").href, name), shared: true };
}

/**
 * A fresh DuckDB-WASM in this page's own dedicated worker whose database is
 * the OPFS file `file` (opfs://…): only a dedicated worker can hold one. Fails
 * when another worker holds the file.
 */
export async function openFileDb(file: string): Promise<Db> {
  return openDuckDbWorker(WASM(), FileAttachment("../data/duckdb/duckdb-browser-eh.worker.js").href, file);
}
