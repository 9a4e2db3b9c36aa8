/**
 * Seeded random numbers for reproducible bootstraps (no Math.random anywhere
 * in the fitting code). The generator itself is lib/prng.ts mulberry32.
 */

/**
 * One Poisson(mean) draw. Convention: multiplication of uniforms (Knuth) for
 * mean < 10, Hörmann's transformed rejection with squeeze (PTRS, 1993) above.
 *
 * @throws when mean is negative or not finite.
 * @example poisson(mulberry32(1), 0) // 0
 */
export function poisson(rng: () => number, mean: number): number {
  if (!(mean >= 0 && Number.isFinite(mean)))
    throw new Error(`poisson: mean must be finite and ≥ 0; received ${mean}. Pass a count or weight.`);
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Number.isInteger(mean) ? EXP_NEG[mean] : Math.exp(-mean);
    let k = 0;
    let prod = rng();
    while (prod > limit) {
      k++;
      prod *= rng();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logLam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logGamma(k + 1)) return k;
  }
}

const EXP_NEG = Array.from({ length: 10 }, (_, k) => Math.exp(-k));

/** ln Γ(x) for x ≥ 1 (Stirling series with shift; error < 1e-12). */
function logGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  return (
    shift +
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) +
    (1 / x) * (1 / 12 - x2 * (1 / 360 - x2 * (1 / 1260 - x2 / 1680)))
  );
}
