/**
 * lib/sql: exact SQL text for each node, and the same SQL run in DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import {
  add, and, call, cast, caseWhen, cmp, coalesce, col, createTableAs, div, eq, inList, isNotNull, isNull, lit, mul, not,
  notInList, or, render, select, sub, subquery, sum, table, quoteIdent, quoteString, renderNumber, type Expr,
} from "../../lib/sql/index.js";

describe("quoting", () => {
  it("double-quotes identifiers and doubles embedded quotes", () => {
    expect(quoteIdent('x"; DROP TABLE leads; --')).toBe('"x""; DROP TABLE leads; --"');
    expect(quoteIdent("select")).toBe('"select"');
    expect(quoteIdent("Ünïcødé")).toBe('"Ünïcødé"');
    expect(() => quoteIdent("")).toThrow(/non-empty/);
  });
  it("single-quotes strings and doubles embedded quotes", () => {
    expect(quoteString("'")).toBe("''''");
    expect(quoteString("O'Brien \\")).toBe("'O''Brien \\'");
  });
  it("renders numbers exactly and refuses non-finite ones", () => {
    expect(renderNumber(3)).toBe("3");
    expect(renderNumber(-3)).toBe("(-3)");
    expect(renderNumber(-0)).toBe("0");
    expect(renderNumber(0.1)).toBe("CAST('0.1' AS DOUBLE)");
    expect(renderNumber(-2.5)).toBe("CAST('-2.5' AS DOUBLE)");
    expect(renderNumber(1e21)).toBe("CAST('1e+21' AS DOUBLE)");
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => renderNumber(bad)).toThrow(/finite/);
  });
});

const cases: [string, Expr, string][] = [
  ["column", col("job level", "l"), '"l"."job level"'],
  ["literal", lit("it's"), "'it''s'"],
  ["null/bool", and(isNull(lit(null)), lit(true)), "((NULL IS NULL) AND TRUE)"],
  ["comparison", cmp(">=", col("a"), lit(-1)), '("a" >= (-1))'],
  ["or/not", or(not(eq(col("a"), lit(1))), isNotNull(col("b"))), '((NOT ("a" = 1)) OR ("b" IS NOT NULL))'],
  ["in", inList(col("a"), [lit("x"), lit("y")]), `("a" IN ('x', 'y'))`],
  ["not in", notInList(col("a"), [lit(1)]), '("a" NOT IN (1))'],
  ["case", caseWhen([{ when: eq(col("a"), lit(1)), then: lit(5) }], lit(0)), '(CASE WHEN ("a" = 1) THEN 5 ELSE 0 END)'],
  ["sum/coalesce", coalesce(sum(col("a")), lit(0)), 'coalesce(sum("a"), 0)'],
  ["arithmetic", div(mul(add(col("a"), lit(1)), sub(col("b"), lit(-2))), lit(2)), '((("a" + 1) * ("b" - (-2))) / 2)'],
  ["call", call("least", col("a"), lit(0.5)), `least("a", CAST('0.5' AS DOUBLE))`],
  ["cast", cast(lit("2024-01-02"), "TIMESTAMP"), "CAST('2024-01-02' AS TIMESTAMP)"],
];

describe("render: exact SQL", () => {
  it.each(cases)("%s", (_, node, sql) => expect(render(node)).toBe(sql));
  it("renders SELECT with joins, where, group by and order by", () => {
    const q = select({
      columns: [{ expr: col("k", "t"), as: "k" }, { expr: sum(col("v", "t")), as: "total" }],
      from: table("t1", "t"),
      joins: [{ type: "left", source: subquery(select({ columns: [{ expr: col("k"), as: "k" }], from: table("t2") }), "u"), on: eq(col("k", "u"), col("k", "t")) }],
      where: cmp(">", col("v", "t"), lit(0)),
      groupBy: [col("k", "t")],
      orderBy: [col("k", "t")],
    });
    expect(render(q)).toBe(
      'SELECT "t"."k" AS "k", sum("t"."v") AS "total" FROM "t1" AS "t" LEFT JOIN (SELECT "k" AS "k" FROM "t2") AS "u" ON ("u"."k" = "t"."k") ' +
        'WHERE ("t"."v" > 0) GROUP BY "t"."k" ORDER BY "t"."k"',
    );
    expect(render(createTableAs("o", select({ columns: [{ expr: lit(1), as: "x" }], from: table("t1") })))).toBe(
      'CREATE OR REPLACE TABLE "o" AS SELECT 1 AS "x" FROM "t1"',
    );
  });
  it("refuses what it cannot render safely", () => {
    expect(() => render(inList(col("a"), []))).toThrow(/empty list/);
    expect(() => render(lit(NaN))).toThrow(/finite/);
    expect(() => render({ kind: "call", fn: "read_csv" as "min", args: [] })).toThrow(/not allowed/);
    expect(() => render({ kind: "cast", arg: lit(1), type: "INT); DROP TABLE t; --" as "INTEGER" })).toThrow(/cannot cast/);
    expect(() => render({ kind: "nope" } as unknown as Expr)).toThrow(/unknown SQL node/);
  });
});

describe("render: the SQL runs in DuckDB-WASM with the expected values", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
    await db.exec(`CREATE TABLE t1 AS SELECT * FROM (VALUES ('a', 1.5), ('a', -2.0), ('b', NULL)) AS v(k, v)`);
  });
  afterAll(async () => db?.close());

  it("evaluates every expression node", async () => {
    const exprs: Record<string, Expr> = Object.fromEntries(cases.filter(([n]) => !["column", "sum/coalesce", "in", "not in", "case", "comparison", "or/not", "arithmetic", "call"].includes(n)).map(([n, e]) => [n, e]));
    const row = (await db.query(render(select({ columns: Object.entries(exprs).map(([as, expr]) => ({ expr, as })), from: table("t1") }))))[0];
    expect(row).toEqual({ literal: "it's", "null/bool": true, cast: "2024-01-02 00:00:00" });
    const q = select({
      columns: [
        { expr: col("k", "t"), as: "k" },
        { expr: coalesce(sum(col("v", "t")), lit(0)), as: "total" },
        { expr: sum(caseWhen([{ when: inList(col("k", "t"), [lit("a")]), then: lit(1) }], lit(0))), as: "n_a" },
        { expr: call("least", call("max", col("v", "t")), lit(0.5)), as: "capped" },
        { expr: div(mul(add(lit(1), lit(2)), sub(lit(3), lit(-2))), lit(2)), as: "arith" },
        { expr: call("round", mul(call("pow", lit(0.5), div(lit(7), lit(7))), lit(1e9))), as: "nano" },
      ],
      from: table("t1", "t"),
      groupBy: [col("k", "t")],
      orderBy: [col("k", "t")],
    });
    expect(await db.query(render(q))).toEqual([
      { k: "a", total: -0.5, n_a: 2, capped: 0.5, arith: 7.5, nano: 500000000 },
      // DuckDB's least() skips NULL arguments (least(NULL, 0.5) = 0.5): generated SQL never passes it a NULL.
      { k: "b", total: 0, n_a: 0, capped: 0.5, arith: 7.5, nano: 500000000 },
    ]);
  });

  it("gives SQL NULL semantics to NOT IN (a missing value never matches)", async () => {
    const q = select({ columns: [{ expr: caseWhen([{ when: notInList(col("v"), [lit(1.5)]), then: lit(1) }], lit(0)), as: "x" }], from: table("t1"), orderBy: [col("k"), col("v")] });
    expect((await db.query(render(q))).map((r) => r.x)).toEqual([1, 0, 0]);
  });
});
