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

/**
 * Opens an in-memory native database. Spills (data larger than the memory
 * limit) go to a fresh folder under os.tmpdir(), removed by close(), never to
 * DuckDB's default ./.tmp in the working directory.
 */
export async function openNativeDb(options: NativeOptions = {}): Promise<Db> {
  const { DuckDBInstance, DuckDBTypeId } = await import("@duckdb/node-api");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "leadscore-"));
  const config: Record<string, string> = { temp_directory: path.join(tmp, "spill") };
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const conn = await instance.connect();
  const files = new Map<string, string>();
  const rewrite = (sql: string) => {
    // Registered names are resolved to their temporary files.
    let out = sql;
    for (const [name, file] of files) out = out.split(`'${name}'`).join(`'${file.replace(/'/g, "''")}'`);
    return out;
  };
  const NUMERIC = new Set<number>([
    DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT,
    DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.UHUGEINT,
    DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.DECIMAL,
  ]);
  const converters = (types: { typeId: number }[]) =>
    types.map((t): ((v: unknown) => Value) => {
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
  async function read(sql: string) {
    const reader = await conn.runAndReadAll(rewrite(sql));
    const names = reader.columnNames();
    const convs = converters(reader.columnTypes());
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
      // Column by column from the result's chunks (no row objects): numeric types into a Float64Array (NaN for null).
      const result = await conn.run(rewrite(sql));
      const names = result.columnNames();
      const types = result.columnTypes();
      const chunks = await result.fetchAllChunks();
      const numRows = chunks.reduce((s, c) => s + c.rowCount, 0);
      const columns: Columns["columns"] = {};
      const convs = converters(types);
      names.forEach((n, i) => {
        const byteKind = types[i].typeId === DuckDBTypeId.UTINYINT ? Uint8Array : types[i].typeId === DuckDBTypeId.TINYINT ? Int8Array : null;
        if (byteKind) {
          // As the WASM engines do (arrow.ts byteColumn): 8-bit integers without NULL as Int8Array / Uint8Array.
          const b = new byteKind(numRows);
          let pos = 0, hasNull = false;
          for (const chunk of chunks) {
            const vec = chunk.getColumnVector(i);
            for (let r = 0; r < chunk.rowCount && !hasNull; r++) {
              const v = vec.getItem(r);
              if (v == null) hasNull = true;
              else b[pos + r] = Number(v);
            }
            pos += chunk.rowCount;
          }
          if (!hasNull) {
            columns[n] = b;
            return;
          }
        }
        const numeric = NUMERIC.has(types[i].typeId);
        const out: Float64Array | Value[] = numeric ? new Float64Array(numRows) : new Array<Value>(numRows);
        let pos = 0;
        for (const chunk of chunks) {
          const vec = chunk.getColumnVector(i);
          const m = chunk.rowCount;
          if (numeric) {
            const f = out as Float64Array;
            for (let r = 0; r < m; r++) {
              const v = vec.getItem(r);
              f[pos + r] = v == null ? NaN : typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(String(v));
            }
          } else {
            const a = out as Value[];
            for (let r = 0; r < m; r++) a[pos + r] = convs[i](vec.getItem(r));
          }
          pos += m;
        }
        columns[n] = out;
      });
      return { names, numRows, columns };
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
