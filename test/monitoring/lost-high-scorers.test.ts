import { describe, expect, it } from "vitest";
import { lostHighScorers } from "../../lib/monitoring/lost-high-scorers.js";
import { columns, type Lead } from "./helpers.js";

const at = "2024-01-10";
const L = (score: number, y: 1 | 0 | -1, opens: boolean, demo: boolean): Lead => ({ at, score, y, points: { opens: opens ? 4 : 0, demo: demo ? 20 : 0 } });
const input = columns(
  [
    // lost high-scorers (score ≥ 50): opens on 4 of 4, demo on 1 of 4
    L(60, 0, true, false), L(55, 0, true, false), L(50, 0, true, true), L(70, 0, true, false),
    // won: 3 sales-ready (opens on 1, demo on 3) and 2 below (opens on 1, demo on 1)
    L(80, 1, true, true), L(65, 1, false, true), L(52, 1, false, true), L(30, 1, true, true), L(20, 1, false, false),
    // lost below the threshold and an open high-scorer: left out
    L(40, 0, true, true), L(10, 0, false, false), L(90, -1, true, true),
  ],
  ["opens", "demo", "never"],
);
const thresholds = { nurture: 25, salesReady: 50 };

describe("lostHighScorers", () => {
  const r = lostHighScorers(input, { thresholds });

  it("finds the lost leads that scored sales-ready", () => {
    expect(r).toMatchObject({ indices: [0, 1, 2, 3], won: 5, wonSalesReady: 3 });
  });

  it("compares fire rates by hand, with the pooled z-test (scipy chi2_contingency(correction=False))", () => {
    expect(r.criteria.map((c) => c.id)).toEqual(["opens", "never", "demo"]); // z: 1.90, 0, < 0
    const opens = r.criteria[0];
    // 4/4 vs 2/5: ratio 1/0.4 = 2.5, difference 0.6; pooled 6/9 → z = 0.6/√(⅔·⅓·(¼ + ⅕)) = 1.897367
    expect(opens).toMatchObject({ rateLostHigh: 1, rateWon: 0.4 });
    expect(opens.ratio).toBeCloseTo(2.5, 15);
    expect(opens.difference).toBeCloseTo(0.6, 15);
    expect(opens.z).toBeCloseTo(1.89736659610103, 12);
    expect(opens.p).toBeCloseTo(0.0577795711235972, 12);
    // vs won sales-ready: 4/4 vs 1/3
    expect(opens.rateWonSalesReady).toBeCloseTo(1 / 3, 15);
    expect(opens.vsWonSalesReady.ratio).toBeCloseTo(3, 15);
    expect(opens.vsWonSalesReady.difference).toBeCloseTo(2 / 3, 15);
    const demo = r.criteria[2];
    // 1/4 vs 4/5 and 1/4 vs 3/3
    expect(demo.rateLostHigh).toBe(0.25);
    expect(demo.rateWon).toBeCloseTo(0.8, 15);
    expect(demo.ratio).toBeCloseTo(0.3125, 15);
    expect(demo.z!).toBeLessThan(0);
    expect(demo.vsWonSalesReady.difference).toBeCloseTo(-0.75, 15);
  });

  it("sorts by ratio or difference on request, nulls last", () => {
    expect(lostHighScorers(input, { thresholds, sortBy: "ratio" }).criteria.map((c) => c.id)).toEqual(["opens", "demo", "never"]);
    expect(lostHighScorers(input, { thresholds, sortBy: "difference" }).criteria.map((c) => c.id)).toEqual(["opens", "never", "demo"]);
    const never = r.criteria[1];
    expect(never).toMatchObject({ rateLostHigh: 0, rateWon: 0, ratio: null, z: 0, p: 1 });
  });

  it("reports nulls when no lead is a lost high-scorer", () => {
    const none = lostHighScorers(input, { thresholds: { nurture: 25, salesReady: 100 } });
    expect(none.indices).toEqual([]);
    expect(none.criteria[0]).toMatchObject({ rateLostHigh: null, z: null, p: null, ratio: null });
    expect(() => lostHighScorers(input, { thresholds, sortBy: "lift" as never })).toThrow(/sortBy must be "z", "ratio" or "difference"; received "lift"/);
  });
});
