import { normalCdf } from "../metrics/index.js";
import { fail } from "./validate.js";

export interface TwoProportionZ {
  /** x1/n1 − x2/n2 */
  difference: number;
  /** (p1 − p2) / √(p̂(1 − p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2)/(n1 + n2); 0 when p̂ is 0 or 1. */
  z: number;
  /** Two-sided p-value 2·(1 − Φ(|z|)); 1 when p̂ is 0 or 1. */
  p: number;
}

/**
 * Two-proportion z-test with the pooled variance, two-sided, no continuity
 * correction: z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ = (x₁ + x₂)/(n₁ + n₂),
 * p = 2·(1 − Φ(|z|)).
 *
 * Convention: equals statsmodels `proportions_ztest` (default pooled
 * variance) and R `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)`
 * (whose X² = z²); scipy `chi2_contingency(correction=False)` gives the same
 * p. When both samples are all 0 or all 1 there is nothing to test: z = 0,
 * p = 1.
 *
 * @throws when n1 or n2 is not a positive integer or x is outside [0, n].
 * @example twoProportionZ(30, 100, 15, 100).p // 0.011085… (z = 2.5400)
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TwoProportionZ {
  const fn = "twoProportionZ";
  for (const [x, n, k] of [[x1, n1, 1], [x2, n2, 2]]) {
    if (!(Number.isInteger(n) && n > 0)) fail(fn, `n${k} must be a positive integer; received ${n}. Test only groups that have leads.`);
    if (!(Number.isInteger(x) && x >= 0 && x <= n)) fail(fn, `x${k} must be an integer count in [0, n${k} = ${n}]; received ${x}.`);
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { difference: p1 - p2, z: 0, p: 1 };
  const z = (p1 - p2) / Math.sqrt(variance);
  return { difference: p1 - p2, z, p: 2 * normalCdf(-Math.abs(z)) };
}
