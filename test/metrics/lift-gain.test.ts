import { describe, expect, it } from "vitest";
import { liftGain } from "../../lib/metrics/lift-gain.js";
import { randomLeads, ties } from "./fixtures/data.js";

// numpy on the 'ties' data, per-lead formulation of the proportional tie split:
// wins(m) = Σ_i y_i · clip(m − #above_i, 0, #tied_i)/#tied_i (reference/reference_values.py)
const WINS = [12, 22.636363636363633, 30.333333333333336, 38.125, 44.8, 50.4, 53.714285714285715, 55, 55, 56];

describe("liftGain", () => {
  it("matches the numpy proportional-ties reference on the 'ties' data (heavy ties at every cut)", () => {
    const rows = liftGain(ties.scores, ties.labels);
    expect(rows).toHaveLength(10);
    rows.forEach((r, i) => {
      const m = ((i + 1) * 120) / 10;
      expect(r.depth).toBeCloseTo((i + 1) / 10, 15);
      expect(r.leads).toBeCloseTo(m, 12);
      expect(r.wins).toBeCloseTo(WINS[i], 12);
      expect(r.precision).toBeCloseTo(WINS[i] / m, 12);
      expect(r.lift).toBeCloseTo(WINS[i] / m / (56 / 120), 12);
      expect(r.gain).toBeCloseTo(WINS[i] / 56, 12);
    });
    expect(rows[0].cutScore).toBe(10); // top 12 leads: 12 of the 13 at score 10, all of which won
    expect(rows[9]).toMatchObject({ lift: 1, gain: 1, cutScore: 0 });
  });

  it("slices add up to the cumulative figures", () => {
    const rows = liftGain(ties.scores, ties.labels, { deciles: 20 });
    let wins = 0;
    for (const r of rows) {
      wins += r.sliceWins;
      expect(r.wins).toBeCloseTo(wins, 12);
      expect(r.slicePrecision).toBeCloseTo(r.sliceWins / (120 / 20), 12);
    }
  });

  it("equals the plain top-m count when there are no ties", () => {
    const { labels } = randomLeads(71, 500);
    const scores = labels.map((_, i) => (i * 7919) % 500); // a permutation of 0..499
    const rows = liftGain(scores, labels, { deciles: 5 });
    const order = scores.map((s, i) => [s, labels[i]]).sort((a, b) => b[0] - a[0]);
    rows.forEach((r, j) => {
      const top = order.slice(0, ((j + 1) * 500) / 5);
      expect(r.wins).toBe(top.reduce((t, [, y]) => t + y, 0));
    });
  });

  it("does not depend on the input order of tied leads", () => {
    const s = [5, 5, 5, 5, 1, 1];
    const a = liftGain(s, [1, 1, 0, 0, 0, 0], { deciles: 3 });
    const b = liftGain(s, [0, 0, 1, 1, 0, 0], { deciles: 3 });
    expect(a).toEqual(b);
    // top 2 of the 4 tied at 5 with 2 wins: 2·2/4 = 1 win
    expect(a[0].wins).toBe(1);
  });

  it("doc example", () => {
    expect(liftGain([4, 3, 2, 1], [1, 0, 1, 0], { deciles: 2 }).map((r) => r.lift)).toEqual([1, 1]);
  });

  it("throws without wins", () => {
    expect(() => liftGain([1, 2], [0, 0])).toThrow(/liftGain: requires at least 1 won/);
  });
});
