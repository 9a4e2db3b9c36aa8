import { describe, expect, it } from "vitest";
import { collapseRows } from "../../lib/fit/collapse.js";
import { designFromLists } from "../../lib/fit/design.js";
import { testRng } from "./fixture.js";

describe("collapseRows", () => {
  it("merges identical indicator vectors with won / lost counts", () => {
    const d = designFromLists([[1], [1], [], [0, 1], [1]], [1, 0, 0, 1, 1], 2);
    const c = collapseRows(d);
    expect(c.nRows).toBe(3);
    expect(Array.from(c.indices)).toEqual([1, 0, 1]);
    expect(Array.from(c.won)).toEqual([2, 0, 1]);
    expect(Array.from(c.lost)).toEqual([1, 1, 0]);
    expect(Array.from(c.count)).toEqual([3, 1, 1]);
    expect(Array.from(c.rowOf)).toEqual([0, 0, 1, 2, 0]);
  });

  it("is exact on many random rows (checked against a string-keyed map) and sums weights", () => {
    const rng = testRng(3);
    const rows: number[][] = [];
    const y: number[] = [];
    const w: number[] = [];
    for (let r = 0; r < 5000; r++) {
      const row: number[] = [];
      for (let j = 0; j < 12; j++) if (rng() < 0.3) row.push(j);
      rows.push(row);
      y.push(rng() < 0.4 ? 1 : 0);
      w.push(1 + Math.floor(rng() * 3));
    }
    const c = collapseRows(designFromLists(rows, y, 12, w));
    const ref = new Map<string, [number, number]>();
    rows.forEach((row, r) => {
      const k = row.join(",");
      const v = ref.get(k) ?? [0, 0];
      v[y[r] === 1 ? 0 : 1] += w[r];
      ref.set(k, v);
    });
    expect(c.nRows).toBe(ref.size);
    for (let i = 0; i < c.nRows; i++) {
      const k = Array.from(c.indices.subarray(c.offsets[i], c.offsets[i + 1])).join(",");
      expect([c.won[i], c.lost[i]]).toEqual(ref.get(k));
    }
  });
});
