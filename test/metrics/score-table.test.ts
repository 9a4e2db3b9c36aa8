import { describe, expect, it } from "vitest";
import { argsort, scoreTable, withSharedScoreTables } from "../../lib/metrics/score-table.js";
import { delong } from "../../lib/metrics/delong.js";
import { evaluate } from "../../lib/metrics/evaluate.js";
import { ks } from "../../lib/metrics/ks.js";
import { liftGain } from "../../lib/metrics/lift-gain.js";

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

describe("withSharedScoreTables", () => {
  it("builds one table per scores and labels arrays while it runs, none outside it", () => {
    const s = Float64Array.from([3, 1, 2, 3, 5]);
    const y = [1, 0, 0, 1, 1];
    const [a, b, c] = withSharedScoreTables(() => [scoreTable(s, y), scoreTable(s, y), scoreTable(s, [0, 0, 1, 1, 1])]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(Array.from(a.values)).toEqual([1, 2, 3, 5]);
    expect(Array.from(c.won)).toEqual([0, 1, 1, 1]);
    expect(scoreTable(s, y)).not.toBe(scoreTable(s, y));
    // weighted tables are never shared
    expect(withSharedScoreTables(() => scoreTable(s, y, [1, 1, 1, 1, 2]) === scoreTable(s, y, [1, 1, 1, 1, 2]))).toBe(false);
  });

  it("gives evaluate the same figures as each metric on its own", () => {
    const s = Float64Array.from({ length: 400 }, (_, i) => (i * 37) % 101);
    const y = Array.from({ length: 400 }, (_, i) => ((i * 13) % 7 < 3 ? 1 : 0));
    const e = evaluate(s, y, { nurture: 30, salesReady: 70 });
    expect(e.auc).toEqual(delong(s, y));
    expect(e.ks).toEqual(ks(s, y));
    expect(e.liftGain).toEqual(liftGain(s, y, { deciles: 10 }));
  });
});
