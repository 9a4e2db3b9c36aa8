/**
 * Opens DuckDB-WASM in a web worker from the engine and worker URLs, behind
 * the workbench's `Db` interface. Used by the site (src/components/duckdb.ts,
 * URLs from data loaders) and by the browser benchmarks (URLs next to the page).
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import { tableToIPC } from "apache-arrow";
import { SAFE_SETTINGS, type Db } from "../lib/db/types.js";
import { wasmDb } from "../lib/db/wasm-db.js";

/** Milliseconds of the last open (read by the page's timings). */
export const startTimings: Record<string, number> = {};

/**
 * `file`: an opfs:// path for the engine's own database (DuckDB-WASM's file on
 * the origin-private file system, locked by this worker while it is open:
 * only a dedicated worker can, a shared worker has no synchronous file
 * access); when it cannot be opened (locked by another worker, no OPFS) the
 * open fails (the worker is ended).
 */
export async function openDuckDbWorker(wasmUrl: string, workerUrl: string, file: string | null = null): Promise<Db> {
  return openWith(wasmUrl, new Worker(workerUrl), file);
}

/**
 * The same engine in a shared worker (src/data/duckdb/duckdb-shared.worker.js.js)
 * named `name`: every page that opens the same name while it lives talks to
 * the same database (what it holds is the caller's to check).
 */
export async function openDuckDbShared(wasmUrl: string, sharedWorkerUrl: string, name: string): Promise<Db> {
  const worker = new SharedWorker(sharedWorkerUrl, { name, extendedLifetime: true } as WorkerOptions);
  const port = worker.port;
  port.start();
  // What AsyncDuckDB uses of a Worker: postMessage, add/removeEventListener, terminate.
  const workerLike = {
    postMessage: (message: unknown, transfer: Transferable[]) => port.postMessage(message, transfer),
    addEventListener: (type: string, listener: EventListener) => port.addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListener) => port.removeEventListener(type, listener),
    terminate: () => port.close(),
  } as unknown as Worker;
  return openWith(wasmUrl, workerLike, null);
}

async function openWith(wasmUrl: string, worker: Worker, file: string | null): Promise<Db> {
  const t0 = performance.now();
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    // Always answered, also when the engine cannot be loaded (src/data/duckdb/instantiate-guard.js).
    await db.instantiate(new URL(wasmUrl, location.href).href);
  } catch (e) {
    await db.terminate().catch(() => {});
    throw e;
  }
  const t1 = performance.now();
  if (file) {
    try {
      await db.open({ path: file, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
    } catch (e) {
      await db.terminate().catch(() => {});
      throw e;
    }
  }
  const t2 = performance.now();
  const conn = await db.connect();
  for (const s of SAFE_SETTINGS) await conn.query(s);
  startTimings.instantiate = Math.round(t1 - t0);
  startTimings.connect = Math.round(performance.now() - t2);
  const wrapped = wasmDb({
    query: (sql) => conn.query(sql),
    send: (sql) => conn.send(sql, true),
    // A copy in the engine's WebAssembly heap. (Read from a Blob instead, FileReaderSync in the engine's worker
    // failed on the 1M benchmark's 800 MB file in two runs of four: NotReadableError.)
    registerFile: (name, data) => db.registerFileBuffer(name, data),
    exportIpc: async (sql) => tableToIPC(await conn.query(sql), "stream"),
    importIpc: (name, ipc) => conn.insertArrowFromIPCStream(ipc, { name, create: true }),
    async close() {
      await conn.close();
      await db.terminate();
    },
  });
  engines.set(wrapped, db);
  return wrapped;
}

const engines = new WeakMap<Db, duckdb.AsyncDuckDB>();
const engineOf = (db: Db) => {
  const e = engines.get(db);
  if (!e) throw new Error("not a DuckDB-WASM engine opened by src/components/duckdb-worker.ts");
  return e;
};

/** Makes a browser File (e.g. one read from the origin-private file system) readable by the engine as `name`, read lazily, not copied. */
export async function registerBrowserFile(db: Db, name: string, file: File): Promise<void> {
  await engineOf(db).registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
}

/** Forgets a registered file (its handle is let go). */
export async function dropEngineFile(db: Db, name: string): Promise<void> {
  await engineOf(db).dropFile(name);
}

/** Writes the engine's buffered file writes through (after CHECKPOINT on an OPFS database). */
export async function flushEngineFiles(db: Db): Promise<void> {
  await engineOf(db).flushFiles();
}
