/**
 * Internal: maximum-likelihood logistic regression on one variable,
 * logit P(y = 1 | x) = a + b·x, on grouped data (distinct x with the weight
 * of won and lost rows at each), by Newton's method with step halving.
 * x is standardised internally (mean 0, sd 1 under the row weights) so that
 * scorecard points in the hundreds converge as fast as probabilities; the
 * coefficients are transformed back. No penalty.
 *
 * With `fixedSlope`, b is held at that value and only a is fitted (the
 * offset model used for calibration-in-the-large).
 *
 * Non-convergence (perfect separation: the likelihood keeps rising as |b|
 * grows; or a singular Hessian) is reported through `converged: false`, not
 * thrown; the last iterate is returned.
 */
export interface Logistic1dFit {
  a: number;
  b: number;
  converged: boolean;
  iterations: number;
}

export interface Logistic1dOptions {
  fixedSlope?: number;
  maxIterations?: number;
  /** Converged when the largest Newton step (standardised scale) is below this. */
  tolerance?: number;
}

export function fitLogistic1d(x: Float64Array, won: Float64Array, lost: Float64Array, options: Logistic1dOptions = {}): Logistic1dFit {
  const { fixedSlope, maxIterations = 100, tolerance = 1e-10 } = options;
  const d = x.length;
  let total = 0;
  let totalWon = 0;
  let mean = 0;
  for (let k = 0; k < d; k++) {
    const nk = won[k] + lost[k];
    total += nk;
    totalWon += won[k];
    mean += nk * x[k];
  }
  mean /= total;
  let ss = 0;
  for (let k = 0; k < d; k++) ss += (won[k] + lost[k]) * (x[k] - mean) ** 2;
  const sd = Math.sqrt(ss / total);
  const fitSlope = fixedSlope === undefined && sd > 0;
  const scale = sd > 0 ? sd : 1;
  const z = new Float64Array(d);
  for (let k = 0; k < d; k++) z[k] = (x[k] - mean) / scale;
  // η_k = alpha + beta·z_k; a fixed slope b becomes beta = b·sd (offset)
  // start at the base rate: alpha = logit(ȳ), beta = 0 (or the fixed slope)
  let alpha = Math.log(totalWon / (total - totalWon));
  let beta = fixedSlope === undefined ? 0 : fixedSlope * scale;

  // One pass per point gives the log-likelihood with the gradient and Hessian there: the point a step
  // is tried at is, once accepted, where the next step starts, so each iteration is one pass.
  let at = evaluateAt(alpha, beta, z, won, lost);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { g0, g1, h00, h01, h11 } = at;
    let s0: number;
    let s1 = 0;
    if (fitSlope) {
      const det = h00 * h11 - h01 * h01;
      if (!(det > 1e-300)) break;
      s0 = (h11 * g0 - h01 * g1) / det;
      s1 = (h00 * g1 - h01 * g0) / det;
    } else {
      if (!(h00 > 1e-300)) break;
      s0 = g0 / h00;
    }
    const ll = at.ll;
    let t = 1;
    let next = evaluateAt(alpha + s0, beta + s1, z, won, lost);
    while (next.ll < ll - 1e-12 * Math.abs(ll) && t > 1e-10) {
      t /= 2;
      next = evaluateAt(alpha + t * s0, beta + t * s1, z, won, lost);
    }
    alpha += t * s0;
    beta += t * s1;
    at = next;
    if (Math.max(Math.abs(t * s0), Math.abs(t * s1)) < tolerance) {
      converged = true;
      break;
    }
  }
  const b = fitSlope ? beta / scale : (fixedSlope ?? 0);
  const a = alpha - b * mean;
  return { a, b, converged, iterations };
}

export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

interface AtPoint {
  ll: number;
  g0: number;
  g1: number;
  h00: number;
  h01: number;
  h11: number;
}

/**
 * The log-likelihood at η_k = alpha + beta·z_k, with its gradient and
 * Hessian, in one pass and one exponential per row: with e = exp(−|η|),
 * σ(η) is 1/(1 + e) or e/(1 + e) (as `sigmoid`), and ln(1 + e^∓η) is
 * ln(1 + e) plus ∓η when that is positive (softplus without overflow).
 */
function evaluateAt(alpha: number, beta: number, z: Float64Array, won: Float64Array, lost: Float64Array): AtPoint {
  let ll = 0;
  let g0 = 0;
  let g1 = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  for (let k = 0; k < z.length; k++) {
    const eta = alpha + beta * z[k];
    const e = Math.exp(-Math.abs(eta));
    const l = Math.log1p(e);
    if (won[k] > 0) ll -= won[k] * (eta < 0 ? -eta + l : l);
    if (lost[k] > 0) ll -= lost[k] * (eta > 0 ? eta + l : l);
    const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const nk = won[k] + lost[k];
    const r = won[k] - nk * p;
    const w = nk * p * (1 - p);
    g0 += r;
    g1 += r * z[k];
    h00 += w;
    h01 += w * z[k];
    h11 += w * z[k] * z[k];
  }
  return { ll, g0, g1, h00, h01, h11 };
}
