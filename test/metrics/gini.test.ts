import { describe, expect, it } from "vitest";
import { gini } from "../../lib/metrics/gini.js";
import { ties } from "./fixtures/data.js";

describe("gini", () => {
  it("is 2·AUC − 1 with the scikit-learn 1.2.1 roc_auc_score of the 'ties' data (0.8715122767857143)", () => {
    expect(gini(ties.scores, ties.labels)).toBeCloseTo(2 * 0.8715122767857143 - 1, 14);
  });

  it("doc example, and 0 for a score that does not discriminate", () => {
    expect(gini([1, 2, 2, 3], [0, 0, 1, 1])).toBe(0.75);
    expect(gini([1, 1, 1, 1], [0, 0, 1, 1])).toBe(0);
  });

  it("throws like auc when a class is empty", () => {
    expect(() => gini([1, 2], [0, 0])).toThrow(/auc: requires at least 1 won/);
  });
});
