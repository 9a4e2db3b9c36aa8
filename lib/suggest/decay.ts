/**
 * A decay half-life per activity type, fitted by profiling the likelihood.
 *
 * For a half-life h, a lead's decayed activity is x_h = Σ 2^(−age/h) over its
 * activities of the type in the window (age in days before the scoring date).
 * The model logit p = offset + a + Σ_b γ_b·[count band b] + β·x_h is fitted by
 * Newton (unpenalised, a handful of parameters) for each h on a geometric grid;
 * `offset` carries the rest of the model (the other columns), the count bands
 * of the type absorb how many activities there were, so β·x_h measures what
 * their timing adds. The estimate is the grid maximum refined by a parabola
 * through its neighbours (in log h); the 95 % interval is where the profile
 * deviance 2(ℓ̂ − ℓ(h)) stays ≤ 3.84 (χ²₁), interpolated linearly in log h
 * between grid points, open-ended (null) when it reaches the end of the grid.
 *
 * Recovery on the sample (generator: 7 d pricing_page, 10 d web_visit; test/suggest/from-data-sample.test.ts,
 * bench/from-data.ts parts "sample" and "halflife"): 5.6 d [4.2, 7.8] and 10.4 d [8.0, 14.0] on its 14,234
 * training leads; generator seeds 43–47 give 5.8–11.5 d and 9.7–13.5 d (8 of 10 within ±30 %; seed 47 gives
 * 11.5 and 13.5 d). The functional form agrees
 * with the generator's (β·Σ 2^(−age/h), age in days before created_at + 30 d, the same 30-day window).
 * Before 2026-12-06 the generator drew every activity time from an exponential with a 7-day mean after
 * creation, so most views sat 16–30 days before the scoring date where 2^(−age/h) hardly varies: the
 * half-life was then weakly identified (sample: pricing_page 4.0 d [1.4, 9.5], webinar 5.4 d [2.7, 22.2];
 * with the exact generator logit as offset the same spread across seeds, 2.3–7.3 d). The generator now
 * draws the two recency types' times uniformly over the window, which identifies h (checked with the
 * exact logit as offset: 6.6–9.2 d at 24,000 leads over 5 seeds before the pipeline was run).
 * A confounder to know of when reading a real fit: an activity that stops at some event (email clicks
 * stop at an unsubscribe) looks "older" for leads with that event; when the event itself is not in the
 * model, its effect shows up as a short half-life.
 * One real fault was found on the way and fixed: Newton without step halving diverged on a
 * near-separated grid point (below).
 */

export interface HalfLifeFit {
  /** Estimated half-life in days. */
  halfLife: number;
  lo: number | null;
  hi: number | null;
  /** β at the estimate (logit per unit of decayed count). */
  beta: number;
  /** 2(ℓ(ĥ) − ℓ(no timing term)): the likelihood-ratio statistic of the timing term. */
  lrt: number;
  /** The profile: grid half-lives and log-likelihoods. */
  grid: number[];
  logLik: number[];
}

export interface HalfLifeOptions {
  /** Grid from `min` to `max` days, `points` geometric steps (defaults 1, 180, 25). */
  min?: number;
  max?: number;
  points?: number;
}

/**
 * Unpenalised logistic fit of dense features (rows × p, row-major) with an offset; returns the log-likelihood and coefficients.
 * Newton with step halving: a step that lowers the log-likelihood is halved (up to 30 times) before the
 * next one. Without it a plain Newton step could overshoot where the decayed count is non-zero for a
 * handful of leads only (short half-lives on a rare activity: near-separation) and land on a far worse
 * likelihood, which the profile then read as a deep dip (seen on the sample's webinars at h = 1 day:
 * β −111, a "likelihood-ratio" of −309).
 */
export function denseLogistic(x: Float64Array, p: number, y: ArrayLike<number>, offset: ArrayLike<number>, rows: ArrayLike<number>, ridge = 1e-6, init?: ArrayLike<number>): { logLik: number; coef: Float64Array } {
  const n = rows.length;
  const coef = new Float64Array(p);
  if (init) for (let j = 0; j < p; j++) coef[j] = init[j] ?? 0;
  let ll = -Infinity;
  let prev: Float64Array = Float64Array.from(coef);
  let lastStep: Float64Array = new Float64Array(p);
  let halvings = 0;
  for (let iter = 0; iter < 80; iter++) {
    const g = new Float64Array(p);
    const H = new Float64Array(p * p);
    let cur = 0;
    for (let t = 0; t < n; t++) {
      const i = rows[t];
      let eta = offset[i];
      for (let j = 0; j < p; j++) eta += coef[j] * x[t * p + j];
      const pr = 1 / (1 + Math.exp(-eta));
      cur += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
      const w = pr * (1 - pr);
      const r = y[i] - pr;
      for (let j = 0; j < p; j++) {
        const xj = x[t * p + j];
        if (xj === 0) continue;
        g[j] += r * xj;
        for (let k = 0; k <= j; k++) H[j * p + k] += w * xj * x[t * p + k];
      }
    }
    // the ridge term of the objective (it is what the Newton step maximises)
    let pen = 0;
    for (let j = 0; j < p; j++) pen += 0.5 * ridge * n * coef[j] * coef[j];
    const obj = cur - pen;
    if (!(obj >= ll - 1e-9 * (1 + Math.abs(ll))) && halvings < 30) {
      // the last step went downhill (or to NaN): go back and take half of it
      halvings++;
      for (let j = 0; j < p; j++) (lastStep[j] *= 0.5), (coef[j] = prev[j] + lastStep[j]);
      continue;
    }
    halvings = 0;
    for (let j = 0; j < p; j++) {
      g[j] -= ridge * n * coef[j];
      H[j * p + j] += ridge * n;
      for (let k = 0; k < j; k++) H[k * p + j] = H[j * p + k];
    }
    const step = solve(H, g, p);
    let maxStep = 0;
    for (let j = 0; j < p; j++) maxStep = Math.max(maxStep, Math.abs(step[j]));
    if (Math.abs(obj - ll) < 1e-7 * (1 + Math.abs(obj)) && maxStep < 1e-5) return { logLik: cur, coef };
    ll = obj;
    prev = Float64Array.from(coef);
    lastStep = step;
    for (let j = 0; j < p; j++) coef[j] += step[j];
  }
  return { logLik: likelihood(x, p, y, offset, rows, coef), coef };
}

function likelihood(x: Float64Array, p: number, y: ArrayLike<number>, offset: ArrayLike<number>, rows: ArrayLike<number>, coef: Float64Array): number {
  let ll = 0;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    let eta = offset[i];
    for (let j = 0; j < p; j++) eta += coef[j] * x[t * p + j];
    ll += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
  }
  return ll;
}

function solve(A: Float64Array, b: Float64Array, p: number): Float64Array {
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(M[r * p + c]) > Math.abs(M[piv * p + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < p; k++) [M[c * p + k], M[piv * p + k]] = [M[piv * p + k], M[c * p + k]];
      [x[c], x[piv]] = [x[piv], x[c]];
    }
    const d = M[c * p + c] || 1e-12;
    for (let r = c + 1; r < p; r++) {
      const f = M[r * p + c] / d;
      if (f === 0) continue;
      for (let k = c; k < p; k++) M[r * p + k] -= f * M[c * p + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < p; k++) s -= M[c * p + k] * x[k];
    x[c] = s / (M[c * p + c] || 1e-12);
  }
  return x;
}

/**
 * Profiles the half-life of one activity type.
 * @param offsets, ages  the type's activities (CSR over all leads, ages in days)
 * @param countBand      the lead's count band (band 0 = reference), nBands bands
 * @param offset         the logit of the rest of the model, per lead
 * @param rows           the leads to fit on (training leads)
 */
export function fitHalfLife(offsets: Int32Array, ages: Float32Array, countBand: Uint8Array, nBands: number, labels: ArrayLike<number>, offset: ArrayLike<number>, rows: ArrayLike<number>, options: HalfLifeOptions = {}): HalfLifeFit {
  const lo = options.min ?? 1;
  const hi = options.max ?? 180;
  const points = options.points ?? 25;
  const grid = Array.from({ length: points }, (_, k) => lo * (hi / lo) ** (k / (points - 1)));
  const p = nBands + 1; // intercept, bands 1 … nBands−1, x_h
  const n = rows.length;
  // columns: intercept, count bands 1 … nBands−1, x_h (0 for the fit without timing)
  const xh = new Float64Array(n * p);
  for (let t = 0; t < n; t++) {
    xh[t * p] = 1;
    const b = countBand[rows[t]];
    if (b > 0) xh[t * p + b] = 1;
  }
  const baseFit = denseLogistic(xh, p, labels, offset, rows);
  const base = baseFit.logLik;
  let start: ArrayLike<number> = baseFit.coef;
  const logLik: number[] = [];
  const betas: number[] = [];
  for (const h of grid) {
    for (let t = 0; t < n; t++) {
      const i = rows[t];
      let s = 0;
      for (let e = offsets[i]; e < offsets[i + 1]; e++) s += 2 ** (-ages[e] / h);
      xh[t * p + p - 1] = s;
    }
    const f = denseLogistic(xh, p, labels, offset, rows, 1e-6, start);
    start = f.coef;
    logLik.push(f.logLik);
    betas.push(f.coef[p - 1]);
  }
  let k = 0;
  for (let j = 1; j < grid.length; j++) if (logLik[j] > logLik[k]) k = j;
  let logH = Math.log(grid[k]);
  let top = logLik[k];
  if (k > 0 && k < grid.length - 1) {
    const [a, b, c] = [logLik[k - 1], logLik[k], logLik[k + 1]];
    const d = Math.log(grid[k + 1]) - Math.log(grid[k]);
    const denom = a - 2 * b + c;
    if (denom < 0) {
      const shift = (0.5 * (a - c)) / denom;
      logH += shift * d;
      top = b - 0.25 * (a - c) * shift;
    }
  }
  const crit = 3.841458820694124 / 2;
  const cross = (from: number, dir: -1 | 1): number | null => {
    for (let j = from; j + dir >= 0 && j + dir < grid.length; j += dir) {
      const l0 = top - logLik[j];
      const l1 = top - logLik[j + dir];
      if (l1 > crit) {
        const f = Math.min(1, Math.max(0, (crit - l0) / (l1 - l0)));
        return Math.exp(Math.log(grid[j]) + f * (Math.log(grid[j + dir]) - Math.log(grid[j])));
      }
    }
    return null;
  };
  return { halfLife: Math.exp(logH), lo: k === 0 ? null : cross(k, -1), hi: k === grid.length - 1 ? null : cross(k, 1), beta: betas[k], lrt: 2 * (top - base), grid, logLik };
}
