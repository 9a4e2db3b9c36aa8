import { describe, expect, it } from "vitest";
import { scoreTable } from "../../lib/fit/score-table.js";
import { tradeoffCurve } from "../../lib/fit/tradeoff.js";

describe("tradeoffCurve", () => {
  it("volume per week, win share and precision per cut (same worked example as thresholds.test.ts, 2 weeks)", () => {
    const t = scoreTable([50, 50, 40, 40, 40, 30, 20, 20, 10, 10], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
    const c = tradeoffCurve(t, 2);
    expect(Array.from(c.cut)).toEqual([50, 40, 30, 20, 10]);
    expect(Array.from(c.leadsPerWeek)).toEqual([1, 2.5, 3, 4, 5]);
    expect(Array.from(c.winShare)).toEqual([0.5, 0.75, 1, 1, 1]);
    expect(Array.from(c.precision).map((v) => +v.toFixed(6))).toEqual([1, 0.6, 0.666667, 0.5, 0.4]);
  });
  it("refuses weeks ≤ 0", () => {
    expect(() => tradeoffCurve(scoreTable([1], [1]), 0)).toThrow(/weeks must be > 0/);
  });
});
