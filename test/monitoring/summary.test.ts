import { describe, expect, it } from "vitest";
import { summary } from "../../lib/monitoring/summary.js";
import { columns, type Lead } from "./helpers.js";

const L = (at: string, score: number, y: 1 | 0 | -1, fired: boolean, amount?: number): Lead => ({ at, score, y, amount, points: { a: fired ? 5 : 0 } });
// January (reference): A fires on 2 of 4. February: A fires on 4 of 4 → 2-bin PSI (½,½) → (1 − 1e-4, 1e-4).
const leads = [
  L("2024-01-05", 10, 1, true, 500), L("2024-01-06", 2, 0, true), L("2024-01-07", 8, 0, false), L("2024-01-08", 4, 1, false, 1500),
  L("2024-02-05", 9, 1, true, 2000), L("2024-02-06", 3, 0, true), L("2024-02-07", 7, -1, true), L("2024-02-08", 5, 0, true),
];
const options = {
  by: "month" as const,
  thresholds: { nurture: 4, salesReady: 8 },
  reference: "2024-01",
  bands: 2,
  review: { lastModelChange: "2024-01-01", lastReview: "2024-01-29", asOf: "2024-03-01", stableMonths: 6 },
};

describe("summary", () => {
  const s = summary(columns(leads, ["a"]), options);

  it("is plain JSON: a round trip changes nothing", () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.kind).toBe("leadscore-review");
    expect(s.totals).toEqual({ leads: 8, won: 3, lost: 4, open: 1 });
    expect(s.cohorts.map((c) => c.period)).toEqual(["2024-01", "2024-02"]);
    expect(s.bestCustomers!.revenue).toBe(4000);
    expect(s.lostHighScorers!.indices).toEqual([2]); // the only lost lead scoring ≥ 8
  });

  it("feeds the newest period's largest PSI to reviewDue", () => {
    // score bands cut at 8 (January 2, 4 | 8, 10): February 3, 5, 7 | 9 → (½, ½) vs (¾, ¼): PSI = ¼·ln 1.5 − ¼·ln 0.5
    expect(s.latest.scorePsi).toBeCloseTo(0.25 * Math.log(1.5) - 0.25 * Math.log(0.5), 14);
    // criterion A: (½, ½) vs (1, 0 → 1e-4): (½)·ln 2 + (1e-4 − ½)·ln(2e-4)
    const critPsi = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(2e-4);
    expect(s.latest.maxCriterionPsi).toBeCloseTo(critPsi, 12);
    expect(s.latest.maxPsi).toBeCloseTo(critPsi, 12);
    expect(s.reviewDue).toMatchObject({ due: true, nextDate: "2024-03-01", scheduledDate: "2024-07-29" });
  });

  it("leaves out the criterion and revenue sections when the input has none", () => {
    const bare = summary({ ...columns(leads), amount: undefined, criteria: undefined }, options);
    expect(bare).toMatchObject({ criterionDrift: null, lostHighScorers: null, bestCustomers: null });
    expect(bare.latest.maxCriterionPsi).toBeNull();
    // score PSI 0.2747 alone still makes the review due
    expect(bare.reviewDue.due).toBe(true);
  });

  it("gives maxPsi null while the newest period is inside the reference", () => {
    const early = summary(columns(leads, ["a"]), { ...options, reference: ["2024-01", "2024-02"] });
    expect(early.latest).toMatchObject({ period: "2024-02", scorePsi: null, maxCriterionPsi: null, maxPsi: null });
    expect(early.reviewDue.due).toBe(false);
  });
});
