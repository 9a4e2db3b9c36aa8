/**
 * Text columns of queryColumns (lib/db/arrow.ts arrowToColumns): read from
 * each Arrow chunk's bytes and offsets in one pass, never through the per-row
 * `get` (a search over the batches and one decode per value: most of a page's
 * reading time for lead ids). ASCII chunks, non-ASCII chunks, nulls, chunk
 * offsets, and the same values as query() on DuckDB-WASM over many batches.
 */
import { describe, expect, it } from "vitest";
import { arrowToColumns, type ArrowDataLike, type ArrowLike } from "../../lib/db/arrow.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";

const enc = new TextEncoder();

/** One Utf8 chunk of `values` (null = null), its validity bits starting at `offset`. */
function chunk(values: (string | null)[], offset = 0): ArrowDataLike {
  const parts = values.map((v) => enc.encode(v ?? ""));
  const valueOffsets = new Int32Array(values.length + 1);
  // bytes before the chunk's first value, as a sliced chunk has
  const lead = 3;
  valueOffsets[0] = lead;
  parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i] + p.length));
  const bytes = new Uint8Array(valueOffsets[values.length] + 2).fill(0x41);
  parts.forEach((p, i) => bytes.set(p, valueOffsets[i]));
  const nullBitmap = new Uint8Array(Math.ceil((offset + values.length) / 8) + 1);
  values.forEach((v, i) => v !== null && (nullBitmap[(offset + i) >> 3] |= 1 << ((offset + i) & 7)));
  const nullCount = values.filter((v) => v === null).length;
  return { values: bytes, valueOffsets, nullBitmap, offset, length: values.length, nullCount } as ArrowDataLike;
}

function table(chunks: ArrowDataLike[]): ArrowLike {
  const numRows = chunks.reduce((s, c) => s + c.length, 0);
  return {
    numRows,
    schema: { fields: [{ name: "s", type: { typeId: 5, toString: () => "Utf8" } }] },
    getChildAt: () => ({
      data: chunks,
      get: () => {
        throw new Error("per-row get called");
      },
      toArray: () => [],
    }),
  };
}

describe("text columns come from the chunks' bytes", () => {
  it("ASCII and non-ASCII chunks, nulls, validity offsets, without a per-row get", () => {
    const a = ["L00001", null, "email", "", "L00002"];
    const b = ["Zürich", null, "日本", "plain", "é"];
    const c = [null, null, "x"];
    const got = arrowToColumns(table([chunk(a), chunk(b, 5), chunk(c, 13)]));
    expect(got.numRows).toBe(13);
    expect(Array.from(got.columns.s)).toEqual([...a, ...b, ...c]);
  });

  it("on DuckDB-WASM: the same strings as query(), over several record batches", async () => {
    const db = await openWasmDb();
    try {
      const sql = `SELECT CASE WHEN range % 11 = 0 THEN NULL WHEN range % 7 = 0 THEN 'Zürich ' || range ELSE 'L' || lpad(CAST(range AS VARCHAR), 6, '0') END AS s
        FROM range(10000) ORDER BY range`;
      const c = await db.queryColumns(sql);
      const rows = await db.query(sql);
      expect(c.numRows).toBe(10_000);
      expect(Array.from(c.columns.s)).toEqual(rows.map((r) => r.s));
      expect(c.columns.s[7]).toBe("Zürich 7");
      expect(c.columns.s[0]).toBeNull();
    } finally {
      await db.close();
    }
  });
});
