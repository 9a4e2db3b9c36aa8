/**
 * The sample generator's only source of randomness: mulberry32 (lib/prng.ts),
 * plus a splitmix32
 * style mixer that derives an independent stream per lead from (seed, index).
 *
 * Never Math.random, never the clock: the same seed gives the same numbers on
 * every run and every JavaScript engine (only integer arithmetic is used here).
 */

import { mulberry32, type Rng } from "../prng.js";

export type { Rng };

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
