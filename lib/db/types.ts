/**
 * The one small database interface shared by the browser (DuckDB-WASM in a
 * web worker), Node (DuckDB-WASM blocking bundle: the same engine as the
 * browser) and native DuckDB (@duckdb/node-api, for data too large for the
 * browser). Every module in lib/ that runs SQL talks to a `Db`.
 *
 * Result values are normalised so that the same SQL gives the same JS values
 * on every engine: BIGINT/HUGEINT → number, DATE → "YYYY-MM-DD",
 * TIMESTAMP → "YYYY-MM-DD HH:MM:SS" (UTC, no zone), DECIMAL → number.
 */
import { lit, render, set } from "../sql/index.js";

export type Value = number | string | boolean | null;
export type Row = Record<string, Value>;

/**
 * Columnar result: one array per column: TINYINT / UTINYINT without NULL as
 * Int8Array / Uint8Array, other numeric columns as Float64Array (NULL → NaN),
 * the rest as arrays of values.
 */
export interface Columns {
  names: string[];
  numRows: number;
  columns: Record<string, ArrayLike<Value> | Float64Array | Int8Array | Uint8Array>;
}

export type Engine = "duckdb-wasm" | "duckdb-native";

export interface Db {
  readonly engine: Engine;
  /** Runs SQL that returns rows, as plain objects. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Runs SQL that returns rows, as columns (see Columns). */
  queryColumns(sql: string): Promise<Columns>;
  /** Runs one or more statements and discards any result. */
  exec(sql: string): Promise<void>;
  /** Makes bytes readable by SQL as `read_csv('<name>')` (the browser's engine takes the buffer: pass a copy to keep using it). */
  registerFile(name: string, data: Uint8Array): Promise<void>;
  /** DuckDB-WASM only: the result of `sql` as Arrow IPC stream bytes (lib/db/snapshot.ts). */
  exportIpc?(sql: string): Promise<Uint8Array>;
  /** DuckDB-WASM only: creates table `name` from Arrow IPC stream bytes. */
  importIpc?(name: string, ipc: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Statements every connection runs first: DuckDB-WASM must never try to download an extension. */
export const SAFE_SETTINGS: readonly string[] = [
  render(set("autoinstall_known_extensions", lit(false))),
  render(set("autoload_known_extensions", lit(false))),
];

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats epoch milliseconds as "YYYY-MM-DD HH:MM:SS" in UTC. */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Formats epoch milliseconds as "YYYY-MM-DD" in UTC. */
export function formatDate(ms: number): string {
  return formatTimestamp(ms).slice(0, 10);
}

/**
 * Runs tasks one after another, in call order (each starts when the one
 * before has settled). A streamed result holds its connection until it is
 * read to the end: a query started meanwhile on the same connection would
 * cut it off. The DuckDB-WASM `Db`s put every call through one queue.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
