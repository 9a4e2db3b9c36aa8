import { describe, expect, it } from "vitest";
import { scoreTable, weeksSpanned, wilsonBounds } from "../../lib/fit/score-table.js";

describe("scoreTable", () => {
  it("groups distinct scores, highest first, with weights", () => {
    const t = scoreTable([10, 20, 10, 30], [1, 0, 0, 1], [1, 2, 3, 1]);
    expect(Array.from(t.score)).toEqual([30, 20, 10]);
    expect(Array.from(t.won)).toEqual([1, 0, 1]);
    expect(Array.from(t.lost)).toEqual([0, 2, 3]);
    expect([t.totalWon, t.totalLost]).toEqual([2, 5]);
  });
  it("refuses open leads (label not 0/1)", () => {
    expect(() => scoreTable([1], [2])).toThrow(/Leave open leads out/);
  });
});

describe("weeksSpanned", () => {
  it("counts weeks between the first and last creation time", () => {
    expect(weeksSpanned([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 15)])).toBe(2);
    expect(weeksSpanned([Date.UTC(2024, 0, 1)])).toBeCloseTo(1 / 7, 12);
  });
});

describe("wilsonBounds", () => {
  it("METHODS.md §6 check values: 0/10 → [0, 0.2775]; 5/10 → [0.2366, 0.7634]", () => {
    const [a, b] = wilsonBounds(0, 10);
    expect(a).toBe(0);
    expect(b).toBeCloseTo(0.2775, 4);
    const [c, d] = wilsonBounds(5, 10);
    expect(c).toBeCloseTo(0.2366, 4);
    expect(d).toBeCloseTo(0.7634, 4);
  });
});
