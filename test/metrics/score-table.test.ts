import { describe, expect, it } from "vitest";
import { argsort, scoreTable } from "../../lib/metrics/score-table.js";

describe("scoreTable (internal)", () => {
  it("counts won and lost leads per distinct score, ascending", () => {
    const t = scoreTable([3, 1, 3, 2, 1, 3], [1, 0, 0, 1, 1, 1]);
    expect(Array.from(t.values)).toEqual([1, 2, 3]);
    expect(Array.from(t.won)).toEqual([1, 1, 2]);
    expect(Array.from(t.lost)).toEqual([1, 0, 1]);
    expect([t.nWon, t.nLost]).toEqual([4, 2]);
  });

  it("with unit weights equals the counting path; weights add up per score", () => {
    const s = [0.5, -2, 0.5, 7, -2];
    const y = [1, 0, 0, 1, 1];
    expect(scoreTable(s, y, [1, 1, 1, 1, 1])).toEqual(scoreTable(s, y));
    const w = scoreTable(s, y, [2, 0.5, 1, 3, 1.5]);
    expect(Array.from(w.won)).toEqual([1.5, 2, 3]);
    expect(Array.from(w.lost)).toEqual([0.5, 1, 0]);
  });

  it("argsort is stable for equal values", () => {
    expect(Array.from(argsort([2, 1, 2, 1, 0]))).toEqual([4, 1, 3, 0, 2]);
  });
});
