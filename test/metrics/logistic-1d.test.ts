import { describe, expect, it } from "vitest";
import { fitLogistic1d, sigmoid } from "../../lib/metrics/logistic-1d.js";

const f = (a: number[]) => Float64Array.from(a);

describe("fitLogistic1d (internal)", () => {
  it("fits grouped data exactly when saturated: logit(1/4) at x = 0, logit(3/4) at x = 2", () => {
    const r = fitLogistic1d(f([0, 2]), f([1, 3]), f([3, 1]));
    expect(r.converged).toBe(true);
    expect(r.a).toBeCloseTo(-Math.log(3), 12);
    expect(r.b).toBeCloseTo(Math.log(3), 12);
  });

  it("with a fixed slope fits only the intercept: Σ won = Σ n·σ(a + x)", () => {
    const x = f([-1, 0, 1]);
    const won = f([1, 2, 3]);
    const lost = f([4, 3, 2]);
    const r = fitLogistic1d(x, won, lost, { fixedSlope: 1 });
    expect(r.b).toBe(1);
    const expected = [0, 1, 2].reduce((t, k) => t + (won[k] + lost[k]) * sigmoid(r.a + x[k]), 0);
    expect(expected).toBeCloseTo(6, 10);
  });

  it("does not converge under perfect separation", () => {
    expect(fitLogistic1d(f([0, 1]), f([0, 5]), f([5, 0])).converged).toBe(false);
  });

  it("sigmoid is stable at the extremes", () => {
    expect([sigmoid(-800), sigmoid(0), sigmoid(800)]).toEqual([0, 0.5, 1]);
  });
});
