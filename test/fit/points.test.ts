import { describe, expect, it } from "vitest";
import { collapseRows } from "../../lib/fit/collapse.js";
import { rowSums } from "../../lib/fit/design.js";
import { suggestPoints } from "../../lib/fit/points.js";
import { scoreProbability } from "../../lib/fit/score-map.js";
import { aucWeighted } from "./fixture.js";
import { syntheticDesign, TEN } from "./synthetic.js";

const rows = collapseRows(syntheticDesign(20_000, TEN.rates, TEN.beta, TEN.intercept, 7));
const auc = (values: ArrayLike<number>) => aucWeighted(rowSums(rows, values), rows.won, rows.lost);

describe("suggestPoints", () => {
  it("PDO scale: integer table loses ≤ 0.005 AUC against the unrounded fit (METHODS.md §3 quality bar)", () => {
    const s = suggestPoints(rows);
    expect(s.factor).toBeCloseTo(20 / Math.LN2, 10);
    expect(auc(s.fit.coef) - auc(s.points)).toBeLessThanOrEqual(0.005);
    expect(s.refinement.logLoss).toBeLessThanOrEqual(s.refinement.roundedLogLoss);
    // +PDO points roughly double the odds: effective PDO within the ±10 % sweep
    expect(s.effectivePdo).toBeGreaterThan(18);
    expect(s.effectivePdo).toBeLessThan(22.5);
    // base = offset + a/b: a lead at 600 points has odds near 50:1 under the refitted map
    const p600 = scoreProbability(s.map, 600);
    expect(p600 / (1 - p600)).toBeGreaterThan(45);
    expect(p600 / (1 - p600)).toBeLessThan(56);
  });

  it("bounded scale (|points| ≤ 5): within bounds and ≤ 0.005 AUC loss", () => {
    const s = suggestPoints(rows, { scale: { kind: "bounded", maxAbsPoints: 5 } });
    for (const p of s.points) expect(Math.abs(p)).toBeLessThanOrEqual(5);
    expect(Math.max(...Array.from(s.points, Math.abs))).toBe(5);
    expect(auc(s.fit.coef) - auc(s.points)).toBeLessThanOrEqual(0.005);
    expect(s.base).toBe(0);
  });

  it("minPoints drops small criteria and refits without them (workshop rule)", () => {
    const s = suggestPoints(rows, { minPoints: 10 });
    const droppedCols = s.dropped.map((d) => d.criterion).sort();
    expect(s.dropped.every((d) => d.reason === "min-points")).toBe(true);
    expect(droppedCols).toContain(9); // true coefficient 0
    for (const j of droppedCols) expect(s.points[j]).toBe(0);
    for (let j = 0; j < 10; j++) if (s.kept[j]) expect(Math.abs(s.points[j])).toBeGreaterThanOrEqual(10);
    // the refit excludes dropped criteria entirely
    for (const j of droppedCols) expect(s.fit.coef[j]).toBe(0);
  });

  it("drops criteria whose interval contains 0", () => {
    const lo = new Array(10).fill(1);
    const hi = new Array(10).fill(2);
    lo[3] = -1;
    const s = suggestPoints(rows, { intervals: { lo, hi } });
    expect(s.dropped).toEqual([{ criterion: 3, reason: "interval" }]);
    expect(s.points[3]).toBe(0);
  });

  it("shrinks toward expert points as the penalty grows", () => {
    const expertPoints = [0, 0, 0, 0, 0, 0, 0, 0, 0, 40];
    const free = suggestPoints(rows, { refine: false });
    const mild = suggestPoints(rows, { expertPoints, refine: false });
    const strong = suggestPoints(rows, { expertPoints, C: 1e-6, refine: false });
    expect(mild.continuousPoints[9]).toBeGreaterThan(free.continuousPoints[9]);
    expect(strong.continuousPoints[9]).toBeCloseTo(40, 1);
  });

  it("current-range scale keeps the spread of the current scores", () => {
    const currentPoints = [10, 10, -5, 10, 5, -5, 5, 5, 0, 0];
    const s = suggestPoints(rows, { scale: { kind: "current-range", currentPoints, currentBase: 50 } });
    const w = Float64Array.from(rows.won, (v, r) => v + rows.lost[r]);
    const cur = rowSums(rows, currentPoints, 50);
    const next = rowSums(rows, s.points, s.base);
    const q = (v: Float64Array, p: number) => {
      const order = Array.from(v.keys()).sort((a, b) => v[a] - v[b]);
      const total = w.reduce((a, b) => a + b, 0);
      let acc = 0;
      for (const i of order) if ((acc += w[i]) >= p * total) return v[i];
      return NaN;
    };
    expect(q(next, 0.05)).toBe(q(cur, 0.05));
    const spreadCur = q(cur, 0.95) - q(cur, 0.05);
    const spreadNew = q(next, 0.95) - q(next, 0.05);
    expect(Math.abs(spreadNew - spreadCur) / spreadCur).toBeLessThan(0.2);
  });

  it("refuses option arrays of the wrong length", () => {
    expect(() => suggestPoints(rows, { include: [1, 1] })).toThrow(/include must have one entry per criterion; received 2 for 10/);
  });
});
