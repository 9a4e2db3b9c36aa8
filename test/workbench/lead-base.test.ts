/**
 * lib/workbench/lead-base.ts: readScored, readSubScored and the review input
 * read the leads' shared columns once and each version's own columns by
 * lead_key. Each is checked against the joined, sorted SQL it replaces
 * (scoredSql, subScoredSql, reviewInputSql, run here directly) on a generated
 * sample in DuckDB-WASM, for every version; the shared columns must be
 * forgotten when the scores are recomputed with other scoring dates, the
 * stored table (lead_base) must be read the same as the join it stores and be
 * dropped when the data are loaded again, and a score table that lacks a lead
 * must fall back to the join.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription, type DatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Columns, Db } from "../../lib/db/types.js";
import { readSubScored, subScoredSql } from "../../lib/grid/read.js";
import type { Model } from "../../lib/model/schema.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { scoresTableName } from "../../lib/scoring/names.js";
import { LEAD_BASE_TABLE, forgetLeadBase, leadBase, leadBaseSql } from "../../lib/workbench/lead-base.js";
import { parseModelFiles } from "../../lib/workbench/models.js";
import { readCohortInput, readReviewInput, reviewInputSql } from "../../lib/workbench/review-input.js";
import { readScored, scoredSql } from "../../lib/workbench/scored.js";

const enc = (s: string) => new TextEncoder().encode(s);
const MODEL_FILES = ["starting-v1.json", "starting-v2.json", "ground-truth-v1.json"];
const nums = (c: Columns, name: string) => Array.from(c.columns[name] as ArrayLike<unknown>, (v) => (v == null ? NaN : Number(v)));
const texts = (c: Columns, name: string) => Array.from(c.columns[name] as ArrayLike<unknown>, String);

describe("per-lead reads through the shared lead columns", () => {
  let db: Db;
  let models: Model[];
  let description: DatasetDescription;
  const files: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    db = await openWasmDb();
    const csv = toCsv(generateSample({ leads: 1200, months: 12 }));
    description = parseDatasetDescription(JSON.parse(readFileSync("data/sample.dataset.json", "utf8")), "sample");
    for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = enc(csv[`${kind}.csv` as keyof typeof csv]);
    const report = await loadDataset(db, { ...description, asOf: "2025-01-01 00:00:00" }, files);
    expect(report.usable).toBe(true);
    models = parseModelFiles(MODEL_FILES.map((f) => ({ file: f, text: readFileSync(`data/models/${f}`, "utf8") }))).map((e) => {
      if (!e.ok) throw new Error(e.error);
      return e.model;
    });
    await recompute(db, models);
  });
  afterAll(async () => db?.close());

  it("readScored equals its joined SQL for every version, sharing one copy of the leads' columns", async () => {
    // recompute wrote the shared columns as one table; they are read from it
    expect((await db.query("SHOW TABLES")).map((r) => r.name)).toContain(LEAD_BASE_TABLE);
    expect(leadBaseSql(true)).toContain(`FROM "${LEAD_BASE_TABLE}"`);
    const base = await leadBase(db);
    expect(base?.n).toBe(1200);
    for (const m of models) {
      const s = await readScored(db, m);
      expect(s.leadId).toBe(base!.leadId); // the shared copy, not a fallback
      const c = await db.queryColumns(scoredSql(m));
      expect(s.n).toBe(c.numRows);
      expect(s.leadId).toEqual(texts(c, "lead_id"));
      expect(Array.from(s.score)).toEqual(nums(c, "score"));
      expect(s.tier).toEqual(texts(c, "tier"));
      expect(Array.from(s.outcome)).toEqual(nums(c, "outcome"));
      expect(Array.from(s.createdMs)).toEqual(nums(c, "created_at"));
      expect(Array.from(s.scoringMs)).toEqual(nums(c, "scoring_at"));
      expect(new Set(s.tier).size).toBeGreaterThan(1);
    }
  });

  it("readSubScored equals its joined SQL for every version", async () => {
    for (const m of models) {
      const s = await readSubScored(db, m);
      const c = await db.queryColumns(subScoredSql(m));
      expect(Array.from(s.fit)).toEqual(nums(c, "fit_score"));
      expect(Array.from(s.engagement)).toEqual(nums(c, "engagement_score"));
      expect(Array.from(s.score)).toEqual(nums(c, "score"));
      expect(s.tier).toEqual(texts(c, "tier"));
      expect(Array.from(s.outcome)).toEqual(nums(c, "outcome"));
      expect(Array.from(s.createdMs)).toEqual(nums(c, "created_at"));
    }
  });

  it("the review input (criterion points and won amounts included) equals its joined SQL for every version", async () => {
    for (const m of models) {
      const r = await readReviewInput(db, m);
      const c = await db.queryColumns(reviewInputSql(m, { withDeals: true }));
      expect(r.leadId).toEqual(texts(c, "lead_id"));
      expect(Array.from(r.score)).toEqual(nums(c, "score"));
      expect(r.tier).toEqual(texts(c, "tier"));
      expect(Array.from(r.createdAt)).toEqual(nums(c, "created_at"));
      const outcome = nums(c, "outcome");
      expect(Array.from(r.outcome)).toEqual(outcome);
      expect(r.amount).toBeDefined();
      expect(Array.from(r.amount!)).toEqual(nums(c, "amount").map((a, i) => (outcome[i] === 1 ? a : NaN)));
      expect(Array.from(r.amount!).filter((a) => a > 0).length).toBeGreaterThan(10);
      expect(r.criteria.map((x) => x.id)).toEqual(m.criteria.map((x) => x.id));
      r.criteria.forEach((cr, k) => expect(Array.from(cr.points)).toEqual(nums(c, `p${k}`).map((v) => (Number.isNaN(v) ? 0 : v))));
      expect(r.criteria.some((cr) => cr.points.some((p) => p !== 0))).toBe(true);
    }
  });

  it("a review input read on top of the version's cohort input reads only the criterion points, and is the same", async () => {
    for (const m of models) {
      const cohort = await readCohortInput(db, m);
      const onTop = await readReviewInput(db, m, cohort);
      expect(onTop.score).toBe(cohort.score); // the cohort input's own arrays, not read again
      const whole = await readReviewInput(db, m);
      expect(whole.score).not.toBe(cohort.score);
      expect(Array.from(onTop.score)).toEqual(Array.from(whole.score));
      expect(onTop.tier).toEqual(whole.tier);
      expect(Array.from(onTop.amount!)).toEqual(Array.from(whole.amount!));
      expect(onTop.criteria.map((c) => [c.id, Array.from(c.points)])).toEqual(whole.criteria.map((c) => [c.id, Array.from(c.points)]));
    }
    // Another version's cohort input is not taken for this one.
    const other = await readCohortInput(db, models[0]);
    const m1 = await readReviewInput(db, models[1], other);
    expect(m1.score).not.toBe(other.score);
    expect(m1.model).toBe(models[1]);
  });

  it("is read again after a recompute with other scoring dates", async () => {
    const m = models[0];
    const before = (await readScored(db, m)).scoringMs;
    await recompute(db, models, { scoringDates: { kind: "firstCloseOrWindow", windowDays: 7 } });
    const after = await readScored(db, m);
    const c = await db.queryColumns(scoredSql(m));
    expect(Array.from(after.scoringMs)).toEqual(nums(c, "scoring_at"));
    expect(Array.from(after.scoringMs)).not.toEqual(Array.from(before));
    expect(Array.from(after.score)).toEqual(nums(c, "score"));
  });

  it("reads the same without the stored table, and a new load drops it", async () => {
    const m = models[2];
    const stored = await readScored(db, m);
    await db.exec(`DROP TABLE ${LEAD_BASE_TABLE}`);
    forgetLeadBase(db);
    const joined = await readScored(db, m);
    expect(joined.leadId).toEqual(stored.leadId);
    expect(Array.from(joined.outcome)).toEqual(Array.from(stored.outcome));
    expect(Array.from(joined.createdMs)).toEqual(Array.from(stored.createdMs));
    expect(Array.from(joined.scoringMs)).toEqual(Array.from(stored.scoringMs));
    expect(Array.from(joined.score)).toEqual(Array.from(stored.score));
    await recompute(db, models);
    expect((await db.query("SHOW TABLES")).map((r) => r.name)).toContain(LEAD_BASE_TABLE);
    const other = await openWasmDb();
    try {
      await other.exec(`CREATE TABLE ${LEAD_BASE_TABLE} AS SELECT 1 AS x`);
      await loadDataset(other, { ...description, asOf: "2025-01-01 00:00:00" }, files);
      expect((await other.query("SHOW TABLES")).map((r) => r.name)).not.toContain(LEAD_BASE_TABLE);
    } finally {
      await other.close();
    }
  });

  it("falls back to the join when a score table lacks a lead", async () => {
    const m = models[1];
    const first = (await leadBase(db))!.leadId[0];
    await db.exec(`DELETE FROM ${scoresTableName(m)} WHERE lead_key = (SELECT lead_key FROM leads WHERE lead_id = '${first}')`);
    const s = await readScored(db, m);
    const c = await db.queryColumns(scoredSql(m));
    expect(s.n).toBe(1199);
    expect(s.leadId).toEqual(texts(c, "lead_id"));
    expect(s.leadId).not.toContain(first);
    expect(Array.from(s.score)).toEqual(nums(c, "score"));
    const sub = await readSubScored(db, m);
    expect(sub.n).toBe(1199);
    expect((await readReviewInput(db, m)).leadId).toHaveLength(1199);
  });
});
