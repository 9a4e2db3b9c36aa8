/**
 * queryColumns on both engines (lib/db/arrow.ts arrowToColumns for
 * DuckDB-WASM, lib/db/native.ts from the result's chunks): 8-bit integer
 * columns without NULL as Int8Array / Uint8Array, other numeric columns as
 * Float64Array with NaN for null, over many chunks, the same values as
 * query() rows; other columns as normalised values.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";

const N = 10_000; // several Arrow record batches / DuckDB chunks
const sql = `SELECT range AS i,
  CAST(range AS INTEGER) AS i32,
  CASE WHEN range % 7 = 0 THEN NULL ELSE range * 0.25 END AS x,
  CASE WHEN range % 5 = 0 THEN NULL ELSE CAST(range AS BIGINT) * 1099511627776 END AS big,
  CAST(range % 3 - 1 AS TINYINT) AS tiny,
  CAST(range % 256 AS UTINYINT) AS utiny,
  CASE WHEN range % 9 = 0 THEN NULL ELSE CAST(range % 2 AS UTINYINT) END AS utiny_nulls,
  CASE WHEN range % 2 = 0 THEN 'even' END AS s,
  range % 2 = 0 AS b
  FROM range(${N}) ORDER BY range`;

describe("queryColumns reads whole columns, the same values as query()", () => {
  let wasm: Db;
  let native: Db;
  beforeAll(async () => {
    wasm = await openWasmDb();
    native = await openNativeDb({ threads: 1 });
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  it.each(["wasm", "native"] as const)("%s", async (engine) => {
    const db = engine === "wasm" ? wasm : native;
    const c = await db.queryColumns(sql);
    const rows = await db.query(sql);
    expect(c.numRows).toBe(N);
    // wasm reads a streamed result: several record batches joined by batchesToArrowLike (the row values below check the seams)
    const kinds = { i: Float64Array, i32: Float64Array, x: Float64Array, big: Float64Array, tiny: Int8Array, utiny: Uint8Array, utiny_nulls: Float64Array };
    for (const [name, kind] of Object.entries(kinds)) {
      const col = c.columns[name] as Float64Array;
      expect(col, name).toBeInstanceOf(kind);
      expect(Array.from(col)).toEqual(rows.map((r) => (r[name] === null ? NaN : r[name])));
    }
    expect((c.columns.tiny as Int8Array)[0]).toBe(-1);
    expect((c.columns.utiny_nulls as Float64Array)[9]).toBeNaN();
    expect((c.columns.x as Float64Array)[7]).toBeNaN();
    expect((c.columns.big as Float64Array)[3]).toBe(3 * 2 ** 40);
    expect(Array.from(c.columns.s)).toEqual(rows.map((r) => r.s));
    expect(Array.from(c.columns.b)).toEqual(rows.map((r) => r.b));
    const empty = await db.queryColumns("SELECT 1::UTINYINT AS a, 'x' AS b WHERE false");
    expect(empty.numRows).toBe(0);
    expect(empty.names).toEqual(["a", "b"]);
  });
});

describe("concurrent calls on one DuckDB-WASM Db", () => {
  it("never cut a streamed result short (the calls are queued)", async () => {
    const db = await openWasmDb();
    try {
      const [a, b, c] = await Promise.all([
        db.queryColumns(`SELECT range AS i FROM range(${N})`),
        db.query("SELECT 42 AS x"),
        db.queryColumns(`SELECT range * 2 AS j FROM range(${N})`),
      ]);
      expect(a.numRows).toBe(N);
      expect(b).toEqual([{ x: 42 }]);
      expect((c.columns.j as Float64Array)[N - 1]).toBe(2 * (N - 1));
    } finally {
      await db.close();
    }
  });
});
