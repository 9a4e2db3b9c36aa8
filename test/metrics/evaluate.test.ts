import { describe, expect, it } from "vitest";
import { brierDecomposition } from "../../lib/metrics/brier-decomposition.js";
import { calibrationInterceptSlope } from "../../lib/metrics/calibration-intercept-slope.js";
import { delong } from "../../lib/metrics/delong.js";
import { evaluate } from "../../lib/metrics/evaluate.js";
import { ks } from "../../lib/metrics/ks.js";
import { liftGain } from "../../lib/metrics/lift-gain.js";
import { plattFit } from "../../lib/metrics/platt-fit.js";
import { plattPredict } from "../../lib/metrics/platt-predict.js";
import { tierTable } from "../../lib/metrics/tier-table.js";
import { winRateByBand } from "../../lib/metrics/win-rate-by-band.js";
import { points, ties } from "./fixtures/data.js";

describe("evaluate", () => {
  it("collects the headline metrics of the 'ties' data with reference values", () => {
    const r = evaluate(ties.scores, ties.labels, { nurture: 4, salesReady: 8 });
    expect(r).toMatchObject({ n: 120, nWon: 56, nLost: 64 });
    expect(r.baseRate).toBeCloseTo(56 / 120, 15);
    expect(r.auc.auc).toBeCloseTo(0.8715122767857143, 14); // scikit-learn roc_auc_score
    expect(r.auc.se).toBeCloseTo(0.031586501197483415, 13); // numpy DeLong
    expect(r.gini).toBeCloseTo(2 * 0.8715122767857143 - 1, 14);
    expect(r.ks.ks).toBeCloseTo(0.5758928571428571, 14); // scikit-learn roc_curve
    expect(r.tiers.map((t) => t.leads)).toEqual([44, 42, 34]);
    // 56 wins < 100. Decile bands (per-score counts in reference_values.py): scores 0–1 win 1/17,
    // score 2 wins 0/13 (a drop); score 7 wins 6/9, score 8 wins 7/11 (a drop)
    expect(r.bands.map((b) => b.lo)).toEqual([null, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.monotonicity.violations).toEqual([1, 7]);
    expect(r.flags).toEqual({ fewWins: true, nonMonotoneBands: true, mapNotConverged: false });
  });

  it("agrees with the individual functions", () => {
    const opts = { nurture: 4, salesReady: 8 };
    const r = evaluate(ties.scores, ties.labels, opts);
    const fit = plattFit(ties.scores, ties.labels);
    const p = plattPredict(ties.scores, fit);
    expect(r.auc).toEqual(delong(ties.scores, ties.labels));
    expect(r.ks).toEqual(ks(ties.scores, ties.labels));
    expect(r.calibration).toMatchObject({ mapSource: "fitted-in-sample", map: { a: fit.a, b: fit.b }, converged: true, interceptSlope: null });
    expect(r.calibration.brier).toEqual(brierDecomposition(ties.scores, p, ties.labels));
    expect(r.tiers).toEqual(tierTable(ties.scores, ties.labels, opts));
    expect(r.bands).toEqual(winRateByBand(ties.scores, ties.labels, { bands: 10 }));
    expect(r.liftGain).toEqual(liftGain(ties.scores, ties.labels));
  });

  it("with a map fitted elsewhere, says so and adds the calibration intercept and slope", () => {
    const train = plattFit(points.scores.slice(0, 100), points.labels.slice(0, 100));
    const test = { scores: points.scores.slice(100), labels: points.labels.slice(100) };
    const r = evaluate(test.scores, test.labels, { nurture: 500, salesReady: 600, map: train });
    expect(r.calibration.mapSource).toBe("given");
    expect(r.calibration.map).toEqual({ a: train.a, b: train.b });
    expect(r.calibration.converged).toBeNull();
    expect(r.calibration.interceptSlope).toEqual(calibrationInterceptSlope(plattPredict(test.scores, train), test.labels));
  });

  it("leaves the intercept/slope out for a given constant map (slope undefined)", () => {
    const r = evaluate(ties.scores, ties.labels, { nurture: 4, salesReady: 8, map: { a: 0, b: 0 } });
    expect(r.calibration.interceptSlope).toBeNull();
    expect(r.calibration.brier.brier).toBe(0.25);
  });

  it("returns plain JSON: serialising and parsing gives the same object", () => {
    const r = evaluate(points.scores, points.labels, { nurture: 500, salesReady: 600, bands: { edges: [450, 500, 550, 600, 650] } });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(r.bands[0].lo).toBeNull();
  });

  it("throws with fewer than two leads in a class", () => {
    expect(() => evaluate([1, 2, 3], [0, 1, 1], { nurture: 1, salesReady: 2 })).toThrow(/evaluate: requires at least 2 won .* received 2 won and 1 lost/);
  });

  it("doc example", () => {
    expect(evaluate([1, 2, 3, 4], [0, 1, 0, 1], { nurture: 2, salesReady: 4 }).auc.auc).toBe(0.75);
  });
});
