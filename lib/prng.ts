/**
 * The one seeded random-number generator of the code base (sample data,
 * bootstraps, cross-validation folds, random splits, benchmarks): never
 * Math.random, never the clock, so the same seed gives the same numbers on
 * every run and every JavaScript engine (only integer arithmetic is used).
 */

/** A stream of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 (Tommy Ettinger's public-domain generator): a 32-bit-state
 * generator of uniforms in [0, 1) with 2^-32 resolution, period 2^32.
 *
 * @example mulberry32(1)() // 0.6270739405881613
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
