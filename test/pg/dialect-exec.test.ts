/**
 * Issue 18: the PostgreSQL spellings of DuckDB's semantics, executed on both
 * engines with the same tree: round ties away from zero (PostgreSQL's own
 * round(float8) rounds them to even), division as doubles with NULL for a
 * zero divisor (where DuckDB gives Infinity), truncating integer division,
 * elapsed milliseconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import { openPg, type Pg } from "../../lib/db/postgres.js";
import type { Db } from "../../lib/db/types.js";
import { as, binary, call, cast, div, lit, postgres, render, select, sub, typedLit, valuesSource, col, type Expr } from "../../lib/sql/index.js";
import { PG_URL, requirePg } from "./pg-env.js";

const XS = [0.5, 1.5, 2.5, -0.5, -2.5, 0.49999999999999994, 123456789.5, 123456788.5, 4503599627370495.5, 1e9 * Math.pow(0.5, 1 / 7), 7, -7, 0];

requirePg();

describe.skipIf(!PG_URL)("PostgreSQL spellings give DuckDB's values", () => {
  let duck: Db, pg: Pg;
  beforeAll(async () => {
    duck = await openNativeDb();
    pg = await openPg(PG_URL);
  });
  afterAll(async () => {
    await duck?.close();
    await pg?.close();
  });
  const both = async (exprs: [string, Expr][]) => {
    const q = select({ columns: exprs.map(([n, e]) => as(e, n)), from: null });
    const [a] = await duck.query(render(q));
    const [b] = await pg.query(render(q, postgres));
    return { duck: a, pg: b };
  };

  it("round(x): ties away from zero, like DuckDB (and unlike PostgreSQL's round(float8))", async () => {
    const r = await both(XS.map((x, i) => [`r${i}`, call("round", cast(lit(x), "DOUBLE"))]));
    expect(r.pg).toEqual(r.duck);
    expect(r.duck.r0).toBe(1);
    expect(r.duck.r2).toBe(3);
    expect(r.duck.r4).toBe(-3);
    expect(r.duck.r5).toBe(0);
    const [plain] = await pg.query("SELECT round(2.5::float8) AS r");
    expect(plain.r).toBe(2); // why the CASE spelling is needed
  });

  it("pow: a weight that underflows is 0 on both (PostgreSQL's POWER would raise)", async () => {
    const r = await both([
      ["a", call("pow", cast(lit(0.5), "DOUBLE"), cast(lit(4000), "DOUBLE"))],
      ["b", call("pow", cast(lit(0.5), "DOUBLE"), cast(lit(1074), "DOUBLE"))],
      ["c", call("pow", cast(lit(0.5), "DOUBLE"), div(lit(100), lit(7)))],
      ["d", call("pow", cast(lit(2), "DOUBLE"), cast(lit(10), "DOUBLE"))],
    ]);
    expect(r.pg).toEqual(r.duck);
    expect(r.duck.a).toBe(0);
    expect(r.duck.b).toBe(Math.pow(0.5, 1074));
    await expect(pg.query("SELECT power(0.5::float8, 4000::float8) AS p")).rejects.toThrow(/underflow/); // why the guard is needed
  });

  it("x / y: doubles, NULL for y = 0; x // y truncates", async () => {
    const r = await both([
      ["a", div(lit(7), lit(2))],
      ["b", div(lit(7), lit(0))],
      ["c", binary("//", lit(7), lit(2))],
      ["d", binary("//", lit(-7), lit(2))],
      ["e", binary("//", lit(7), lit(0))],
    ]);
    // DuckDB 1.5 divides doubles by zero as IEEE does (Infinity); the warehouse dialects give NULL
    // (NULLIF guard: PostgreSQL would raise). The scoring SQL only divides by non-zero constants.
    expect({ ...r.pg, b: r.duck.b }).toEqual(r.duck);
    expect(r.duck).toEqual({ a: 3.5, b: Infinity, c: 3, d: -3, e: null });
    expect(r.pg.b).toBe(null);
  });

  it("ages: elapsed milliseconds between timestamps, not day boundaries", async () => {
    const t = (s: string) => typedLit("TIMESTAMP", s);
    const r = await both([
      ["ms", sub(call("epoch_ms", t("2024-03-01 00:00:01")), call("epoch_ms", t("2024-02-28 23:59:59")))],
      ["days", div(cast(sub(call("epoch_ms", t("2024-01-02 06:00:00")), call("epoch_ms", t("2024-01-01 18:00:00"))), "DOUBLE"), lit(86_400_000))],
      ["end", cast(binary("||", lit(""), lit("x")), "VARCHAR")],
    ]);
    expect(r.pg).toEqual(r.duck);
    expect(r.duck.ms).toBe(86_400_000 + 2000);
    expect(r.duck.days).toBe(0.5);
  });

  it("a VALUES source with a column list renders and runs on both", async () => {
    const q = select({ columns: [as(call("round", col("v", "t")), "r")], from: valuesSource([[cast(lit(2.5), "DOUBLE")], [cast(lit(-3.5), "DOUBLE")]], "t", ["v"]) });
    expect(await pg.query(render(q, postgres))).toEqual(await duck.query(render(q)));
  });
});
