/**
 * Integration: the documented drift of the synthetic sample
 * (lib/sample/ground-truth.ts: from 2025-01 Paid search turns from a good
 * channel into a poor one; email opens carry no signal; students click a lot
 * but are rarely won) must show up in the review of a simple points model.
 */
import { describe, expect, it } from "vitest";
import { cohorts, criterionDrift, lostHighScorers, scoreDrift, summary } from "../../lib/monitoring/index.js";
import { sampleInput } from "./sample-input.js";

const input = sampleInput();
// Points model scores: median 19, 80th percentile 32 (seed 42, 24,000 leads).
const thresholds = { nurture: 19, salesReady: 32 };
const reference = ["2024-01", "2024-12"] as const;

describe("review of the synthetic sample", () => {
  it("criterionDrift flags Paid search's falling win rate after month 12, and only then", () => {
    const drift = criterionDrift(input, { reference, by: "quarter" });
    const paid = drift.find((c) => c.id === "paid_search")!;
    expect(paid.reference.lift!).toBeGreaterThan(1); // a good channel in 2024
    for (const q of ["2025-Q1", "2025-Q2", "2025-Q3"]) {
      const p = paid.periods.find((x) => x.period === q)!;
      expect(p.liftFlagged).toBe(true);
      expect(p.liftChange!).toBeLessThan(-0.3);
      expect(p.winRateP!).toBeLessThan(0.01); // measured 2026-12-06: at most 0.0011 (below 0.001 before the recency terms were strengthened)
    }
    expect(paid.flaggedPeriods.every((q) => q.startsWith("2025"))).toBe(true);
    // Its share of new leads doubles (12 % → 24 %): the fire/no-fire PSI rises to ≈ 0.1 in 2025.
    expect(Math.max(...paid.periods.map((p) => p.psi ?? 0))).toBeGreaterThan(0.09);
    // Email opens are uninformative throughout: never flagged on lift while 2025 leads are mature.
    const opens = drift.find((c) => c.id === "email_open")!;
    expect(opens.periods.filter((p) => p.period < "2025-Q4").every((p) => !p.liftFlagged && !p.psiFlagged)).toBe(true);
  });

  it("lostHighScorers ranks the student and email criteria among the most over-represented", () => {
    const r = lostHighScorers(input, { thresholds });
    expect(r.indices.length).toBeGreaterThan(1000);
    const top4 = r.criteria.slice(0, 4).map((c) => c.id);
    expect(top4).toContain("student");
    expect(top4).toContain("email_open");
    const student = r.criteria.find((c) => c.id === "student")!;
    // students are ~20 % of lost high-scorers but ~0.5 % of won leads
    expect(student.ratio!).toBeGreaterThan(10);
    expect(student.p!).toBeLessThan(1e-6);
    expect(lostHighScorers(input, { thresholds, sortBy: "ratio" }).criteria[0].id).toBe("student");
    // criteria that do predict winning are under-represented
    expect(r.criteria.find((c) => c.id === "pricing_page")!.z!).toBeLessThan(0);
  });

  it("score drift stays small and cohorts carry every quarter", () => {
    const d = scoreDrift(input, { reference, by: "quarter" });
    expect(d.edges.length).toBeGreaterThan(5);
    expect(d.periods.every((p) => p.psi! < 0.1)).toBe(true);
    const rows = cohorts(input, { by: "quarter", thresholds });
    expect(rows.map((r) => r.period)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(rows.reduce((t, r) => t + r.n, 0)).toBe(24000);
    for (const r of rows.slice(0, 7)) {
      expect(r.small).toBe(false);
      expect(r.auc!).toBeGreaterThan(0.6);
    }
    expect(rows[7].open).toBeGreaterThan(rows[7].won + rows[7].lost); // the newest quarter is mostly immature
  });

  it("summary assembles everything into plain JSON", () => {
    const s = summary(input, {
      by: "quarter",
      thresholds,
      reference,
      review: { lastModelChange: "2024-01-01", lastReview: "2025-06-30", asOf: "2025-12-31", stableMonths: 12 },
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.totals.leads).toBe(24000);
    expect(s.latest.period).toBe("2025-Q4");
    expect(s.criterionDrift!.find((c) => c.id === "paid_search")!.flaggedPeriods.length).toBeGreaterThan(0);
    // PSI of Paid search's fire/no-fire split in 2025-Q4 ≥ 0.10 makes the review due before 2026-06-30.
    expect(s.latest.maxPsi!).toBeGreaterThanOrEqual(0.1);
    expect(s.reviewDue).toMatchObject({ due: true, nextDate: "2025-12-31", scheduledDate: "2026-06-30" });
  });
});
