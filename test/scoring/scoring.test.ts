/**
 * Scoring on a hand-made fixture with hostile names (fixture.ts): scores
 * worked out by hand, scoring-date rules, no look-ahead, nothing in a model
 * changes the meaning of a query, the dataset check, and explain().
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { criterionExpr, scoreSelect } from "../../lib/scoring/compile.js";
import { explain, recompute } from "../../lib/scoring/recompute.js";
import { scoringDatesSql } from "../../lib/scoring/scoring-dates.js";
import { render } from "../../lib/sql/index.js";
import { EVIL, fixtureModel, loadFixture } from "./fixture.js";

// Worked by hand. Decay weights (half-life 7 d): age 7 d → 0.5; age 1 d → round(1e9·0.5^(1/7)) = 905723664 nano;
// age 15 d → 226430916 nano. L1 opens = 10 × 1.405723664; L2 opens = 10 × 0.226430916.
// L1: fit = min(5 + 4, 6) + 1 + 7 = 14; behaviour = min(14.05723664 + 3 + 6 + 8, 30) = 30 → 44, sales-ready.
// L2 (scored at its deal close, 2024-01-15): fit = min(0 + 4, 6) + 3 + 0 = 7; behaviour = 2.26430916 + 0 + 2 + 0 → 11.26430916, nurture.
// L3: fit = 0 - 2 + 0 = -2; behaviour = -1 (never opened) → -3, ignore.
const EXPECTED = [
  { lead_id: "L1", scoring_at: "2024-01-31 00:00:00", [EVIL]: 5, select: 1, Ünïcødé: 7, "a'b": 4, opens: 14.05723664, hostile_type: 3, recency: 6, count2: 8, fit_score: 14, engagement_score: 30, score: 44, tier: "sales-ready" },
  { lead_id: "L2", scoring_at: "2024-01-15 00:00:00", [EVIL]: 0, select: 3, Ünïcødé: 0, "a'b": 4, opens: 10 * 0.226430916, hostile_type: 0, recency: 2, count2: 0, fit_score: 7, engagement_score: 10 * 0.226430916 + 2, score: 7 + (10 * 0.226430916 + 2), tier: "nurture" },
  { lead_id: "L3", scoring_at: "2024-02-09 00:00:00", [EVIL]: 0, select: -2, Ünïcødé: 0, "a'b": 0, opens: 0, hostile_type: 0, recency: -1, count2: 0, fit_score: -2, engagement_score: -1, score: -3, tier: "ignore" },
];

describe("scoring the hostile fixture (DuckDB-WASM)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
    await loadFixture(db);
  });
  afterAll(async () => db?.close());

  it("renders hostile names as quoted identifiers and literals", () => {
    const m = fixtureModel();
    expect(render(criterionExpr(m.criteria[0]))).toBe(`(CASE WHEN ("l"."x""; DROP TABLE leads; --" = '''') THEN 5 ELSE 0 END)`);
    expect(render(criterionExpr(m.criteria[3]))).toBe(
      `(CASE WHEN ("l"."it's" IN ('x"; DROP TABLE leads; --', '''); DELETE FROM leads; --')) THEN 4 ELSE 0 END)`,
    );
  });

  it("scores each version from lead_features alone: no join, no pow(), a narrow table", async () => {
    const sql = render(scoreSelect(fixtureModel()));
    expect(sql).not.toMatch(/JOIN|pow\(/);
    expect(sql.match(/FROM "(\w+)"/g)).toEqual(['FROM "lead_features"']);
    await recompute(db, [fixtureModel()]);
    expect((await db.query('DESCRIBE "scores_evil_v1"')).map((r) => r.column_name)).toEqual(["lead_key", "fit_score", "engagement_score", "score", "tier"]);
  });

  it("scores every lead as worked out by hand, with hostile ids as column names", async () => {
    const { versions } = await recompute(db, [fixtureModel()], { rows: true });
    expect(versions[0].table).toBe("scores_evil_v1");
    expect(versions[0].rows).toEqual(EXPECTED);
  });

  it("leaves the data untouched (nothing in the model changed the meaning of a query)", async () => {
    expect(await db.query("SELECT (SELECT count(*) FROM leads) AS l, (SELECT count(*) FROM activities) AS a, (SELECT count(*) FROM deals) AS d")).toEqual([{ l: 3, a: 5, d: 2 }]);
  });

  it("matches the reference scorer through explain(), which names ages and counts", async () => {
    const m = fixtureModel();
    const leads = await db.query("SELECT * FROM leads WHERE lead_id = 'L1'");
    const acts = (await db.query("SELECT activity_type, occurred_at FROM activities WHERE lead_id = 'L1'")).map((a) => ({ activity_type: String(a.activity_type), occurred_at: String(a.occurred_at) }));
    const e = explain(m, leads[0], acts, "2024-01-31 00:00:00");
    expect(e.score).toBe(44);
    expect(e.tier).toBe("sales-ready");
    expect(e.categories).toEqual([{ category: "fit", raw: 14, capped: 14 }, { category: "behaviour", raw: 31.05723664, capped: 30 }]);
    const opens = e.criteria.find((c) => c.id === "opens")!;
    expect(opens).toMatchObject({ fired: true, points: 14.05723664, count: 2, lastAgeDays: 1 });
    expect(opens.because).toBe("email_open within 30 days, per activity, decayed (half-life 7 d)");
    expect(e.criteria.find((c) => c.id === "hostile_type")).toMatchObject({ fired: true, points: 3, lastAgeDays: 0.5 });
    expect(e.criteria.find((c) => c.id === EVIL)!.because).toBe(`${EVIL} = "'" (rule: = "'")`);
    expect([e.fit, e.engagement, e.cell, e.tierBecause]).toEqual([14, 30, null, "score 44 ≥ sales-ready 40"]);
  });

  it("routes tiers by grid cell in SQL and in explain() alike (L1: fit 14 → B, engagement 30 → 2)", async () => {
    const base = fixtureModel();
    const routed = (salesReady: string[], nurture: string[], version: number) =>
      parseModel({ ...base, version, grid: { fit: [5, 10, 20], engagement: [10, 20, 40], routing: { salesReady, nurture } } }, "routed fixture");
    const models = [routed(["B2"], [], 2), routed(["A1"], ["B2"], 3), routed(["A1"], [], 4)];
    const { versions } = await recompute(db, models, { rows: true });
    const leads = await db.query("SELECT * FROM leads WHERE lead_id = 'L1'");
    const acts = (await db.query("SELECT activity_type, occurred_at FROM activities WHERE lead_id = 'L1'")).map((a) => ({ activity_type: String(a.activity_type), occurred_at: String(a.occurred_at) }));
    const want = ["sales-ready", "nurture", "ignore"];
    versions.forEach((v, k) => {
      expect(v.rows!.find((r) => r.lead_id === "L1")!.tier).toBe(want[k]);
      const e = explain(v.model, leads[0], acts, "2024-01-31 00:00:00");
      expect([e.cell, e.tier]).toEqual(["B2", want[k]]);
    });
    expect(explain(models[2], leads[0], acts, "2024-01-31 00:00:00").tierBecause).toBe("cell B2 is not routed (ignore) by the version's grid routing");
  });

  it("supports fixed windows and a fixed as-of date (later leads left out)", async () => {
    await db.exec(render(scoringDatesSql({ kind: "window", windowDays: 7 })));
    expect(await db.query("SELECT * FROM scoring_dates ORDER BY lead_id")).toEqual([
      { lead_key: 0, lead_id: "L1", scoring_at: "2024-01-08 00:00:00" },
      { lead_key: 1, lead_id: "L2", scoring_at: "2024-01-08 00:00:00" },
      { lead_key: 2, lead_id: "L3", scoring_at: "2024-01-17 00:00:00" },
    ]);
    const { versions } = await recompute(db, [fixtureModel()], { rows: true, scoringDates: { kind: "asOf", date: "2024-01-05" } });
    expect(versions[0].rows!.map((r) => [r.lead_id, r.scoring_at, r.opens, r.recency])).toEqual([
      ["L1", "2024-01-05 00:00:00", 0, -1], // no activity yet on Jan 5: no look-ahead
      ["L2", "2024-01-05 00:00:00", 10 * (Math.round(Math.pow(0.5, 5 / 7) * 1e9) / 1e9), 2],
    ]);
    expect(() => scoringDatesSql({ kind: "asOf", date: "2024-01-05'; DROP TABLE leads; --" })).toThrow(/asOf date must be/);
    expect(() => scoringDatesSql({ kind: "window", windowDays: 1.5 })).toThrow(/positive integer/);
  });

  it("refuses a model whose dataset mapping does not match the data, listing the available columns", async () => {
    const json = JSON.parse(JSON.stringify({ ...fixtureModel(), id: "bad" }));
    json.dataset.columns.company = "string";
    json.dataset.columns.select = "string";
    json.criteria.push({ id: "company", label: "", category: "fit", rule: { type: "present", column: "company" }, points: 1 });
    json.criteria[1] = { id: "select", label: "", category: "fit", rule: { type: "present", column: "select" }, points: 1 };
    await expect(recompute(db, [parseModel(json, "bad.json")])).rejects.toThrow(
      /model bad v1: the dataset mapping does not match the leads table: column "select" is declared string but the data has DOUBLE; column "company" is missing\. Available columns: "lead_id" VARCHAR, "created_at" TIMESTAMP, /,
    );
  });

  it("refuses two models with the same id and version", async () => {
    await expect(recompute(db, [fixtureModel(), fixtureModel()])).rejects.toThrow(/share the score table scores_evil_v1/);
  });
});
