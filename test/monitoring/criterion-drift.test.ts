import { describe, expect, it } from "vitest";
import { wilson } from "../../lib/metrics/index.js";
import { criterionDrift } from "../../lib/monitoring/criterion-drift.js";
import { columns, times, type Lead } from "./helpers.js";

const lead = (at: string, fired: boolean, y: 1 | 0 | -1): Lead => ({ at, score: 0, y, points: { a: fired ? 5 : 0 } });

const input = columns(
  [
    // Reference January: A fired on 5 (3 won, 2 lost), not on 5 (1 won, 4 lost).
    // win rate 4/10 = 0.4; when fired 3/5 = 0.6; lift 0.6 / 0.4 = 1.5
    ...times(3, lead("2024-01-10", true, 1)),
    ...times(2, lead("2024-01-10", true, 0)),
    ...times(1, lead("2024-01-10", false, 1)),
    ...times(4, lead("2024-01-10", false, 0)),
    // February: fired on 8 labelled (2 won, 6 lost) + 2 open; not fired 2 (both won).
    // fire rate 10/12; win rate 4/10 = 0.4; when fired 2/8 = 0.25; lift 0.625
    ...times(2, lead("2024-02-10", true, 1)),
    ...times(6, lead("2024-02-10", true, 0)),
    ...times(2, lead("2024-02-10", true, -1)),
    ...times(2, lead("2024-02-10", false, 1)),
    // March: fired on 50 (5 won), not on 50 (35 won). win rate 0.4; when fired 0.1; lift 0.25
    ...times(5, lead("2024-03-10", true, 1)),
    ...times(45, lead("2024-03-10", true, 0)),
    ...times(35, lead("2024-03-10", false, 1)),
    ...times(15, lead("2024-03-10", false, 0)),
  ],
  ["a", "never"],
);

describe("criterionDrift", () => {
  const [a, never] = criterionDrift(input, { reference: "2024-01", by: "month" });

  it("reference statistics by hand", () => {
    expect(a).toMatchObject({ id: "a", label: "A" });
    expect(a.reference).toMatchObject({ n: 10, fired: 5, fireRate: 0.5, labelledFired: 5, wonFired: 3, winRateFired: 0.6 });
    expect(a.reference.lift).toBeCloseTo(1.5, 15);
    expect(a.reference.ci).toEqual(wilson(3, 5));
  });

  it("February: fire rate over all leads, win rate over labelled ones; 2-bin PSI flags it", () => {
    const feb = a.periods[1];
    expect(feb).toMatchObject({ period: "2024-02", n: 12, fired: 10, labelledFired: 8, wonFired: 2, winRateFired: 0.25 });
    expect(feb.fireRate).toBeCloseTo(10 / 12, 15);
    expect(feb.lift).toBeCloseTo(0.625, 15);
    expect(feb.liftChange).toBeCloseTo(-0.875, 15);
    // PSI of (5, 5) → (10, 2): (5/6 − ½)·ln(5/3) + (1/6 − ½)·ln(1/3) (numpy 0.5364793041447)
    expect(feb.psi).toBeCloseTo((5 / 6 - 0.5) * Math.log(5 / 3) + (1 / 6 - 0.5) * Math.log(1 / 3), 14);
    expect(feb.psi).toBeCloseTo(0.5364793041447, 12);
    expect(feb.level).toBe("significant");
    // 2/8 vs 3/5: scipy chi2_contingency(correction=False) p = 0.206969316918809 → not significant
    expect(feb.winRateP).toBeCloseTo(0.206969316918809, 12);
    expect(feb).toMatchObject({ psiFlagged: true, liftFlagged: false, inReference: false });
  });

  it("March: same fire rate (PSI 0) but the lift fell by 1.25, significantly", () => {
    const mar = a.periods[2];
    expect(mar.psi).toBe(0);
    expect(mar.lift).toBeCloseTo(0.25, 15);
    expect(mar.liftChange).toBeCloseTo(-1.25, 15);
    // 5/50 vs 3/5: scipy p = 0.0024976867670414
    expect(mar.winRateP).toBeCloseTo(0.0024976867670414, 12);
    expect(mar).toMatchObject({ psiFlagged: false, liftFlagged: true });
    expect(a.flaggedPeriods).toEqual(["2024-02", "2024-03"]);
  });

  it("never flags the reference itself, and handles a criterion that never fires", () => {
    expect(a.periods[0]).toMatchObject({ inReference: true, psi: 0, psiFlagged: false, liftFlagged: false });
    expect(never.reference).toMatchObject({ fired: 0, winRateFired: null, ci: null, lift: null });
    expect(never.periods.map((p) => [p.psi, p.liftChange, p.winRateP])).toEqual([[0, null, null], [0, null, null], [0, null, null]]);
    expect(never.flaggedPeriods).toEqual([]);
  });

  it("takes its flag settings from the options", () => {
    const [strict] = criterionDrift(input, { reference: "2024-01", by: "month", psiFlag: 0.6, liftChange: 2 });
    expect(strict.flaggedPeriods).toEqual([]);
    expect(() => criterionDrift(input, { reference: "2024-01", by: "month", alpha: 0 })).toThrow(/criterionDrift: alpha must be a positive number; received 0/);
    expect(() => criterionDrift({ ...input, criteria: [] }, { reference: "2024-01", by: "month" })).toThrow(/criterionDrift: requires criteria/);
  });
});
