/**
 * fitLogistic's solver: damped Newton steps (Cholesky solve, Armijo
 * backtracking, so the objective never rises), or chord steps with a reused
 * Hessian factor that fall back to Newton when progress is slow. A Hessian
 * that does not factor gets a growing ridge (reported as ill-conditioned).
 */
import { choleskyFactor, choleskySolve } from "./cholesky.js";

/** The objective at one θ: value, log loss, gradient, and the Hessian when asked (else empty). */
export interface Pass {
  objective: number;
  logLoss: number;
  grad: Float64Array;
  hess: Float64Array;
  extremeWeight: number;
}

export type Objective = (theta: Float64Array, withHessian: boolean) => Pass;

export interface MinimiseOptions {
  /** a Cholesky factor to take chord steps with (P × P), instead of a Hessian per step */
  reuse?: Float64Array;
  maxIter: number;
  /** max |step| ≤ tol·(1 + max |θ|) or ‖gradient‖∞ ≤ tol·max(1, totalWeight) */
  tol: number;
  totalWeight: number;
}

export interface Minimum {
  theta: Float64Array;
  /** the objective at theta */
  last: Pass;
  iterations: number;
  converged: boolean;
  /** ‖gradient‖∞ at theta */
  gradientNorm: number;
  /** (max L_ii / min L_ii)² of the last factor */
  conditionEstimate: number;
  /** whether a ridge had to be added to factor a Hessian */
  ridgeAdded: boolean;
  /** the last Cholesky factor (undefined when none was computed nor reused) */
  factor: Float64Array | undefined;
}

const gInf = (g: Float64Array) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Minimises `evaluate` over P parameters from `start` (which it does not modify). */
export function minimise(evaluate: Objective, start: Float64Array, P: number, options: MinimiseOptions): Minimum {
  const { reuse, maxIter, tol } = options;
  let theta = start;
  let newton = !reuse; // false: chord steps with the reused factor
  let cur = evaluate(theta, newton);
  let converged = false;
  let iterations = 0;
  let conditionEstimate = 1;
  let ridgeAdded = false;
  let factor: Float64Array | undefined = reuse;
  const factorise = (hess: Float64Array): Float64Array => {
    let fac = choleskyFactor(hess, P);
    let ridge = 0;
    let maxDiag = 0;
    for (let q = 0; q < P; q++) maxDiag = Math.max(maxDiag, hess[q * P + q]);
    while (!fac) {
      ridge = ridge === 0 ? 1e-10 * Math.max(maxDiag, 1) : ridge * 100;
      ridgeAdded = true;
      const h = Float64Array.from(hess);
      for (let q = 0; q < P; q++) h[q * P + q] += ridge;
      fac = choleskyFactor(h, P);
    }
    conditionEstimate = fac.conditionEstimate;
    return fac.l;
  };
  const gradTol = tol * Math.max(1, options.totalWeight);
  while (iterations < maxIter) {
    const g0 = gInf(cur.grad);
    if (g0 <= gradTol) {
      converged = true;
      break;
    }
    iterations++;
    if (newton) factor = factorise(cur.hess);
    const dir = choleskySolve(factor as Float64Array, P, cur.grad);
    let slope = 0;
    for (let q = 0; q < P; q++) slope += cur.grad[q] * dir[q];
    let t = 1;
    let next: Pass;
    let trial: Float64Array;
    for (;;) {
      trial = new Float64Array(P) as Float64Array;
      for (let q = 0; q < P; q++) trial[q] = theta[q] - t * dir[q];
      next = evaluate(trial, newton);
      // the 1e-13 relative slack absorbs rounding in the summed loss near the optimum
      if (next.objective <= cur.objective - 1e-4 * t * slope + 1e-13 * Math.abs(cur.objective) || t < 1e-10) break;
      t *= 0.5;
    }
    let stepMax = 0;
    let thetaMax = 0;
    for (let q = 0; q < P; q++) {
      stepMax = Math.max(stepMax, Math.abs(trial[q] - theta[q]));
      thetaMax = Math.max(thetaMax, Math.abs(trial[q]));
    }
    const stalled = next.objective > cur.objective + 1e-13 * Math.abs(cur.objective); // backtracking exhausted: keep the old point
    if (!stalled) {
      theta = trial;
      cur = next;
    }
    if (stalled && !newton) {
      // the reused factor is too far from this data's Hessian: switch to Newton
      newton = true;
      cur = evaluate(theta, true);
      continue;
    }
    if (stalled || stepMax <= tol * (1 + thetaMax)) {
      converged = !stalled || gInf(cur.grad) <= Math.sqrt(gradTol);
      break;
    }
    if (!newton && gInf(cur.grad) > 0.25 * g0) {
      newton = true;
      cur = evaluate(theta, true);
    }
  }
  if (newton && cur.hess[0] > 0) factor = factorise(cur.hess);
  return { theta, last: cur, iterations, converged, gradientNorm: gInf(cur.grad), conditionEstimate, ridgeAdded, factor };
}
