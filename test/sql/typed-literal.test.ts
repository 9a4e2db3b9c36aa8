/**
 * lib/sql nodes added while moving lib/dataset onto the tree: typed literals
 * (TIMESTAMP '…') and a constant interval added to a value, whose text the
 * outcome view relies on; checked as text and run in DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { addInterval, as, cmp, col, fn, lit, render, select, struct, sub, typedLit } from "../../lib/sql/index.js";

describe("typedLit and addInterval", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("render as DuckDB spells them", () => {
    expect(render(typedLit("TIMESTAMP", "2024-06-30 00:00:00"))).toBe("TIMESTAMP '2024-06-30 00:00:00'");
    expect(render(typedLit("TIMESTAMP", "it's"))).toBe("TIMESTAMP 'it''s'");
    expect(render(addInterval(col("created_at", "l"), 90, "DAY"))).toBe('("l"."created_at" + INTERVAL 90 DAY)');
    // as a comparison operand the addition needs no parentheses (+ binds tighter than <=)
    expect(render(cmp("<=", addInterval(col("created_at", "l"), 90, "DAY"), typedLit("TIMESTAMP", "2024-06-30 00:00:00")))).toBe(
      `("l"."created_at" + INTERVAL 90 DAY <= TIMESTAMP '2024-06-30 00:00:00')`,
    );
    // elsewhere it keeps its parentheses: t - (x + INTERVAL 1 DAY), never t - x + INTERVAL 1 DAY
    expect(render(sub(col("t"), addInterval(col("x"), 1, "DAY")))).toBe('("t" - ("x" + INTERVAL 1 DAY))');
  });

  it("struct literals: keys quoted as strings", () => {
    expect(render(struct([["a", lit("VARCHAR")], ["it's", lit(1)]]))).toBe("{'a': 'VARCHAR', 'it''s': 1}");
    expect(() => render(struct([]))).toThrow(/at least one field/);
  });

  it("refuses what it cannot spell", () => {
    expect(() => render(addInterval(col("x"), 1.5, "DAY"))).toThrow(/whole number/);
    expect(() => render(addInterval(col("x"), -1, "DAY"))).toThrow(/non-negative/);
    expect(() => render(addInterval(col("x"), 1, "WEEK" as never))).toThrow(/interval unit/);
    expect(() => render(typedLit("NOPE" as never, "x"))).toThrow(/cannot cast/);
    expect(() => render(typedLit("TIMESTAMP", "a\u0000b"))).toThrow(/NUL/);
  });

  it("runs in DuckDB with the expected values", async () => {
    const ts = typedLit("TIMESTAMP", "2024-01-31 12:00:00");
    const q = select({
      columns: [
        as(addInterval(ts, 30, "DAY"), "later"),
        as(cmp("<=", addInterval(ts, 30, "DAY"), typedLit("TIMESTAMP", "2024-03-01 12:00:00")), "due"),
        as(cmp("<=", addInterval(ts, 31, "DAY"), typedLit("TIMESTAMP", "2024-03-01 11:59:59")), "notDue"),
        as(fn("epoch", sub(typedLit("TIMESTAMP", "2024-03-02 00:00:00"), addInterval(ts, 1, "DAY"))), "gap"),
        as(lit(1), "one"),
        as(struct([["k", lit("v")]]), "s"),
      ],
      from: null,
    });
    const [r] = await db.query(
      `${render(q)}`,
    );
    expect(String(r.later)).toMatch(/^2024-03-01[ T]12:00:00/);
    expect(r.due).toBe(true);
    expect(typeof r.s === "string" ? JSON.parse(r.s) : r.s).toEqual({ k: "v" });
    expect(r.notDue).toBe(false);
    // 2024-03-02 00:00 - (2024-01-31 12:00 + 1 day) = 29.5 days (not 31.5: the addition keeps its parentheses)
    expect(Number(r.gap)).toBe(29.5 * 86400);
  });
});
