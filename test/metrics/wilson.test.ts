import { describe, expect, it } from "vitest";
import { wilson } from "../../lib/metrics/wilson.js";

describe("wilson", () => {
  it("gives the METHODS.md §6 check values", () => {
    const a = wilson(0, 10);
    expect(a[0]).toBe(0);
    expect(a[1]).toBeCloseTo(0.2775, 4);
    const b = wilson(5, 10);
    expect(b[0]).toBeCloseTo(0.2366, 4);
    expect(b[1]).toBeCloseTo(0.7634, 4);
  });

  it("matches Newcombe (1998), Stat Med 17:857, Table I, method 3 (Wilson score)", () => {
    const table: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [29, 29, 0.883, 1],
    ];
    for (const [x, n, lo, hi] of table) {
      const [l, h] = wilson(x, n);
      expect(l).toBeCloseTo(lo, 4);
      expect(h).toBeCloseTo(hi, 4);
    }
  });

  it("stays inside [0, 1], contains p̂, and narrows with n", () => {
    expect(wilson(29, 29)[1]).toBe(1);
    const [l, h] = wilson(30, 100);
    expect(l).toBeLessThan(0.3);
    expect(h).toBeGreaterThan(0.3);
    const [l2, h2] = wilson(300, 1000);
    expect(h2 - l2).toBeLessThan(h - l);
  });

  it("uses z: z = 2.576 is wider than the default", () => {
    const [l, h] = wilson(5, 10, 2.576);
    expect(h - l).toBeGreaterThan(0.7634 - 0.2366);
  });

  it("throws for n = 0 or x outside [0, n]", () => {
    expect(() => wilson(0, 0)).toThrow(/wilson: n must be a positive number of leads; received 0/);
    expect(() => wilson(11, 10)).toThrow(/wilson: x must be between 0 and n = 10; received 11/);
  });
});
