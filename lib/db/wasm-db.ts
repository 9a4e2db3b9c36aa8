/**
 * The `Db` over a DuckDB-WASM connection, shared by the browser (async
 * bindings in a web worker, src/components/duckdb-worker.ts) and Node (the
 * blocking bindings, node-wasm.ts): only how a statement reaches DuckDB differs.
 *
 * Every call goes through one queue (serialQueue): queryColumns streams its
 * result batch by batch (DuckDB never holds the whole result, nor its Arrow
 * copy, in a WebAssembly heap that can grow but never shrink), and a
 * statement started on the connection before the stream is read to its end
 * would cut it short.
 */
import { arrowToColumns, arrowToRows, readStream, type ArrowLike, type StreamReader } from "./arrow.js";
import { serialQueue, type Columns, type Db, type Row } from "./types.js";

/** What the `Db` needs from a DuckDB-WASM connection. */
export interface WasmConnection {
  /** Runs SQL, the whole result as an Arrow table. */
  query(sql: string): unknown;
  /** Runs SQL with a streaming result (conn.send(sql, true)). */
  send(sql: string): Promise<unknown>;
  registerFile(name: string, data: Uint8Array): unknown;
  /** The result of `sql` as Arrow IPC stream bytes. */
  exportIpc?(sql: string): Promise<Uint8Array>;
  /** Creates table `name` from Arrow IPC stream bytes. */
  importIpc?(name: string, ipc: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export function wasmDb(c: WasmConnection): Db {
  const serial = serialQueue();
  const run = (sql: string) => serial(async () => (await c.query(sql)) as ArrowLike);
  return {
    engine: "duckdb-wasm",
    async query<T extends Row = Row>(sql: string) {
      return arrowToRows<T>(await run(sql));
    },
    async queryColumns(sql: string): Promise<Columns> {
      return arrowToColumns(await serial(async () => readStream((await c.send(sql)) as StreamReader)));
    },
    async exec(sql: string) {
      await run(sql);
    },
    async registerFile(name: string, data: Uint8Array) {
      await serial(async () => c.registerFile(name, data));
    },
    ...(c.exportIpc && c.importIpc
      ? {
          exportIpc: (sql: string) => serial(() => c.exportIpc!(sql)),
          importIpc: (name: string, ipc: Uint8Array) => serial(() => c.importIpc!(name, ipc)),
        }
      : {}),
    close: () => c.close(),
  };
}
