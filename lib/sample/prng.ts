/**
 * The sample generator's only source of randomness: mulberry32, a 32-bit
 * seeded PRNG (Tommy Ettinger's public-domain generator), plus a splitmix32
 * style mixer that derives an independent stream per lead from (seed, index).
 *
 * Never Math.random, never the clock: the same seed gives the same numbers on
 * every run and every JavaScript engine (only integer arithmetic is used here).
 */

/** A stream of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: returns a generator of uniforms in [0, 1) with 2^-32 resolution,
 * period 2^32. Example: `mulberry32(1)()` → 0.6270739405881613.
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

/**
 * Mixes integers into one 32-bit seed (splitmix32 finaliser applied after each
 * part), so that nearby inputs such as (seed, 1) and (seed, 2) give unrelated
 * streams. Example: `mixSeed(1, 2) !== mixSeed(2, 1)`.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = (h + Math.imul((p >>> 0) ^ 0x85ebca6b, 0x9e3779b9)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
    h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
    h = (h ^ (h >>> 15)) >>> 0;
  }
  return h;
}

/** A new stream for one purpose (e.g. one lead): `streamFor(seed, leadIndex)`. */
export function streamFor(...parts: number[]): Rng {
  return mulberry32(mixSeed(...parts));
}
