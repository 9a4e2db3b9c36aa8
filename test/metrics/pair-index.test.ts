import { describe, expect, it } from "vitest";
import { PairIndex } from "../../lib/metrics/pair-index.js";
import { mulberry32 } from "../../lib/prng.js";

describe("PairIndex (internal)", () => {
  it("groups pairs as a Map of Maps would, in order of first appearance", () => {
    const rng = mulberry32(5);
    const ix = new PairIndex(4);
    const map = new Map<number, Map<number, number>>();
    let n = 0;
    for (let i = 0; i < 30_000; i++) {
      const a = Math.floor(rng() * 12), b = Math.floor(rng() * 400) / 3;
      let m = map.get(a);
      if (!m) map.set(a, (m = new Map()));
      if (!m.has(b)) m.set(b, n++);
      const p = ix.add(a, b);
      expect(p).toBe(m.get(b));
      expect([ix.first[p], ix.second[p]]).toEqual([a, b]);
    }
    expect(ix.size).toBe(n);
    expect(ix.add(-0, 0)).toBe(ix.add(0, -0));
  });
});
