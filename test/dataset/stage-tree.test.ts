/**
 * runStage (lib/dataset/stage.ts) takes SQL trees: the same staging spec
 * given as trees and as SQL text gives the same table, exclusions, flags
 * and examples.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNativeDb } from "../../lib/db/native.js";
import type { Db } from "../../lib/db/types.js";
import { prepareCsv } from "../../lib/dataset/read.js";
import { runStage, type Rule, type StageSpec } from "../../lib/dataset/stage.js";
import { and, as, col, cmp, eq, isNull, leftJoin, lit, render, select, star, table, tryCast } from "../../lib/sql/index.js";

const CSV = "lead_id,amount\na,1\nb,x\nc,3\na,4\nd,-2\ne,5\n";

const rule = (code: string, cond: Rule["cond"], column: string | null = null): Rule => ({
  code, severity: "warning", cond, column, message: (n) => `${code}: ${n}`,
});

async function stage(db: Db, trees: boolean) {
  const prepared = await prepareCsv(db, "leads", { path: "l.csv", delimiter: ",", encoding: "utf-8" } as never, new TextEncoder().encode(CSV));
  if (!prepared.source) throw new Error(JSON.stringify(prepared.problems));
  const amount = trees ? tryCast(col("amount"), "DOUBLE") : `TRY_CAST("amount" AS DOUBLE)`;
  const spec: StageSpec = {
    source: prepared.source,
    target: trees ? "staged_tree" : "staged_text",
    levels: [[{ name: "_amt", expr: amount }]],
    columns: [
      { name: "lead_id", expr: trees ? col("lead_id") : `"lead_id"` },
      { name: "amount", expr: trees ? col("_amt") : `"_amt"` },
      { name: "_raw", expr: trees ? col("amount") : `"amount"` },
    ],
    keep: ["lead_id", "amount"],
    rules: [rule("not_a_number", trees ? and(isNull(col("amount"))) : `"amount" IS NULL`, "amount")],
    postRules: [rule("blocked", trees ? eq(col("blocked", "b"), lit(true)) : `b.blocked`, "lead_id")],
    flags: [rule("negative", trees ? cmp("<", col("amount", "t"), lit(0)) : `t.amount < 0`, "amount")],
    join: trees ? leftJoin(table("blocklist", "b"), eq(col("lead_id", "b"), col("lead_id", "t"))) : `LEFT JOIN blocklist AS b ON b.lead_id = t.lead_id`,
    unique: { key: "lead_id", rule: rule("duplicate", null, "lead_id") },
  };
  const result = await runStage(db, spec);
  const before = { rowsRead: result.rowsRead, rowsUsed: result.rowsUsed, excluded: result.excluded, problems: result.problems, first: result.locate(0) };
  await result.finish();
  const rows = await db.query(render(select({ columns: [as(star())], from: table(spec.target), orderBy: [col("lead_id"), col("amount")] })));
  return { ...before, rows };
}

describe("runStage with SQL trees", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openNativeDb();
    await db.exec(`CREATE TABLE blocklist AS SELECT 'c' AS lead_id, TRUE AS blocked`);
  });
  afterAll(async () => db?.close());

  it("stages the same rows, exclusions, flags and examples as the same spec in SQL text", async () => {
    const tree = await stage(db, true);
    const text = await stage(db, false);
    expect(tree).toEqual(text);
    expect(tree.rows).toEqual([
      { lead_id: "a", amount: 1 },
      { lead_id: "d", amount: -2 },
      { lead_id: "e", amount: 5 },
    ]);
    expect(tree.rowsRead).toBe(6);
    expect(tree.excluded.map((e) => [e.reason, e.count, e.examples.map((x) => x.value)])).toEqual([
      ["not_a_number", 1, ["x"]],
      ["blocked", 1, ["c"]],
      ["duplicate", 1, ["a"]],
    ]);
    expect(tree.problems.find((p) => p.code === "negative")).toMatchObject({ count: 1, examples: [{ value: "-2" }] });
  });

  it("refuses a rule without a condition where one is read", async () => {
    const prepared = await prepareCsv(db, "leads", { path: "m.csv", delimiter: ",", encoding: "utf-8" } as never, new TextEncoder().encode(CSV));
    const spec: StageSpec = {
      source: prepared.source!, target: "m", columns: [{ name: "lead_id", expr: col("lead_id") }], keep: ["lead_id"],
      rules: [rule("x", null)], flags: [],
    };
    await expect(runStage(db, spec)).rejects.toThrow(/no condition/);
  });
});
