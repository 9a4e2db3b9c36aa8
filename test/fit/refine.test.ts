import { describe, expect, it } from "vitest";
import { collapseRows } from "../../lib/fit/collapse.js";
import { rowSums, toBinomialRows } from "../../lib/fit/design.js";
import { refineIntegerPoints } from "../../lib/fit/refine.js";
import { fitScoreMap } from "../../lib/fit/score-map.js";
import { syntheticDesign, TEN } from "./synthetic.js";

const design = syntheticDesign(20_000, TEN.rates, TEN.beta, TEN.intercept, 11);
const rows = collapseRows(design);
const all = new Array(10).fill(1);

describe("refineIntegerPoints", () => {
  it("±1 local search repairs a bad table and never raises the log loss", () => {
    const bad = [5, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = refineIntegerPoints(rows, bad, all, { maxAbsPoints: 5 });
    expect(r.moves).toBeGreaterThan(3);
    expect(r.logLoss).toBeLessThan(r.roundedLogLoss);
    expect(r.points[2]).toBeLessThan(0); // criterion 2 has a negative true coefficient
    for (const p of r.points) expect(Math.abs(p)).toBeLessThanOrEqual(5);
  });

  it("reports the log loss of σ(a + b·s) refitted on the final table (checked per lead)", () => {
    const r = refineIntegerPoints(rows, [4, 3, -2, 2, 1, -1, 1, 1, 0, 0], all, { maxAbsPoints: 5 });
    const perLead = toBinomialRows(design);
    const direct = fitScoreMap(rowSums(perLead, r.points), perLead.won, perLead.lost);
    expect(r.logLoss).toBeCloseTo(direct.logLoss, 6);
    expect(r.map.b).toBeCloseTo(direct.b, 6);
  });

  it("keeps criteria that are not kept at 0 and respects minAbsPoints", () => {
    const kept = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
    const r = refineIntegerPoints(rows, [40, 26, -20, 17, 13, -10, 9, 6, 3, 1], kept, { minAbsPoints: 3, multipliers: [0.9, 1, 1.1] });
    expect(r.points[9]).toBe(0);
    for (let j = 0; j < 9; j++) expect(Math.abs(r.points[j])).toBeGreaterThanOrEqual(3);
    expect([0.9, 1, 1.1]).toContain(r.multiplier);
  });

  it("refuses arrays of the wrong length", () => {
    expect(() => refineIntegerPoints(rows, [1], all)).toThrow(/one entry per criterion; received 1 and 10 for 10/);
  });
});
