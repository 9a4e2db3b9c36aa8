import { describe, expect, it } from "vitest";
import { reviewDue } from "../../lib/monitoring/review-due.js";

const base = { lastModelChange: "2025-01-01", stableMonths: 6, maxPsi: 0.02 };

describe("reviewDue", () => {
  it("is due 4 weeks (28 days) after a model change", () => {
    // 2025-01-01 + 28 days = 2025-01-29
    expect(reviewDue({ ...base, asOf: "2025-01-28" })).toEqual({ due: false, reasons: [], nextDate: "2025-01-29", scheduledDate: "2025-01-29" });
    const r = reviewDue({ ...base, asOf: "2025-01-29" });
    expect(r.due).toBe(true);
    expect(r.reasons).toEqual(["first review after the model change of 2025-01-01: due 4 weeks later, on 2025-01-29."]);
    expect(reviewDue({ ...base, asOf: "2025-03-01" })).toMatchObject({ due: true, nextDate: "2025-01-29" }); // overdue
  });

  it("then every stableMonths after the last review", () => {
    const reviewed = { ...base, lastReview: "2025-01-29" };
    // 2025-01-29 + 6 months = 2025-07-29
    expect(reviewDue({ ...reviewed, asOf: "2025-07-28" })).toMatchObject({ due: false, nextDate: "2025-07-29" });
    const r = reviewDue({ ...reviewed, asOf: "2025-07-29" });
    expect(r).toMatchObject({ due: true, nextDate: "2025-07-29" });
    expect(r.reasons[0]).toBe("scheduled: 6 months after the last review (2025-01-29) fell on 2025-07-29.");
    expect(reviewDue({ ...reviewed, stableMonths: 12, asOf: "2025-07-29" })).toMatchObject({ due: false, nextDate: "2026-01-29" });
  });

  it("clamps month ends: 2024-08-31 + 6 months = 2025-02-28", () => {
    expect(reviewDue({ ...base, lastModelChange: "2024-06-01", lastReview: "2024-08-31", asOf: "2024-09-01" }).nextDate).toBe("2025-02-28");
  });

  it("does not count a review held earlier than 4 weeks after the change, nor one of the previous model", () => {
    expect(reviewDue({ ...base, lastReview: "2025-01-15", asOf: "2025-01-20" }).nextDate).toBe("2025-01-29");
    expect(reviewDue({ ...base, lastReview: "2024-10-01", asOf: "2025-01-20" }).nextDate).toBe("2025-01-29");
  });

  it("makes a review due at once when drift reaches PSI 0.10", () => {
    const calm = { ...base, lastReview: "2025-01-29", asOf: "2025-04-01" };
    expect(reviewDue({ ...calm, maxPsi: 0.0999 }).due).toBe(false);
    expect(reviewDue({ ...calm, maxPsi: null }).due).toBe(false);
    expect(reviewDue({ ...calm, maxPsi: 0.1 })).toEqual({
      due: true,
      reasons: ["drift: PSI 0.100 ≥ 0.10 (investigate)."],
      nextDate: "2025-04-01",
      scheduledDate: "2025-07-29",
    });
    expect(reviewDue({ ...calm, maxPsi: 0.3 }).reasons[0]).toMatch(/significant change/);
    expect(reviewDue({ ...base, asOf: "2025-02-01", maxPsi: 0.3 }).reasons).toHaveLength(2);
  });

  it("rejects a bad cadence, dates out of order and malformed dates", () => {
    expect(() => reviewDue({ ...base, asOf: "2025-02-01", stableMonths: 5 })).toThrow(/reviewDue: stableMonths must be an integer from 6 to 12 \(METHODS.md §8\); received 5/);
    expect(() => reviewDue({ ...base, asOf: "2025-02-01", stableMonths: 6.5 })).toThrow(/received 6.5/);
    expect(() => reviewDue({ ...base, asOf: "2024-12-31" })).toThrow(/reviewDue: lastModelChange must not be after asOf; received 2025-01-01 > 2024-12-31/);
    expect(() => reviewDue({ ...base, lastReview: "2025-03-01", asOf: "2025-02-01" })).toThrow(/lastReview must not be after asOf/);
    expect(() => reviewDue({ ...base, asOf: "2025-02-30" })).toThrow(/reviewDue: asOf must be a calendar date "YYYY-MM-DD"; received "2025-02-30"/);
    expect(() => reviewDue({ ...base, asOf: "2025-02-01", maxPsi: -1 })).toThrow(/maxPsi must be a PSI ≥ 0 or null; received -1/);
  });
});
