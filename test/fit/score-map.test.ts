import { scoreTable } from "../../lib/fit/score-table.js";
import { describe, expect, it } from "vitest";
import { fitScoreMap, scoreProbability } from "../../lib/fit/score-map.js";

describe("fitScoreMap", () => {
  it("recovers an exact two-point fit (worked example: 1/4 won at 0, 3/4 at 1 → a = −ln 3, b = 2·ln 3)", () => {
    const m = fitScoreMap([0, 1], [1, 3], [3, 1]);
    expect(m.a).toBeCloseTo(-Math.log(3), 9);
    expect(m.b).toBeCloseTo(2 * Math.log(3), 9);
    expect(scoreProbability(m, 1)).toBeCloseTo(0.75, 9);
  });
  it("gives b = 0 when every score is the same", () => {
    const m = fitScoreMap([5, 5], [1, 1], [3, 3]);
    expect(m.b).toBe(0);
    expect(m.a).toBeCloseTo(Math.log(1 / 3), 12);
  });
  it("is invariant to warm starts", () => {
    const s = [0, 10, 20, 30, 40];
    const w = [1, 3, 6, 9, 12];
    const l = [20, 15, 10, 6, 3];
    const cold = fitScoreMap(s, w, l);
    const warm = fitScoreMap(s, w, l, { a: 3, b: -0.5 });
    expect(warm.a).toBeCloseTo(cold.a, 8);
    expect(warm.b).toBeCloseTo(cold.b, 8);
  });
  it("refuses data without both outcomes", () => {
    expect(() => fitScoreMap([1, 2], [0, 0], [1, 1])).toThrow(/needs both won and lost weight/);
  });

  it("fits the same map on per-lead 0/1 counts as on the won / lost counts per distinct score (as the suggestion fits it)", () => {
    // 3,000 leads on integer scores 0..60, won with probability σ(−3 + 0.08·s) (a fixed LCG, no Math.random)
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const scores: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = Math.floor(next() * 61);
      scores.push(s);
      y.push(next() < 1 / (1 + Math.exp(3 - 0.08 * s)) ? 1 : 0);
    }
    const perLead = fitScoreMap(scores, y, y.map((v) => 1 - v));
    const t = scoreTable(scores, y);
    const grouped = fitScoreMap(t.score, t.won, t.lost);
    expect(t.score.length).toBe(61);
    expect(grouped.a).toBeCloseTo(perLead.a, 9);
    expect(grouped.b).toBeCloseTo(perLead.b, 9);
    expect(grouped.logLoss).toBeCloseTo(perLead.logLoss, 6);
    expect(perLead.b).toBeGreaterThan(0.05);
  });
});
