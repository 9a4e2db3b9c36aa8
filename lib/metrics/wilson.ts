import type { Interval } from "./types.js";
import { fail } from "./validate.js";

/**
 * Wilson score interval for a win rate, x wins out of n leads:
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), p̂ = x/n.
 * Unlike the normal (Wald) interval it stays inside [0, 1] and is sensible
 * at 0 or n wins; the result is clamped to [0, 1] against rounding.
 *
 * Convention: z = 1.96 by default (METHODS.md §6), not Φ⁻¹(0.975).
 *
 * @throws when n ≤ 0, x is outside [0, n], or z ≤ 0 (or any is not finite).
 * @example wilson(5, 10) // [0.2366…, 0.7633…]
 */
export function wilson(x: number, n: number, z = 1.96): Interval {
  if (!(Number.isFinite(n) && n > 0)) fail("wilson", `n must be a positive number of leads; received ${n}.`);
  if (!(Number.isFinite(x) && x >= 0 && x <= n)) fail("wilson", `x must be between 0 and n = ${n}; received ${x}.`);
  if (!(Number.isFinite(z) && z > 0)) fail("wilson", `z must be positive; received ${z}.`);
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return [Math.max(0, (centre - half) / denom), Math.min(1, (centre + half) / denom)];
}
