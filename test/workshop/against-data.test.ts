/**
 * Against the data, on the synthetic sample (DuckDB-WASM, the browser's
 * engine): fitted points for the base model's targets, the consensus and
 * the fitted model scored from the existing lead_features, and both
 * calibrated with versionCalibration.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription, type FileKind } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { unitSlots } from "../../lib/scoring/units.js";
import { versionCalibration } from "../../lib/workbench/calibration.js";
import { readScored } from "../../lib/workbench/scored.js";
import { aggregateVotes, consensusModel, fitFromUnits, fitToData, parseVotes, scoreOnFeatures, voteTargets, withSlotPoints, type DataFit } from "../../lib/workshop/index.js";

const v2 = parseModel(JSON.parse(readFileSync("data/models/starting-v2.json", "utf8")), "starting-v2.json");
const targets = voteTargets(v2);
const votesFile = "data/workshop/starting-v2-votes.csv";

describe("withSlotPoints", () => {
  it("puts slot points back into criteria and bands (inverse of unitSlots)", () => {
    const pts = unitSlots(v2).map((s) => s.points);
    expect(withSlotPoints(v2, pts)).toEqual(v2.criteria);
  });
});

describe("fitFromUnits", () => {
  it("refuses data without both outcomes", () => {
    const units = targets.map(() => [1, 0, 1]);
    expect(() => fitFromUnits(v2, units, [1, 1, -1])).toThrow(/2 won and 0 lost leads; at least 2 of each/);
  });
});

describe("against the data (sample, 4,000 leads, DuckDB-WASM)", () => {
  let db: Db;
  let fit: DataFit;
  beforeAll(async () => {
    db = await openWasmDb();
    const description = parseDatasetDescription(readFileSync("data/sample.dataset.json", "utf8"), "data/sample.dataset.json");
    const csv = toCsv(generateSample({ leads: 4000, seed: 7 }));
    const enc = new TextEncoder();
    const files: Record<string, Uint8Array> = {};
    for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = enc.encode(csv[`${kind as FileKind}.csv`]);
    const report = await loadDataset(db, description, files);
    expect(report.usable).toBe(true);
    await recompute(db, [v2]);
    fit = await fitToData(db, v2);
  });
  afterAll(async () => db?.close());

  it("fits one figure per target; reference bands at 0; what the ground truth says about opens and students", () => {
    expect(fit.targets.map((t) => t.target.id)).toEqual(targets.map((t) => t.id));
    expect(fit.targets.find((t) => t.target.id === "company_size[0]")).toMatchObject({ reference: true, points: 0 });
    const pts = Object.fromEntries(fit.targets.map((t) => [t.target.id, t.points]));
    expect(pts.student).toBeLessThan(-5); // ground truth β −2.0
    expect(pts.demo_request).toBeGreaterThan(5);
    expect(Math.abs(pts.email_opens)).toBeLessThanOrEqual(2); // ground truth β 0
    expect(fit.targets.find((t) => t.target.id === "email_opens")!.approx).toBe(true);
    expect(fit.nLabelled).toBeGreaterThan(3000);
    expect(fit.model.id).toBe("starting-data-fit");
    expect(fit.model.caps).toBeUndefined();
  });

  it("scores the consensus and the fitted model without a full recompute, and calibrates both", async () => {
    const { votes } = parseVotes(readFileSync(votesFile, "utf8"), votesFile, targets);
    const consensus = consensusModel(v2, aggregateVotes(votes, targets, { minPoints: 5 }), { versions: [v2] }).model;
    await scoreOnFeatures(db, [consensus, fit.model]);
    const base = versionCalibration(v2, await readScored(db, v2));
    const c = versionCalibration(consensus, await readScored(db, consensus));
    const f = versionCalibration(fit.model, await readScored(db, fit.model));
    if (base.error || c.error || f.error) throw new Error("calibration failed");
    const auc = (x: typeof c) => ("evaluation" in x ? x.evaluation.auc.auc : NaN);
    // The data fit separates won from lost better than either hand-made table.
    expect(auc(f)).toBeGreaterThan(auc(c));
    expect(auc(c)).toBeGreaterThan(0.6);
    // Scoring again (new votes) replaces the table.
    await expect(scoreOnFeatures(db, [consensus])).resolves.toBeUndefined();
  });

  it("the fitted model's tiers hold the same shares of all leads as the base's (within 2 points)", async () => {
    const share = async (m: typeof v2) => {
      const s = await readScored(db, m);
      return ["ignore", "nurture", "sales-ready"].map((t) => s.tier.filter((x) => x === t).length / s.n);
    };
    await scoreOnFeatures(db, [fit.model]);
    const [a, b] = [await share(v2), await share(fit.model)];
    for (let k = 0; k < 3; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(0.02);
    expect(fit.model.thresholds.nurture).toBeLessThan(fit.model.thresholds.salesReady);
  });

  it("refuses a model whose features were never computed", async () => {
    const other = { ...v2, id: "other", criteria: [{ id: "x", label: "x", category: "behaviour" as const, rule: { type: "activityCount" as const, activity: "webinar", withinDays: 7, min: 2 }, points: 5 }] };
    await expect(scoreOnFeatures(db, [other])).rejects.toThrow(/lead_features lacks count_webinar_7d.*recompute the base model's version first/);
  });
});
