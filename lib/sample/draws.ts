/**
 * Draws from the distributions the sample generator needs, each built on an
 * `Rng` (uniforms in [0, 1)). All take the stream as first argument, so the
 * order of calls alone fixes the output.
 */
import type { Rng } from "./prng.js";

/** True with probability p. */
export function bernoulli(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Uniform number in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Standard normal by Box–Muller (one value per call, two uniforms). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  const u = 1 - rng(); // (0, 1], keeps log finite
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Poisson count with mean `lambda`: Knuth's product method below 30, a rounded
 * normal approximation above (never needed by the default settings).
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda >= 30) return Math.max(0, Math.round(normal(rng, lambda, Math.sqrt(lambda))));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

/**
 * Exponential with the given mean, truncated to [0, max) by inversion:
 * x = −mean·ln(1 − u·(1 − e^(−max/mean))).
 */
export function truncatedExponential(rng: Rng, mean: number, max: number): number {
  const x = -mean * Math.log(1 - rng() * (1 - Math.exp(-max / mean)));
  return Math.min(x, max * (1 - 1e-9));
}

/** Exponential with the given mean (unbounded). */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

/**
 * Picks one key of `weights` with probability proportional to its weight,
 * in the object's key order (so the result is deterministic).
 */
export function weighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const keys = Object.keys(weights) as K[];
  let total = 0;
  for (const k of keys) total += weights[k];
  let x = rng() * total;
  for (const k of keys) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return keys[keys.length - 1];
}
