import { describe, expect, it } from "vitest";
import { choleskyFactor, choleskySolve } from "../../lib/fit/cholesky.js";

describe("choleskyFactor / choleskySolve", () => {
  it("factors and solves a small SPD system (worked example: [[4,2],[2,3]]·x = [8,7] → x = [1.25, 1.5])", () => {
    const f = choleskyFactor(Float64Array.of(4, 2, 2, 3), 2);
    expect(Array.from(f!.l)).toEqual([2, 0, 1, Math.SQRT2]);
    const x = choleskySolve(f!.l, 2, [8, 7]);
    expect(x[0]).toBeCloseTo(1.25, 14);
    expect(x[1]).toBeCloseTo(1.5, 14);
  });
  it("returns null for a matrix that is not positive definite", () => {
    expect(choleskyFactor(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });
  it("solves a 30 × 30 system A = BᵀB + I to 1e-10", () => {
    const n = 30;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < n; k++) s += Math.sin(k + i) * Math.sin(k + j);
        a[i * n + j] = s;
      }
    const x0 = Array.from({ length: n }, (_, i) => i - 15);
    const b = x0.map((_, i) => x0.reduce((s, v, j) => s + a[i * n + j] * v, 0));
    const x = choleskySolve(choleskyFactor(a, n)!.l, n, b);
    x0.forEach((v, i) => expect(Math.abs(x[i] - v)).toBeLessThan(1e-10));
  });
});
