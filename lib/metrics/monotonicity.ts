import { fail } from "./validate.js";

/** The part of a band that monotonicity reads (a {@link WinRateBand} fits). */
export interface BandRate {
  n: number;
  rate: number | null;
}

export interface MonotonicityResult {
  /** No band's rate falls below the previous non-empty band's rate. */
  monotone: boolean;
  /** Indices of the bands whose rate is lower than the previous non-empty band's. */
  violations: number[];
  /** Spearman correlation of band order with band rate (non-empty bands, mid-ranks); null when undefined. */
  spearman: number | null;
  /** Isotonic (non-decreasing) fit of the rates, weighted by n (pool adjacent violators); null for empty bands. */
  isotonic: (number | null)[];
}

/**
 * Does the win rate rise with the score? Reads bands in ascending score
 * order (as {@link winRateByBand} returns them) and flags every band whose
 * rate is strictly lower than that of the nearest non-empty band below it.
 *
 * Convention: equal rates are not a violation; empty bands are skipped.
 * The summary is Spearman's ρ between band position and rate (Pearson on
 * mid-ranks; null with fewer than two non-empty bands or constant rates),
 * and the n-weighted isotonic regression of the rates (PAV), whose gap to
 * the rates shows how much a violation matters.
 *
 * @throws when a band has a negative n, or a rate outside [0, 1] where n > 0.
 * @example monotonicity([{ n: 10, rate: 0.1 }, { n: 10, rate: 0.3 }, { n: 10, rate: 0.2 }]).violations // [2]
 */
export function monotonicity(bands: readonly BandRate[]): MonotonicityResult {
  const idx: number[] = [];
  for (let i = 0; i < bands.length; i++) {
    const { n, rate } = bands[i];
    if (!(Number.isFinite(n) && n >= 0)) fail("monotonicity", `band ${i} has n = ${n}; n must be ≥ 0.`);
    if (n === 0) continue;
    if (rate === null || !(rate >= 0 && rate <= 1)) fail("monotonicity", `band ${i} has rate ${rate}; a non-empty band needs a rate in [0, 1].`);
    idx.push(i);
  }
  const rates = idx.map((i) => bands[i].rate as number);
  const violations: number[] = [];
  for (let j = 1; j < idx.length; j++) if (rates[j] < rates[j - 1]) violations.push(idx[j]);
  const fitted = pav(rates, idx.map((i) => bands[i].n));
  const isotonic: (number | null)[] = bands.map(() => null);
  idx.forEach((i, j) => (isotonic[i] = fitted[j]));
  return { monotone: violations.length === 0, violations, spearman: spearman(rates), isotonic };
}

/** Pool adjacent violators: weighted least-squares non-decreasing fit. */
function pav(y: number[], w: number[]): number[] {
  const value: number[] = [];
  const weight: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < y.length; i++) {
    value.push(y[i]);
    weight.push(w[i]);
    size.push(1);
    while (value.length > 1 && value[value.length - 2] > value[value.length - 1]) {
      const v = value.pop() as number;
      const wt = weight.pop() as number;
      const s = size.pop() as number;
      const k = value.length - 1;
      value[k] = (value[k] * weight[k] + v * wt) / (weight[k] + wt);
      weight[k] += wt;
      size[k] += s;
    }
  }
  const out: number[] = [];
  value.forEach((v, k) => {
    for (let j = 0; j < size[k]; j++) out.push(v);
  });
  return out;
}

/** Spearman's ρ of position (1, 2, …) against y, with mid-ranks for tied y. */
function spearman(y: number[]): number | null {
  const n = y.length;
  if (n < 2) return null;
  const order = y.map((_, i) => i).sort((a, b) => y[a] - y[b]);
  const rank = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && y[order[j + 1]] === y[order[i]]) j++;
    for (let k = i; k <= j; k++) rank[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i + 1 - mean;
    const dy = rank[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
