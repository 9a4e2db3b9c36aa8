/**
 * Native DuckDB (@duckdb/node-api) behind the same `Db` interface, for
 * datasets too large for the browser. Generated SQL must stay within what
 * both DuckDB-WASM (DuckDB 1.4) and native DuckDB (1.5) accept.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatDate, formatTimestamp, type Columns, type Db, type Row, type Value } from "./types.js";

export interface NativeOptions {
  /** DuckDB worker threads (default: DuckDB's own choice). */
  threads?: number;
}

function normalise(v: unknown): Value {
  if (v == null) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return formatTimestamp(v.getTime());
  return String(v);
}

export async function openNativeDb(options: NativeOptions = {}): Promise<Db> {
  const { DuckDBInstance, DuckDBTypeId } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", options.threads ? { threads: String(options.threads) } : {});
  const conn = await instance.connect();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "leadscore-"));
  const files = new Map<string, string>();
  const rewrite = (sql: string) => {
    // Registered names are resolved to their temporary files.
    let out = sql;
    for (const [name, file] of files) out = out.split(`'${name}'`).join(`'${file.replace(/'/g, "''")}'`);
    return out;
  };
  async function read(sql: string) {
    const reader = await conn.runAndReadAll(rewrite(sql));
    const names = reader.columnNames();
    const types = reader.columnTypes();
    const convs = types.map((t): ((v: unknown) => Value) => {
      switch (t.typeId) {
        case DuckDBTypeId.DATE:
          return (v) => (v == null ? null : String(v));
        case DuckDBTypeId.TIMESTAMP:
        case DuckDBTypeId.TIMESTAMP_MS:
        case DuckDBTypeId.TIMESTAMP_S:
        case DuckDBTypeId.TIMESTAMP_NS:
          return (v) => (v == null ? null : String(v).slice(0, 19));
        case DuckDBTypeId.DECIMAL:
          return (v) => (v == null ? null : Number(String(v)));
        default:
          return normalise;
      }
    });
    return { names, convs, rows: reader.getRows() as unknown[][] };
  }
  return {
    engine: "duckdb-native",
    async query<T extends Row = Row>(sql: string) {
      const { names, convs, rows } = await read(sql);
      return rows.map((r) => {
        const o: Row = {};
        names.forEach((n, i) => (o[n] = convs[i](r[i])));
        return o as T;
      });
    },
    async queryColumns(sql: string): Promise<Columns> {
      const { names, convs, rows } = await read(sql);
      const columns: Columns["columns"] = {};
      names.forEach((n, i) => {
        const vals = rows.map((r) => convs[i](r[i]));
        const numeric = vals.every((v) => v === null || typeof v === "number");
        columns[n] = numeric ? Float64Array.from(vals, (v) => (v === null ? NaN : (v as number))) : vals;
      });
      return { names, numRows: rows.length, columns };
    },
    async exec(sql: string) {
      await conn.run(rewrite(sql));
    },
    async registerFile(name: string, data: Uint8Array) {
      const file = path.join(tmp, `${files.size}.bin`);
      writeFileSync(file, data);
      files.set(name, file);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export { formatDate };
