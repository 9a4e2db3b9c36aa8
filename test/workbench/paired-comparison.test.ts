/**
 * The paired comparison moved out of the Review and Workshop pages
 * (lib/workbench/paired-comparison.ts): the same figures as delongPaired on
 * the labelled leads, and, on the bundled sample (24,000 leads, seed 42, as
 * the built site loads it), the very sentences both pages showed before the
 * move (screenshots of 2026-12-06):
 *   Review:   "… on the same 20,367 labelled leads: ΔAUC +0.071 (95 % CI 0.064 to 0.079, p < 0.0001, paired DeLong)."
 *   Workshop: "Paired DeLong test on the same 20,367 leads: AUC consensus 0.781 vs fitted 0.813, Δ = -0.032 (95 % CI -0.036 to -0.027, p < 0.0001)."
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/types.js";
import { delongPaired } from "../../lib/metrics/delong-paired.js";
import { pairedDelongText } from "../../lib/metrics/delong-text.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { compareDraft, draftVerdict, pairedComparison } from "../../lib/workbench/paired-comparison.js";
import { versionCalibration } from "../../lib/workbench/calibration.js";
import { readScored } from "../../lib/workbench/scored.js";
import type { ScoredLeads } from "../../lib/workbench/scored.js";
import { aggregateVotes, calibrateVersions, consensusModel, consensusVerdict, fitToData, parseVotes, scoreOnFeatures, voteTargets } from "../../lib/workshop/index.js";
import { openSampleDb, readModel } from "../suggest/helpers.js";

const scored = (score: number[], outcome: number[]): ScoredLeads => ({
  n: score.length, leadId: score.map((_, i) => `L${i}`), score: Float64Array.from(score), outcome: Int8Array.from(outcome),
  createdMs: new Float64Array(score.length), scoringMs: new Float64Array(score.length), tier: score.map(() => "ignore"),
});

describe("pairedComparison", () => {
  const outcome = [1, 0, -1, 1, 0, 0, 1, -1, 0, 1];
  const a = scored([9, 2, 7, 6, 5, 1, 8, 3, 4, 7], outcome);
  const b = scored([5, 6, 1, 7, 2, 3, 4, 9, 8, 6], outcome);

  it("is delongPaired on the won and lost leads, open ones left out", () => {
    const keep = outcome.map((o, i) => (o >= 0 ? i : -1)).filter((i) => i >= 0);
    const c = pairedComparison(a, b);
    expect(c.n).toBe(8);
    expect(c.delong).toEqual(delongPaired(keep.map((i) => a.score[i]), keep.map((i) => b.score[i]), keep.map((i) => outcome[i])));
  });

  it("refuses versions that were not judged on the same leads", () => {
    expect(() => pairedComparison(a, scored([1, 2], [1, 0]))).toThrow(/10 and 2 leads/);
    expect(() => pairedComparison(a, scored([...b.score], [0, 1, -1, 1, 0, 0, 1, -1, 0, 1]))).toThrow(/labelled lead 0 differs/);
  });

  it("words the verdicts as the pages did", () => {
    expect(draftVerdict({ diff: 0.07, p: 1e-9 })).toBe("The draft separates won from lost significantly better.");
    expect(draftVerdict({ diff: -0.07, p: 0.01 })).toBe("The draft separates won from lost significantly worse.");
    expect(draftVerdict({ diff: 0.07, p: 0.05 })).toBe("No significant difference.");
    expect(consensusVerdict({ diff: 0.01, p: 0.2 }, true)).toBe("No significant difference at the 5 % level.");
    expect(consensusVerdict({ diff: 0.01, p: 0.001 }, true)).toBe("The consensus separates won from lost leads at least as well as the fit.");
    expect(consensusVerdict({ diff: -0.01, p: 0.001 }, false)).toMatch(/^The data's points separate won from lost leads significantly better: no criterion is 10 points apart, so look at the smaller differences in section 4 and at the dropped criteria before publishing\.$/);
  });
});

describe("on the bundled sample: the figures the Review and Workshop pages showed", () => {
  let db: Db;
  const gt = readModel("data/models/ground-truth-v1.json");
  const v2 = readModel("data/models/starting-v2.json");
  beforeAll(async () => {
    db = await openSampleDb();
    await recompute(db, [gt, v2]);
  }, 600_000);
  afterAll(async () => db?.close());

  it("Review: draft ground-truth v1 vs current starting v2", async () => {
    const c = await compareDraft(db, gt, v2);
    if ("error" in c) throw new Error(c.error);
    expect(c.n).toBe(20374);
    expect(`${c.delong.diff >= 0 ? "+" : ""}${c.delong.diff.toFixed(3)} (${pairedDelongText(c.delong)})`).toBe("+0.076 (95 % CI 0.070 to 0.083, p < 0.0001)"); // re-recorded 2026-12-06 after the generator change (recency terms, was +0.071)
    expect(draftVerdict(c.delong)).toBe("The draft separates won from lost significantly better.");
    expect(c.versions.map((v) => v.model)).toEqual([gt, v2]);
    // each side's figures are those of the version's whole calibration (which compareDraft no longer computes)
    for (const [k, m] of [gt, v2].entries()) {
      const full = versionCalibration(m, await readScored(db, m));
      if (!("evaluation" in full)) throw new Error(full.error);
      const e = full.evaluation, sr = e.tiers.find((t) => t.tier === "sales-ready")!;
      expect(c.versions[k]).toMatchObject({ auc: e.auc.auc, auc95: e.auc.ci95, brier: e.calibration.brier.brier, salesReady: { leads: sr.leads, winRate: sr.winRate, shareOfWins: sr.shareOfWins } });
    }
  }, 120_000);

  it("Workshop: the consensus of the example votes vs the model fitted on the data", async () => {
    const targets = voteTargets(v2);
    const votes = parseVotes(readFileSync("data/workshop/starting-v2-votes.csv", "utf8"), "starting-v2-votes.csv", targets);
    const agg = aggregateVotes(votes.votes, targets, { minPoints: 5, disagreement: { relative: 0.5, absolute: 5 } });
    const consensus = consensusModel(v2, agg, { versions: [gt, v2], effectiveFrom: "2026-12-06" });
    const fit = await fitToData(db, v2);
    await scoreOnFeatures(db, [consensus.model, fit.model]);
    const [a, b] = await calibrateVersions(db, [consensus.model, fit.model]);
    const { n, delong: d } = pairedComparison(a.scored, b.scored);
    expect(n).toBe(20374);
    expect(`AUC consensus ${d.aucA.toFixed(3)} vs fitted ${d.aucB.toFixed(3)}, Δ = ${d.diff.toFixed(3)} (${pairedDelongText(d)})`)
      .toBe("AUC consensus 0.832 vs fitted 0.860, Δ = -0.029 (95 % CI -0.033 to -0.024, p < 0.0001)"); // re-recorded 2026-12-06 (generator change; was 0.781 vs 0.813)
  }, 300_000);
});
