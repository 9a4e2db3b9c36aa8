import { describe, expect, it } from "vitest";
import { argsort, scoreTable, withSharedScoreTables } from "../../lib/metrics/score-table.js";
import { delong } from "../../lib/metrics/delong.js";
import { evaluate } from "../../lib/metrics/evaluate.js";
import { ks } from "../../lib/metrics/ks.js";
import { liftGain } from "../../lib/metrics/lift-gain.js";
import { radixSort } from "../../lib/metrics/radix-order.js";

const radixOrder = (xs: ArrayLike<number>) => radixSort(xs).order;
import { mulberry32 } from "../../lib/prng.js";

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
    const { at, ...counts } = scoreTable(s, y);
    expect(scoreTable(s, y, [1, 1, 1, 1, 1])).toEqual(counts);
    // The counting path also gives each row's position among the distinct scores.
    expect(Array.from(at!)).toEqual([1, 0, 1, 2, 0]);
    const w = scoreTable(s, y, [2, 0.5, 1, 3, 1.5]);
    expect(Array.from(w.won)).toEqual([1.5, 2, 3]);
    expect(Array.from(w.lost)).toEqual([0.5, 1, 0]);
  });

  it("radixOrder orders as a stable comparator sort does: negatives, whole numbers, tiny and huge magnitudes, ties", () => {
    const rng = mulberry32(17);
    const pools = [
      () => Math.floor(rng() * 40) - 20,
      () => (rng() - 0.5) * 1e-300,
      () => (rng() - 0.5) * 1e300,
      () => Math.round((rng() - 0.3) * 1e6) / 64,
      () => [Infinity, -Infinity, 0, 5e-324, -5e-324][Math.floor(rng() * 5)],
    ];
    for (const pool of pools) {
      const xs = Float64Array.from({ length: pool === pools[0] ? 300 : 5000 }, pool);
      const order = argsort(xs);
      expect(Array.from(radixOrder(xs))).toEqual(Array.from(order));
      // radixSort also gives the values back in order, bit for bit, and carries a byte per value along.
      const tags = Uint8Array.from(xs, () => Math.floor(rng() * 256));
      const r = radixSort(xs, tags);
      expect(Array.from(r.sorted)).toEqual(Array.from(order, (i) => xs[i]));
      expect(Array.from(r.tags)).toEqual(Array.from(order, (i) => tags[i]));
    }
    expect(Array.from(radixOrder([]))).toEqual([]);
    // −0 before 0 (argsort keeps them in input order: they compare equal), below and above the size where the radix passes start.
    expect(Array.from(radixOrder([0, -0, 1]))).toEqual([1, 0, 2]);
    const big = Float64Array.from({ length: 5000 }, (_, i) => (i % 2 ? 0 : -0));
    const o = radixOrder(big);
    expect(Array.from(o.subarray(0, 2500), (i) => i % 2)).toEqual(Array(2500).fill(0));
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
