import { describe, expect, it } from "vitest";
import { referenceWindow } from "../../lib/monitoring/reference.js";

const t = [Date.UTC(2024, 0, 9), Date.UTC(2024, 1, 9), Date.UTC(2024, 5, 30, 23), Date.UTC(2024, 6, 1)];

describe("referenceWindow", () => {
  it("takes one period label, an inclusive [from, to] of labels, or of dates", () => {
    expect(referenceWindow("f", "2024-01", t)).toMatchObject({ label: "2024-01", indices: [0] });
    expect(referenceWindow("f", ["2024-01", "2024-06"], t)).toMatchObject({ label: "2024-01 … 2024-06", indices: [0, 1, 2] });
    expect(referenceWindow("f", ["2024-Q1", "2024-Q3"], t).indices).toEqual([0, 1, 2, 3]);
    expect(referenceWindow("f", ["2024-01-09", "2024-06-30"], t).indices).toEqual([0, 1, 2]); // the `to` day is included
  });

  it("explains an empty or reversed window", () => {
    expect(() => referenceWindow("scoreDrift", "2023-Q1", t)).toThrow(/scoreDrift: the reference window 2023-Q1 holds no leads/);
    expect(() => referenceWindow("scoreDrift", ["2024-06", "2024-01"], t)).toThrow(/must have from before to; received \[2024-06, 2024-01\]/);
  });
});
