import { describe, expect, it } from "vitest";
import { lostLeadRows } from "../../lib/monitoring/lost-leads.js";

describe("lostLeadRows: the lost sales-ready leads, highest score first", () => {
  const input = {
    leadId: ["a", "b", "c", "d"],
    score: [40, 72.5, 55, 72.5],
    createdAt: [Date.UTC(2025, 0, 31, 23, 59), Date.UTC(2025, 1, 1), Date.UTC(2024, 11, 31), Date.UTC(2025, 5, 15, 12)],
    criteria: [
      { id: "pricing", label: "Viewed pricing", points: [0, 20, 20, 0] },
      { id: "student", label: "Student", points: [-15, 0, 0, -2.5] },
      { id: "size", label: "Company 200+", points: [10, 10, 0, 0] },
    ],
  };

  it("sorts by score (ties keep the given order), dates in UTC, fired criteria with their points", () => {
    expect(lostLeadRows(input, [0, 1, 2, 3])).toEqual([
      { leadId: "b", created: "2025-02-01", score: 72.5, fired: "Viewed pricing (20); Company 200+ (10)" },
      { leadId: "d", created: "2025-06-15", score: 72.5, fired: "Student (-2.5)" },
      { leadId: "c", created: "2024-12-31", score: 55, fired: "Viewed pricing (20)" },
      { leadId: "a", created: "2025-01-31", score: 40, fired: "Student (-15); Company 200+ (10)" },
    ]);
  });

  it("lists only the given leads, and nothing fired without criteria", () => {
    expect(lostLeadRows({ ...input, criteria: undefined }, [2, 0]).map((r) => [r.leadId, r.fired])).toEqual([["c", ""], ["a", ""]]);
    expect(lostLeadRows(input, [])).toEqual([]);
  });
});
