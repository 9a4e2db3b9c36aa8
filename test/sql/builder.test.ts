/**
 * lib/sql builder extension (issue 17): exact text for every new node, the
 * dialect seam, and the statements run in DuckDB (native, @duckdb/node-api)
 * with the expected results.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import type { Db } from "../../lib/db/types.js";
import {
  addColumn, agg, alterTable, and, as, asc, between, binary, caseWhen, cast, cmp, col, concat, count, createSequence, createTable,
  createTableColumns, createView, crossJoin, cte, deleteFrom, desc, drop, dropColumn, dropDefault, duckdb, eq, exists, filterAgg, fn,
  inQuery, insertSelect, isNull, insertValues, interval, join, joinUsing, leftJoin, like, listValue, lit, mod, namedArg, neg, notExists, over,
  render, renameColumn, scalar, script, select, set, star, sub, subquery, table, tableFunction, tryCast, union, unionAll, update,
  valuesSource, verbatim, withCtes, type Dialect, type Expr, type Statement,
  attach, checkpoint, copyDatabase, copyOption, copyTo, createMacro, detach, mul, numeral, shiftRight, use,
} from "../../lib/sql/index.js";

const T = table("t");

describe("render: new expression nodes", () => {
  const cases: [string, Expr, string][] = [
    ["fn", fn("trim", col("a"), lit(" ")), `trim("a", ' ')`],
    ["tryCast", tryCast(col("a"), "DOUBLE"), 'TRY_CAST("a" AS DOUBLE)'],
    ["cast to new type", cast(col("a"), "TIMESTAMPTZ"), 'CAST("a" AS TIMESTAMPTZ)'],
    ["count(*)", count(), "count(*)"],
    ["count(x)", count(col("a")), 'count("a")'],
    ["count distinct", count(col("a"), { distinct: true }), 'count(DISTINCT "a")'],
    ["FILTER", count(null, { filter: eq(col("s"), lit("won")) }), `count(*) FILTER (WHERE ("s" = 'won'))`],
    ["filterAgg", filterAgg(agg("max", [col("t")]), cmp("<=", col("t"), lit(3))), 'max("t") FILTER (WHERE ("t" <= 3))'],
    ["ordered aggregate", agg("string_agg", [col("a"), lit(",")], { orderBy: [desc(col("a"))] }), `string_agg("a", ',' ORDER BY "a" DESC)`],
    ["row_number", over(fn("row_number"), { orderBy: [col("t")] }), '(row_number() OVER (ORDER BY "t"))'],
    [
      "window with partition, order and frame",
      over(agg("sum", [col("v")]), { partitionBy: [col("k")], orderBy: [asc(col("t"), "last")], frame: { type: "rows", start: { preceding: 2 }, end: "currentRow" } }),
      '(sum("v") OVER (PARTITION BY "k" ORDER BY "t" ASC NULLS LAST ROWS BETWEEN 2 PRECEDING AND CURRENT ROW))',
    ],
    ["empty OVER", over(fn("row_number")), "(row_number() OVER ())"],
    ["mod", mod(col("a"), lit(2)), '("a" % 2)'],
    ["integer division", binary("//", col("a"), lit(2)), '("a" // 2)'],
    ["concat", concat(lit("deal-"), cast(col("i"), "VARCHAR")), `('deal-' || CAST("i" AS VARCHAR))`],
    ["like", like(col("a"), lit("x%")), `("a" LIKE 'x%')`],
    ["negate", neg(col("a")), '(- "a")'],
    ["between", between(col("a"), lit(1), lit(2)), '("a" BETWEEN 1 AND 2)'],
    ["scalar subquery", scalar(select({ columns: [as(count())], from: T })), '(SELECT count(*) FROM "t")'],
    ["exists", exists(select({ columns: [as(lit(1))], from: T })), '(EXISTS (SELECT 1 FROM "t"))'],
    ["not exists", notExists(select({ columns: [as(lit(1))], from: T })), '(NOT EXISTS (SELECT 1 FROM "t"))'],
    ["in query", inQuery(col("a"), select({ columns: [as(col("b"))], from: T })), '("a" IN (SELECT "b" FROM "t"))'],
    ["interval", interval(7, "DAY"), "(INTERVAL (7) DAY)"],
    ["list", listValue([lit("%d/%m/%Y"), lit("%m/%d/%Y")]), "['%d/%m/%Y', '%m/%d/%Y']"],
    ["star", star(), "*"],
    ["t.* EXCLUDE", star("l", ["lead_no", 'we"ird']), '"l".* EXCLUDE ("lead_no", "we""ird")'],
    ["verbatim", verbatim`current_setting('threads')`, "current_setting('threads')"],
    ["named argument", fn("f", lit("x"), namedArg("header", lit(true))), "f('x', header = TRUE)"],
  ];
  it.each(cases)("%s", (_, node, sql) => expect(render(node)).toBe(sql));

  it("refuses unsafe or malformed nodes", () => {
    expect(() => render(fn("x); DROP TABLE t; --"))).toThrow(/plain name/);
    expect(() => render(agg("", []))).toThrow(/plain name/);
    expect(() => render(tryCast(col("a"), "INT); --" as "INTEGER"))).toThrow(/cannot cast/);
    expect(() => render(binary("; DROP" as "%", col("a"), col("b")))).toThrow(/unknown operator/);
    expect(() => render(interval(1, "WEEK); --" as "DAY"))).toThrow(/interval unit/);
    expect(() => render(over(col("a")))).toThrow(/OVER applies/);
    expect(() => render(filterAgg(col("a"), lit(true)))).toThrow(/FILTER applies/);
    expect(() => render(verbatim(""))).toThrow(/verbatim/);
    expect(() => render(namedArg("a = 1, b", lit(1)))).toThrow(/plain name/);
    expect(() => render(set("x; DROP", lit(1)))).toThrow(/plain name/);
    expect(() => render(over(fn("row_number"), { frame: { type: "rows", start: { preceding: -1 }, end: "currentRow" } }))).toThrow(/non-negative/);
  });
});

describe("render: queries", () => {
  it("SELECT without FROM, DISTINCT, unnamed columns, HAVING, ORDER BY items, LIMIT/OFFSET", () => {
    expect(render(select({ columns: [as(lit(1), "x")], from: null }))).toBe('SELECT 1 AS "x"');
    const q = select({
      columns: [as(col("k")), as(count(), "n")],
      from: T,
      distinct: true,
      groupBy: [col("k")],
      having: cmp(">", count(), lit(1)),
      orderBy: [desc(col("n")), asc(col("k"), "first")],
      limit: 10,
      offset: 5,
    });
    expect(render(q)).toBe('SELECT DISTINCT "k", count(*) AS "n" FROM "t" GROUP BY "k" HAVING (count(*) > 1) ORDER BY "n" DESC, "k" ASC NULLS FIRST LIMIT 10 OFFSET 5');
    expect(() => render(select({ columns: [as(lit(1))], from: T, limit: -1 }))).toThrow(/LIMIT/);
    expect(() => render(select({ columns: [as(lit(1))], from: T, limit: 1.5 }))).toThrow(/LIMIT/);
  });

  it("WITH (CTEs, with column names), joins of every kind, schema-qualified tables, table functions, VALUES", () => {
    const d = cte("d", select({ columns: [as(col("lead_id")), as(count(), "n")], from: table("deals"), groupBy: [col("lead_id")] }));
    const c = cte("c", select({ columns: [as(lit(1))], from: null }), ["one"], true);
    const q = withCtes(
      [d, c],
      select({
        columns: [as(star("l"))],
        from: table("leads", "l", "kept"),
        joins: [
          leftJoin(table("d"), eq(col("lead_id", "d"), col("lead_id", "l"))),
          crossJoin(table("c")),
          joinUsing(table("x"), ["lead_key"]),
          join(tableFunction("range", [lit(3)], "r"), eq(col("range", "r"), col("n", "d")), "full"),
        ],
      }),
    );
    expect(render(q)).toBe(
      'WITH "d" AS (SELECT "lead_id", count(*) AS "n" FROM "deals" GROUP BY "lead_id"), "c" ("one") AS MATERIALIZED (SELECT 1) ' +
        'SELECT "l".* FROM "kept"."leads" AS "l" LEFT JOIN "d" ON ("d"."lead_id" = "l"."lead_id") CROSS JOIN "c" ' +
        'JOIN "x" USING ("lead_key") FULL JOIN range(3) AS "r" ON ("r"."range" = "d"."n")',
    );
    expect(render(valuesSource([[lit("a"), lit(1)], [lit("b"), lit(2)]], "v", ["k", "x"]))).toBe(`(VALUES ('a', 1), ('b', 2)) AS "v"("k", "x")`);
    expect(() => render(valuesSource([[lit("a")], [lit("b"), lit(2)]], "v", ["k"]))).toThrow(/VALUES row/);
    expect(render(select({ columns: [as(star())], from: verbatim("read_csv('f.csv')") }))).toBe("SELECT * FROM read_csv('f.csv')");
    expect(() => render(select({ columns: [as(lit(1))], from: T, joins: [join(T, null)] }))).toThrow(/ON condition/);
    expect(() => render(select({ columns: [as(lit(1))], from: T, joins: [{ type: "cross", source: T, on: lit(true) }] }))).toThrow(/CROSS/);
  });

  it("UNION [ALL] of queries, with ORDER BY and LIMIT over the whole", () => {
    const a = select({ columns: [as(col("created_at"), "t")], from: table("leads") });
    const b = select({ columns: [as(col("closed_at"))], from: table("deals") });
    expect(render(unionAll(a, b))).toBe('(SELECT "created_at" AS "t" FROM "leads") UNION ALL (SELECT "closed_at" FROM "deals")');
    expect(render({ ...union(a, b), orderBy: [col("t")], limit: 3 })).toBe(
      '(SELECT "created_at" AS "t" FROM "leads") UNION (SELECT "closed_at" FROM "deals") ORDER BY "t" LIMIT 3',
    );
  });
});

describe("render: statements", () => {
  const q = select({ columns: [as(lit(1), "x")], from: null });
  const cases: [string, Statement, string][] = [
    ["create table (default OR REPLACE)", createTable("o", q), 'CREATE OR REPLACE TABLE "o" AS SELECT 1 AS "x"'],
    ["create temp table", createTable("o", q, { temp: true }), 'CREATE OR REPLACE TEMP TABLE "o" AS SELECT 1 AS "x"'],
    ["create table plain", createTable("o", q, { orReplace: false }), 'CREATE TABLE "o" AS SELECT 1 AS "x"'],
    ["create view", createView("v", q), 'CREATE OR REPLACE VIEW "v" AS SELECT 1 AS "x"'],
    ["create view if not exists", createView("v", q, { orReplace: false, ifNotExists: true }), 'CREATE VIEW IF NOT EXISTS "v" AS SELECT 1 AS "x"'],
    ["create table (columns)", createTableColumns("t", [{ name: "a", type: "INTEGER" }, { name: "b", type: "VARCHAR" }]), 'CREATE TABLE "t" ("a" INTEGER, "b" VARCHAR)'],
    [
      "create table if not exists, constraints, engine type",
      createTableColumns("t", [{ name: "k", type: "VARCHAR", primaryKey: true }, { name: "d", type: verbatim("DECIMAL(18,3)"), notNull: true }], { ifNotExists: true }),
      'CREATE TABLE IF NOT EXISTS "t" ("k" VARCHAR PRIMARY KEY, "d" DECIMAL(18,3) NOT NULL)',
    ],
    ["set", set("threads", lit(1)), "SET threads = 1"],
    ["insert select", insertSelect("t", ["a"], q), 'INSERT INTO "t" ("a") SELECT 1 AS "x"'],
    ["insert values", insertValues("t", ["a", "b"], [[lit(1), lit("x")], [lit(2), lit(null)]]), `INSERT INTO "t" ("a", "b") VALUES (1, 'x'), (2, NULL)`],
    ["update", update("t", [{ column: "a", value: lit(null) }], fn("isnan", col("a"))), 'UPDATE "t" SET "a" = NULL WHERE isnan("a")'],
    ["update all rows", update("deals", [{ column: "deal_id", value: concat(lit("deal-"), col("rowid")) }]), `UPDATE "deals" SET "deal_id" = ('deal-' || "rowid")`],
    ["delete", deleteFrom("t", eq(col("a"), lit(1))), 'DELETE FROM "t" WHERE ("a" = 1)'],
    ["delete all", deleteFrom("t"), 'DELETE FROM "t"'],
    ["alter add column", alterTable("t", addColumn("k", "INTEGER", fn("nextval", lit("s")))), `ALTER TABLE "t" ADD COLUMN "k" INTEGER DEFAULT nextval('s')`],
    ["alter drop default", alterTable("t", dropDefault("k")), 'ALTER TABLE "t" ALTER COLUMN "k" DROP DEFAULT'],
    ["alter drop column", alterTable("t", dropColumn("k", true)), 'ALTER TABLE "t" DROP COLUMN IF EXISTS "k"'],
    ["alter rename column", alterTable("t", renameColumn("a", "b")), 'ALTER TABLE "t" RENAME COLUMN "a" TO "b"'],
    ["drop view", drop("view", "v"), 'DROP VIEW IF EXISTS "v"'],
    ["drop table strict", drop("table", "t", false), 'DROP TABLE "t"'],
    ["create sequence", createSequence("s", 0, 0), 'CREATE SEQUENCE "s" START 0 MINVALUE 0'],
    ["script", script(drop("table", "a"), drop("table", "b")), 'DROP TABLE IF EXISTS "a"; DROP TABLE IF EXISTS "b"'],
  ];
  it.each(cases)("%s", (_, node, sql) => expect(render(node)).toBe(sql));
  it("refuses malformed statements", () => {
    expect(() => render(update("t", []))).toThrow(/SET/);
    expect(() => render(script())).toThrow(/statement/);
    expect(() => render(createTable("o", q, { orReplace: true, ifNotExists: true }))).toThrow(/not both/);
    expect(() => render(insertValues("t", ["a", "b"], [[lit(1)]]))).toThrow(/VALUES row/);
    expect(() => render(drop("table", ""))).toThrow(/non-empty/);
  });
});

describe("dialect seam", () => {
  it("DuckDB is the default", () => {
    const e = and(eq(col("a"), lit("x")), interval(1, "DAY"));
    expect(render(e, duckdb)).toBe(render(e));
  });
  it("a dialect controls quoting, types, function spelling, intervals and CREATE", () => {
    const toy: Dialect = {
      ...duckdb,
      name: "toy",
      quoteIdent: (n) => `\`${n}\``,
      typeName: (t) => (t === "DOUBLE" ? "FLOAT64" : t),
      callFunction: (name, args) => (name === "epoch_ms" ? `UNIX_MILLIS(${args.join(", ")})` : `${name.toUpperCase()}(${args.join(", ")})`),
      interval: (v, u) => `INTERVAL ${v} ${u}`,
      createHead: (object, quoted, o) => `${o.orReplace ? "CREATE OR REPLACE" : "CREATE"} ${object} ${quoted}`,
    };
    const q = select({ columns: [as(cast(fn("epoch_ms", col("t")), "DOUBLE"), "ms"), as(sub(col("t"), interval(2, "DAY")))], from: table("x") });
    expect(render(createTable("y", q, { temp: true }), toy)).toBe(
      "CREATE OR REPLACE TABLE `y` AS SELECT CAST(UNIX_MILLIS(`t`) AS FLOAT64) AS `ms`, (`t` - INTERVAL 2 DAY) FROM `x`",
    );
  });
});

describe("the statements run in DuckDB (native) with the expected results", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNativeDb();
    await db.exec(
      `CREATE TABLE deals AS SELECT * FROM (VALUES ('a', 'won', 3), ('a', 'lost', 1), ('b', 'lost', 2), ('c', 'open', NULL)) AS v(lead_id, status, t)`,
    );
  });
  afterAll(async () => db?.close());

  it("WITH + FILTER + window + ORDER BY/LIMIT", async () => {
    const d = cte(
      "d",
      select({
        columns: [
          as(col("lead_id")),
          as(count(), "n"),
          as(count(null, { filter: eq(col("status"), lit("won")) }), "won"),
          as(agg("max", [col("t")], { filter: eq(col("status"), lit("lost")) }), "lost_t"),
        ],
        from: table("deals"),
        groupBy: [col("lead_id")],
      }),
    );
    const q = withCtes(
      [d],
      select({
        columns: [as(col("lead_id")), as(col("won")), as(col("lost_t")), as(over(fn("row_number"), { orderBy: [desc(col("n")), asc(col("lead_id"))] }), "rk")],
        from: table("d"),
        orderBy: [col("lead_id")],
        limit: 2,
        offset: 1,
      }),
    );
    expect(await db.query(render(q))).toEqual([
      { lead_id: "b", won: 0, lost_t: 2, rk: 2 },
      { lead_id: "c", won: 0, lost_t: null, rk: 3 },
    ]);
  });

  it("running sum over a ROWS frame, scalar subqueries, EXISTS, IN (SELECT), UNION ALL, intervals, lists", async () => {
    const run = select({
      columns: [as(col("t")), as(over(agg("sum", [col("t")]), { orderBy: [col("t")], frame: { type: "rows", start: "unboundedPreceding", end: "currentRow" } }), "s")],
      from: table("deals"),
      where: cmp(">", col("t"), lit(0)),
      orderBy: [col("t")],
    });
    expect((await db.query(render(run))).map((r) => r.s)).toEqual([1, 3, 6]);
    const misc = select({
      columns: [
        as(scalar(select({ columns: [as(count())], from: table("deals") })), "total"),
        as(exists(select({ columns: [as(lit(1))], from: table("deals"), where: eq(col("status"), lit("open")) })), "has_open"),
        as(scalar(select({ columns: [as(count())], from: table("deals"), where: inQuery(col("lead_id"), select({ columns: [as(col("lead_id"))], from: table("deals"), where: eq(col("status"), lit("won")) })) })), "in_won"),
        as(cast(sub(cast(lit("2024-03-01"), "TIMESTAMP"), interval(1, "DAY")), "VARCHAR"), "day_before"),
        as(fn("len", listValue([lit("x"), lit("y")])), "len"),
        as(binary("//", lit(7), lit(2)), "idiv"),
        as(neg(mod(lit(7), lit(4))), "negmod"),
        as(tryCast(lit("x1"), "DOUBLE"), "bad"),
      ],
      from: null,
    });
    expect(await db.query(render(misc))).toEqual([{ total: 4, has_open: true, in_won: 2, day_before: "2024-02-29 00:00:00", len: 2, idiv: 3, negmod: -3, bad: null }]);
    await db.registerFile("named.csv", new TextEncoder().encode("a;b\n1;x\n2;y\n"));
    const csv = (delim: string) =>
      select({ columns: [as(count(), "n"), as(agg("max", [col("b")]), "b")], from: tableFunction("read_csv", [lit("named.csv"), namedArg("delim", lit(delim)), namedArg("header", lit(true)), namedArg("all_varchar", lit(true))]) });
    expect(await db.query(render(csv(";")))).toEqual([{ n: 2, b: "y" }]);
    const m = withCtes([cte("m", select({ columns: [as(lit(2), "v")], from: null }), [], true)], select({ columns: [as(col("v"))], from: table("m") }));
    expect(await db.query(render(m))).toEqual([{ v: 2 }]);
    await db.exec(render(createTableColumns("kv", [{ name: "k", type: "VARCHAR", primaryKey: true }, { name: "d", type: verbatim("DECIMAL(18,3)"), notNull: true }], { ifNotExists: true })));
    await expect(db.exec(render(insertValues("kv", ["k", "d"], [[lit("a"), lit(null)]])))).rejects.toThrow(/NOT NULL/i);
    await db.exec(render(script(insertValues("kv", ["k", "d"], [[lit("a"), lit(1.5)]]), set("threads", lit(1)))));
    expect(await db.query(render(select({ columns: [as(cast(col("d"), "DOUBLE"), "d")], from: table("kv") })))).toEqual([{ d: 1.5 }]);
    const u = { ...unionAll(select({ columns: [as(col("t"), "x")], from: table("deals") }), select({ columns: [as(lit(10))], from: null })), orderBy: [desc(col("x"), "last")], limit: 2 };
    expect((await db.query(render(u))).map((r) => r.x)).toEqual([10, 3]);
  });

  it("CREATE TEMP TABLE/VIEW AS, INSERT, UPDATE, DELETE, ALTER, sequences, DROP, scripts", async () => {
    await db.exec(render(script(
      createTable("w", select({ columns: [as(col("lead_id")), as(col("t"))], from: table("deals"), where: cmp("<", col("t"), lit(3)) }), { temp: true }),
      insertValues("w", ["lead_id", "t"], [[lit("z"), lit(9)]]),
      insertSelect("w", ["lead_id", "t"], select({ columns: [as(col("lead_id")), as(col("t"))], from: table("deals"), where: eq(col("status"), lit("open")) })),
      update("w", [{ column: "t", value: lit(0) }], isNull(col("t"))),
      deleteFrom("w", eq(col("lead_id"), lit("b"))),
      createSequence("s", 0, 0),
      alterTable("w", addColumn("k", "INTEGER", fn("nextval", lit("s")))),
      alterTable("w", dropDefault("k")),
      drop("sequence", "s", false),
      alterTable("w", renameColumn("t", "tt")),
      createView("wv", select({ columns: [as(star(null, ["k"]))], from: table("w") })),
    )));
    expect(await db.query(render(select({ columns: [as(star())], from: table("wv"), orderBy: [col("lead_id")] })))).toEqual([
      { lead_id: "a", tt: 1 },
      { lead_id: "c", tt: 0 },
      { lead_id: "z", tt: 9 },
    ]);
    expect((await db.query(render(select({ columns: [as(col("k"))], from: table("w"), orderBy: [col("k")] })))).map((r) => r.k)).toEqual([0, 1, 2]);
    await db.exec(render(script(drop("view", "wv"), drop("table", "w"))));
    expect(await db.query(render(select({ columns: [as(count(), "n")], from: tableFunction("duckdb_tables"), where: eq(col("table_name"), lit("w")) })))).toEqual([{ n: 0 }]);
  });
});

describe("files, databases and macros (the benchmarks' DuckDB statements)", () => {
  const q = select({ columns: [as(star(null, ["lead_no"]))], from: table("leads") });
  const cases: [string, Statement | Expr, string][] = [
    ["COPY (query) TO", copyTo(q, "/tmp/a b.csv", [copyOption("HEADER"), copyOption("DELIMITER", lit(","))]), `COPY (SELECT * EXCLUDE ("lead_no") FROM "leads") TO '/tmp/a b.csv' (HEADER, DELIMITER ',')`],
    ["COPY table TO, no options", copyTo("deals", "o'k.csv"), `COPY "deals" TO 'o''k.csv'`],
    ["ATTACH", attach("opfs://x.duckdb", "kept"), `ATTACH 'opfs://x.duckdb' AS "kept"`],
    ["ATTACH READ_ONLY", attach(":memory:", "mem", true), `ATTACH ':memory:' AS "mem" (READ_ONLY)`],
    ["DETACH", detach("kept"), 'DETACH "kept"'],
    ["USE", use("mem"), 'USE "mem"'],
    ["CHECKPOINT", checkpoint(), "CHECKPOINT"],
    ["CHECKPOINT name", checkpoint("kept"), 'CHECKPOINT "kept"'],
    ["COPY FROM DATABASE", copyDatabase("memory", "kept"), 'COPY FROM DATABASE "memory" TO "kept"'],
    ["CREATE OR REPLACE MACRO", createMacro("half", ["x"], shiftRight(col("x"), lit(1))), 'CREATE OR REPLACE MACRO "half"("x") AS ("x" >> 1)'],
    ["CREATE MACRO, two params", createMacro("f", ["a", "b"], fn("xor", col("a"), col("b")), false), 'CREATE MACRO "f"("a", "b") AS xor("a", "b")'],
    ["<<", binary("<<", lit(1), lit(4)), "(1 << 4)"],
    ["numeral", numeral("0.1"), "0.1"],
    ["numeral with exponent", mul(col("u"), numeral("1e7")), '("u" * 1e7)'],
    ["table function with column names", select({ columns: [as(col("j"))], from: tableFunction("range", [lit(3)], "r", ["j"]) }), 'SELECT "j" FROM range(3) AS "r"("j")'],
    ["UTINYINT", cast(lit(1), "UTINYINT"), "CAST(1 AS UTINYINT)"],
  ];
  it.each(cases)("%s", (_, node, sql) => expect(render(node)).toBe(sql));

  it("refuses malformed nodes", () => {
    expect(() => render(numeral("1; DROP TABLE t"))).toThrow(/numeral/);
    expect(() => render(numeral("-1"))).toThrow(/numeral/);
    expect(() => render(numeral(""))).toThrow(/numeral/);
    expect(() => render(copyTo("t", "f.csv", [copyOption("HEADER) TO 'x")]))).toThrow(/plain name/);
    expect(() => render(attach("f.duckdb", ""))).toThrow(/non-empty/);
    expect(() => render(tableFunction("range", [lit(1)], null, ["j"]))).toThrow(/alias/);
  });

  it("run in DuckDB (native): macros, numerals keep their type, COPY TO a file, ATTACH/COPY FROM DATABASE/CHECKPOINT/DETACH/USE", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sql-builder-"));
    const db = await openNativeDb();
    try {
      await db.exec(render(script(
        createMacro("mix", ["x"], mod(mul(fn("xor", col("x"), shiftRight(col("x"), lit(4))), lit(7)), lit(1000))),
        createTable("t", select({ columns: [as(col("j")), as(fn("mix", col("j")), "m")], from: tableFunction("range", [lit(3)], "r", ["j"]) })),
      )));
      // mix(j) = (j xor (j >> 4)) * 7 % 1000, computed here independently
      expect((await db.query(render(select({ columns: [as(col("m"))], from: table("t"), orderBy: [col("j")] })))).map((r) => r.m)).toEqual([0, 7, 14]);
      const types = await db.query(render(select({ columns: [as(fn("typeof", numeral("0.1")), "a"), as(fn("typeof", numeral("1e7")), "b"), as(fn("typeof", lit(0.1)), "c")], from: null })));
      expect(types).toEqual([{ a: expect.stringMatching(/^DECIMAL\(/), b: "DOUBLE", c: "DOUBLE" }]);
      const file = path.join(dir, "t.csv");
      await db.exec(render(copyTo(select({ columns: [as(star())], from: table("t"), orderBy: [col("j")] }), file, [copyOption("HEADER"), copyOption("DELIMITER", lit(";"))])));
      expect(readFileSync(file, "utf8").trim().split("\n")).toEqual(["j;m", "0;0", "1;7", "2;14"]);
      const kept = path.join(dir, "kept.duckdb");
      await db.exec(render(script(attach(kept, "kept"), copyDatabase("memory", "kept"), checkpoint("kept"), detach("kept"))));
      await db.exec(render(script(attach(kept, "ro", true), use("ro"))));
      expect(await db.query(render(select({ columns: [as(count(), "n")], from: table("t") })))).toEqual([{ n: 3 }]);
      await expect(db.exec(render(createTable("u", select({ columns: [as(lit(1), "x")], from: null }))))).rejects.toThrow(/read-only|read only/i);
      await db.exec(render(script(use("memory"), detach("ro"), checkpoint())));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
