import { designFromCsr, type Design } from "../../lib/fit/design.js";
import { testRng } from "./fixture.js";

/**
 * Seeded synthetic leads: criterion j is met with probability rates[j]; the
 * outcome follows a logistic model with the given intercept and coefficients.
 */
export function syntheticDesign(n: number, rates: readonly number[], beta: readonly number[], intercept: number, seed: number): Design {
  const rng = testRng(seed);
  const offsets = new Int32Array(n + 1);
  const idx: number[] = [];
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    let eta = intercept;
    for (let j = 0; j < rates.length; j++)
      if (rng() < rates[j]) {
        idx.push(j);
        eta += beta[j];
      }
    offsets[r + 1] = idx.length;
    y[r] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return designFromCsr(offsets, Int32Array.from(idx), y, rates.length);
}

/** 20,000 leads × 10 criteria used by the points and bootstrap tests. */
export const TEN = {
  rates: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.3, 0.2],
  beta: [1.3, 0.9, -0.7, 0.6, 0.45, -0.35, 0.3, 0.2, 0.12, 0.0],
  intercept: -1.6,
};
