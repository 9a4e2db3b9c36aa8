import { describe, expect, it } from "vitest";
import { scoreTable } from "../../lib/fit/score-table.js";
import { capacityCut, costValueCut, fBetaCut, minWinRateCut, nurtureCutFromShare, youdenCut } from "../../lib/fit/thresholds.js";

// Worked example (10 leads, one week):
//   score 50: 2 won 0 lost | 40: 1 won 2 lost | 30: 1 won 0 lost | 20: 0/2 | 10: 0/2
// Cumulative from the top (score ≥ cut): n = 2, 5, 6, 8, 10; wins = 2, 3, 4, 4, 4.
// Wilson 95 % lower bounds of those groups (formula of METHODS.md §6, computed in
// Python): 2/2 0.342380, 3/5 0.230724, 4/6 0.299993, 4/8 0.215216, 4/10 0.168180.
const table = scoreTable([50, 50, 40, 40, 40, 30, 20, 20, 10, 10], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);

describe("capacityCut", () => {
  it("cuts at rank N and splits the tie at random", () => {
    // N = 3: 2 leads above 40, 1 of the 3 tied at 40 needed → share 1/3;
    // expected wins 2 + 1/3·1 = 7/3; precision 7/9; recall 7/12
    const c = capacityCut(table, { leadsPerWeek: 3, weeks: 1 });
    expect(c.cut).toBe(40);
    expect(c.tie).toEqual({ leads: 3, takenShare: 1 / 3 });
    expect(c.leadsPerWeekAtCut).toBe(5);
    expect(c.stricterCut).toBe(50);
    expect(c.leadsPerWeekAtStricterCut).toBe(2);
    expect(c.expectedWinsPerWeek).toBeCloseTo(7 / 3, 12);
    expect(c.precisionAtN).toBeCloseTo(7 / 9, 12);
    expect(c.recallAtN).toBeCloseTo(7 / 12, 12);
  });
  it("hands everyone over when capacity exceeds the inflow", () => {
    const c = capacityCut(table, { leadsPerWeek: 50, weeks: 1 });
    expect(c.cut).toBe(10);
    expect(c.recallAtN).toBe(1);
  });
  it("refuses a non-positive capacity", () => {
    expect(() => capacityCut(table, { leadsPerWeek: 0, weeks: 1 })).toThrow(/leadsPerWeek and weeks must be > 0/);
  });
});

describe("minWinRateCut", () => {
  it("takes the lowest score whose group's Wilson lower bound reaches the target", () => {
    // target 0.25: groups at 50 (0.342) and 30 (0.29999) qualify, 40 does not → 30
    const c = minWinRateCut(table, { target: 0.25 });
    expect(c.cut).toBe(30);
    expect(c.leads).toBe(6);
    expect(c.lower).toBeCloseTo(0.299993, 6);
    expect(minWinRateCut(table, { target: 0.32 }).cut).toBe(50);
    expect(minWinRateCut(table, { target: 0.5 }).cut).toBeNull();
  });
  it("nurture tier: group between the cut and the sales-ready cut", () => {
    // below 50: 1/3 0.061492, 2/4 0.150039, 2/6 0.096771, 2/8 0.071479 → target 0.1 gives 30
    expect(minWinRateCut(table, { target: 0.1, below: 50 }).cut).toBe(30);
  });
});

describe("costValueCut", () => {
  it("p* = c/V and the lowest observed score above s* = (logit p* − a)/b", () => {
    // p* = 50/1000 = 0.05; s* = (ln(0.05/0.95) + 5)/0.1 = 20.5556 → lowest observed score above: 30
    const c = costValueCut(table, { a: -5, b: 0.1 }, { cost: 50, value: 1000 });
    expect(c.pStar).toBe(0.05);
    expect(c.scoreStar).toBeCloseTo(20.555610208335597, 10);
    expect(c.cut).toBe(30);
  });
  it("refuses cost ≥ value", () => {
    expect(() => costValueCut(table, { a: 0, b: 1 }, { cost: 5, value: 5 })).toThrow(/need 0 < cost < value/);
  });
});

describe("youdenCut / fBetaCut", () => {
  it("Youden's J: TPR − FPR = 1 − 2/6 at 30", () => {
    const y = youdenCut(table);
    expect(y.cut).toBe(30);
    expect(y.j).toBeCloseTo(2 / 3, 12);
  });
  it("F1 = 0.8 at 30 (P = 4/6, R = 1); F2 picks 30 too (F2 = 10/11)", () => {
    const f1 = fBetaCut(table, 1);
    expect(f1.cut).toBe(30);
    expect(f1.f).toBeCloseTo(0.8, 12);
    expect(fBetaCut(table, 2).f).toBeCloseTo(10 / 11, 12);
  });
});

describe("nurtureCutFromShare", () => {
  it("ignores the lowest 40 % (scores 10 and 20) → cut 30", () => {
    expect(nurtureCutFromShare(table, 0.4)).toEqual({ cut: 30, ignoredShare: 0.4 });
    expect(nurtureCutFromShare(table, 0.3)).toEqual({ cut: 30, ignoredShare: 0.4 }); // tie group at 20 ignored whole
    expect(nurtureCutFromShare(table, 0)).toEqual({ cut: 10, ignoredShare: 0 });
  });
});
