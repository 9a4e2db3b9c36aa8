/**
 * lib/workbench/review-input.ts and lib/decisions/collect.ts on a small
 * generated sample (1,500 leads over 14 months) loaded through loadDataset and
 * scored by recompute, in DuckDB-WASM: every column of the review input is
 * checked against an independent reading (the score table, lead_outcomes, the
 * generator's own deals), and the report summary is plain JSON.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import type { Model } from "../../lib/model/schema.js";
import { summary, type ReviewInput } from "../../lib/monitoring/index.js";
import type { SummaryOptions } from "../../lib/monitoring/summary.js";
import { collectReport, latestDraft } from "../../lib/decisions/collect.js";
import { versionCalibration } from "../../lib/workbench/calibration.js";
import { parseReviewFiles } from "../../lib/decisions/parse.js";
import { generateSample, toCsv, type SampleData } from "../../lib/sample/index.js";
import { recompute, scoresSql } from "../../lib/scoring/recompute.js";
import { parseModelFiles } from "../../lib/workbench/models.js";
import { defaultReference, pointsGap, readCohortInput, readColumnIndicators, readReviewInput, reviewInputSql, type VersionReviewInput } from "../../lib/workbench/review-input.js";
import { readScored } from "../../lib/workbench/scored.js";

const enc = (s: string) => new TextEncoder().encode(s);
const MODEL_FILES = ["starting-v1.json", "starting-v2.json", "ground-truth-v1.json"];

describe("readReviewInput on a small sample", () => {
  let db: Db;
  let data: SampleData;
  let models: Model[];
  let v2: Model;
  let input: VersionReviewInput;
  let asOf: string;

  beforeAll(async () => {
    db = await openWasmDb();
    data = generateSample({ leads: 1500, months: 14 });
    const csv = toCsv(data);
    const description = parseDatasetDescription(JSON.parse(readFileSync("data/sample.dataset.json", "utf8")), "sample");
    const files: Record<string, Uint8Array> = {};
    for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = enc(csv[`${kind}.csv` as keyof typeof csv]);
    const report = await loadDataset(db, { ...description, asOf: "2025-03-01 00:00:00" }, files);
    expect(report.usable).toBe(true);
    asOf = report.asOf!;
    models = parseModelFiles(MODEL_FILES.map((f) => ({ file: f, text: readFileSync(`data/models/${f}`, "utf8") }))).map((e) => {
      if (!e.ok) throw new Error(e.error);
      return e.model;
    });
    await recompute(db, models);
    v2 = models.find((m) => m.id === "starting" && m.version === 2)!;
    input = await readReviewInput(db, v2);
  });
  afterAll(async () => db?.close());

  it("has one row per lead, ordered by lead_id, scores and outcomes as readScored", async () => {
    const scored = await readScored(db, v2);
    expect(input.leadId).toHaveLength(1500);
    expect(input.leadId).toEqual([...input.leadId].sort());
    expect(input.leadId).toEqual(scored.leadId);
    expect(Array.from(input.score)).toEqual(Array.from(scored.score));
    expect(Array.from(input.outcome)).toEqual(Array.from(scored.outcome));
    expect(Array.from(input.createdAt)).toEqual(Array.from(scored.createdMs));
    expect(new Set(input.outcome)).toEqual(new Set([1, 0, -1]));
  });

  it("carries each criterion's points as in the version's score table", async () => {
    const rows = await db.query(scoresSql(v2));
    expect(input.criteria.map((c) => c.id)).toEqual(v2.criteria.map((c) => c.id));
    for (const [k, c] of v2.criteria.entries()) {
      expect(input.criteria[k].label).toBe(c.label);
      expect(Array.from(input.criteria[k].points)).toEqual(rows.map((r) => Number(r[c.id] ?? 0)));
    }
    // Criteria fire: each has some lead with non-zero points, and none is NaN.
    for (const c of input.criteria) expect(c.points.every((p) => Number.isFinite(p))).toBe(true);
    expect(input.criteria.filter((c) => c.points.some((p) => p !== 0)).length).toBeGreaterThan(10);
  });

  it("readCohortInput reads the same columns but no criterion points", async () => {
    const light = await readCohortInput(db, v2);
    expect("criteria" in light).toBe(false);
    const { criteria, ...rest } = input;
    expect(criteria.length).toBeGreaterThan(0);
    expect(light).toEqual(rest);
    expect(reviewInputSql(v2, { withDeals: true })).toContain(`AS "p0"`);
    expect(reviewInputSql(v2, { withDeals: true, criteria: false })).not.toContain(`AS "p0"`);
  });

  it("amount is the sum of the lead's won deals, NaN for every lead not won", () => {
    const won = new Map<string, number>();
    for (const d of data.deals) if (d.status === "won") won.set(d.lead_id, (won.get(d.lead_id) ?? 0) + d.amount);
    const amount = input.amount!;
    let checked = 0;
    input.leadId.forEach((id, i) => {
      if (input.outcome[i] === 1) {
        expect(amount[i]).toBeCloseTo(won.get(id)!, 6);
        checked++;
      } else expect(Number.isNaN(amount[i])).toBe(true);
    });
    expect(checked).toBeGreaterThan(50);
  });

  it("renders its SQL through the builder, with quoted criterion columns and the won-deals subquery", () => {
    const sql = reviewInputSql(v2, { withDeals: true });
    expect(sql).toContain('"s"."senior_title" AS "p0"');
    expect(sql).toMatch(/LEFT JOIN \(SELECT "lead_id" AS "lead_id", sum\("amount"\) AS "amount" FROM "deals" WHERE \("?status"? = 'won'\)?/);
    expect(reviewInputSql(v2, { withDeals: false })).not.toContain("deals");
  });

  it("feeds lib/review summary without complaint", () => {
    const reference = defaultReference(input.createdAt);
    expect(reference).toEqual(["2024-01", "2024-12"]);
    const s = summary(input, { by: "quarter", thresholds: v2.thresholds, reference, review: { lastModelChange: v2.effectiveFrom, asOf: asOf.slice(0, 10), stableMonths: 6 } });
    expect(s.totals.leads).toBe(1500);
    expect(s.criterionDrift).toHaveLength(v2.criteria.length);
    expect(s.bestCustomers!.wonWithAmount).toBe(s.totals.won);
  });

  it("readColumnIndicators marks each lead's lead_source once", async () => {
    const mix = await readColumnIndicators(db, input, "lead_source");
    expect(mix.length).toBeGreaterThan(3);
    expect(mix[0].id).toMatch(/^lead_source=/);
    const byId = new Map(data.leads.map((l) => [l.lead_id, l.lead_source]));
    input.leadId.forEach((id, i) => {
      const on = mix.filter((c) => c.points[i] === 1);
      if (byId.get(id) == null) expect(on).toHaveLength(0);
      else expect(on.map((c) => c.label)).toEqual([byId.get(id)]);
    });
  });

  it("pointsGap: mean points of lost vs won sales-ready leads", () => {
    const gaps = pointsGap(input, v2.thresholds.salesReady);
    const sr = [...input.score.keys()].filter((i) => input.score[i] >= v2.thresholds.salesReady && input.outcome[i] === 0);
    const k = input.criteria.findIndex((c) => c.id === "email_opens");
    const mean = sr.reduce((t, i) => t + input.criteria[k].points[i], 0) / sr.length;
    expect(gaps[k].lostSalesReady).toBeCloseTo(mean, 12);
    expect(gaps[k].gap).toBeCloseTo(gaps[k].lostSalesReady! - gaps[k].wonSalesReady!, 12);
  });

  it("collectReport: the draft vs the current version, the review and the log, as plain JSON", async () => {
    const reviews = parseReviewFiles([{ file: "reviews/a.json", text: JSON.stringify({ date: "2024-09-01", attendees: ["A"], versionsReviewed: ["starting@2"], decision: { type: "keep" }, nextReview: "2025-03-01" }) }, { file: "reviews/b.json", text: "{" }]);
    const r = await collectReport(db, { dataset: "small", asOf, models, reviews });
    expect(latestDraft(models, v2)?.id).toBe("ground-truth");
    const s = r.summary;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toMatchObject({ kind: "leadscore-report", asOf: "2025-03-01", current: "starting@2", draft: "ground-truth@1", dataRange: { from: "2024-01-01" } });
    expect(s.versions.map((v) => v.version)).toEqual(["starting@1", "starting@2", "ground-truth@1"]);
    expect(s.comparison!.aucA).toBeCloseTo(s.versions[2].auc!, 12);
    expect(s.comparison!.aucB).toBeCloseTo(s.versions[1].auc!, 12);
    expect(s.reviewOptions).toEqual({ by: "quarter", reference: ["2024-01", "2024-12"], stableMonths: 6, lastReview: "2024-09-01" });
    // lastReview 2024-09-01 ≥ effectiveFrom + 28 days → scheduled 6 months later, due by asOf 2025-03-01.
    expect(s.review!.reviewDue.scheduledDate).toBe("2025-03-01");
    expect(s.review!.reviewDue.due).toBe(true);
    expect(s.decisions.map((d) => [d.file, d.decision, d.error === undefined])).toEqual([["reviews/a.json", "keep the current version", true], ["reviews/b.json", null, false]]);
  });
  it("collectReport with figures kept: reads only the current version's and the draft's scores, and reports the same", async () => {
    const plain = await collectReport(db, { dataset: "small", asOf, models, reviews: [] });
    const asked: string[] = [];
    // As the site does: a calibration kept in the browser is returned without reading the version's scores.
    const kept = await collectReport(db, { dataset: "small", asOf, models, reviews: [] }, {
      calibrate: async (m, read) => {
        if (m === models[0]) return plain.calibrations.get(m)!;
        asked.push(`${m.id}@${m.version}`);
        return versionCalibration(m, await read());
      },
    });
    expect(asked).toEqual(["starting@2", "ground-truth@1"]);
    expect([...kept.scored.keys()].map((m) => `${m.id}@${m.version}`).sort()).toEqual(["ground-truth@1", "starting@2"]);
    expect(plain.scored.size).toBe(3);
    expect(kept.summary).toEqual(plain.summary);
  });
  it("collectReport with the review kept: the review input (every criterion's points) is not read, and the summary is the same", async () => {
    const plain = await collectReport(db, { dataset: "small", asOf, models, reviews: [] });
    let reads = 0;
    const summarize = async (_m: Model, input: () => Promise<ReviewInput>, o: SummaryOptions) => {
      if (JSON.stringify(o.reference) === JSON.stringify(plain.summary.reviewOptions.reference)) return plain.review!;
      reads++;
      return summary(await input(), o);
    };
    const kept = await collectReport(db, { dataset: "small", asOf, models, reviews: [] }, { summarize });
    expect(reads).toBe(0);
    expect(kept.summary).toEqual(plain.summary);
    // Another reference window is not kept: the input is read, and the review differs only where the window matters.
    const other = await collectReport(db, { dataset: "small", asOf, models, reviews: [] }, { summarize, reference: ["2024-01", "2024-03"] });
    expect(reads).toBe(1);
    expect(other.review!.cohorts).toEqual(plain.review!.cohorts);
    expect(other.review!.scoreDrift).not.toEqual(plain.review!.scoreDrift);
  });
  it("collectReport: decisions of another dataset or of versions it lacks stay out of the log and of the last review date", async () => {
    const keep = { attendees: ["A"], decision: { type: "keep" } };
    const reviews = parseReviewFiles([
      { file: "reviews/mine.json", text: JSON.stringify({ ...keep, dataset: "small", date: "2024-06-01", versionsReviewed: ["starting@2"], nextReview: "2024-12-01" }) },
      { file: "reviews/other.json", text: JSON.stringify({ ...keep, dataset: "another", date: "2024-12-01", versionsReviewed: ["starting@2"], nextReview: "2025-06-01" }) },
      { file: "reviews/old.json", text: JSON.stringify({ ...keep, date: "2024-11-01", versionsReviewed: ["starting@9"], nextReview: "2025-05-01" }) },
    ]);
    const s = (await collectReport(db, { dataset: "small", asOf, models, reviews })).summary;
    expect(s.decisions.map((d) => d.file)).toEqual(["reviews/mine.json"]);
    expect(s.reviewOptions.lastReview).toBe("2024-06-01");
    expect(s.otherDecisions.map((o) => o.file)).toEqual(["reviews/other.json", "reviews/old.json"]);
    expect(s.otherDecisions[0].reason).toBe('it is for the dataset "another", not "small"');
    expect(s.otherDecisions[1].reason).toContain("(starting@9)");
  });
});
