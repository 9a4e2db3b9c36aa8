import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";

const csv = new TextEncoder().encode("id,d,x,name\n1,2024-01-02,1.5,O'Brien\n2,2024-02-03,,\n");
const sql = `SELECT id, d, x, d::TIMESTAMP + INTERVAL 3 HOUR AS ts, 12::BIGINT AS b,
  1.25::DECIMAL(10,2) AS dec, name, x IS NULL AS missing
  FROM read_csv('a.csv', header = true) ORDER BY id`;

describe("the same SQL gives the same values on DuckDB-WASM and native DuckDB", () => {
  let wasm: Db;
  let native: Db;
  beforeAll(async () => {
    wasm = await openWasmDb();
    native = await openNativeDb({ threads: 1 });
    for (const db of [wasm, native]) await db.registerFile("a.csv", csv);
  });
  afterAll(async () => {
    await wasm?.close();
    await native?.close();
  });

  it("normalises rows identically", async () => {
    const a = await wasm.query(sql);
    const b = await native.query(sql);
    expect(a).toEqual(b);
    expect(a[0]).toEqual({
      id: 1, d: "2024-01-02", x: 1.5, ts: "2024-01-02 03:00:00", b: 12, dec: 1.25, name: "O'Brien", missing: false,
    });
    expect(a[1].x).toBeNull();
  });

  it("returns numeric columns as Float64Array with NaN for null", async () => {
    const a = await wasm.queryColumns(sql);
    const b = await native.queryColumns(sql);
    expect(a.names).toEqual(b.names);
    expect(Array.from(a.columns.x as Float64Array)).toEqual([1.5, NaN]);
    expect(Array.from(b.columns.dec as Float64Array)).toEqual([1.25, 1.25]);
    expect(a.columns.dec).toBeInstanceOf(Float64Array);
  });

  it("fails at once, not hangs, on SQL that needs an extension", async () => {
    await expect(wasm.query("SELECT '{\"a\":1}'::JSON AS j")).rejects.toThrow(/json/i);
  });
});
