import { describe, expect, it } from "vitest";
import { reviewFigures } from "../../lib/decisions/figures.js";

describe("reviewFigures: what a new decision file records", () => {
  const summary = { latest: { period: "2025-Q4", scorePsi: 0.11049, maxCriterionPsi: 0.0904, maxPsi: 0.11049 }, lostHighScorers: { indices: [1, 5, 9] } } as never;

  it("names and rounds the page's figures, in the file's order", () => {
    const f = reviewFigures({ asOf: "2026-01-01", by: "quarter", reference: ["2024-01", "2024-12"], version: "starting v2", first: { period: "2024-Q1", auc: 0.77349 }, last: { period: "2025-Q4", auc: 0.7 }, summary });
    expect(Object.entries(f)).toEqual([
      ["asOf", "2026-01-01"], ["by", "quarter"], ["reference", "2024-01 … 2024-12"],
      ["AUC starting v2 2024-Q1", 0.773], ["AUC starting v2 2025-Q4", 0.7],
      ["Score PSI 2025-Q4", 0.11], ["Largest criterion PSI, newest period", 0.09], ["Lost sales-ready leads", 3],
    ]);
  });

  it("writes null for what is missing", () => {
    const f = reviewFigures({ asOf: "2026-01-01", by: "month", reference: ["2024-01", "2024-12"], version: "v", first: undefined, last: { period: "2025-12", auc: null }, summary: { latest: { period: null, scorePsi: null, maxCriterionPsi: null, maxPsi: null }, lostHighScorers: null } as never });
    expect(f).toEqual({ asOf: "2026-01-01", by: "month", reference: "2024-01 … 2024-12", "AUC v ": null, "AUC v 2025-12": null, "Score PSI null": null, "Largest criterion PSI, newest period": null, "Lost sales-ready leads": null });
  });
});
