import type { BinomialRows } from "./design.js";
import { choleskyFactor, choleskySolve } from "./cholesky.js";

export interface LogisticOptions {
  /** inverse penalty strength, λ = 1/C on the summed log loss (default 1; Infinity = no penalty) */
  readonly C?: number;
  /** prior mean per criterion (default 0): penalty (λ/2)·Σ(β_j − priorMean_j)² */
  readonly priorMean?: ArrayLike<number>;
  /** criteria to fit (truthy = fit); the others are held at β = 0 and ignored */
  readonly include?: ArrayLike<number | boolean>;
  /** warm start (intercept and one coefficient per criterion) */
  readonly init?: { readonly intercept: number; readonly coef: ArrayLike<number> };
  /** maximum Newton iterations (default 100) */
  readonly maxIter?: number;
  /**
   * chord steps with this fit's final Hessian (same include mask) instead of a new
   * Hessian per step; falls back to Newton when progress is slow. For refits of
   * perturbed data (bootstrap).
   */
  readonly reuseHessian?: Pick<LogisticFit, "hessianFactor">;
  /** off-diagonal Hessian pair budget per pass before row subsampling (default 4e6) */
  readonly hessianWork?: number;
  /** convergence: max |step| ≤ tol·(1 + max |θ|) or ‖gradient‖∞ ≤ tol·(total weight) (default 1e-9) */
  readonly tol?: number;
}

export type FitWarningCode = "not-converged" | "separation" | "fitted-extreme" | "ill-conditioned" | "empty-column";

export interface FitWarning {
  readonly code: FitWarningCode;
  readonly message: string;
  /** criteria concerned, when the warning is about particular criteria */
  readonly columns?: readonly number[];
}

export interface LogisticFit {
  readonly intercept: number;
  /** one coefficient per criterion (0 for excluded criteria) */
  readonly coef: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** summed weighted log loss + penalty at the solution */
  readonly objective: number;
  /** summed weighted log loss (nats) at the solution */
  readonly logLoss: number;
  /** ‖gradient‖∞ at the solution */
  readonly gradientNorm: number;
  /** (max L_ii / min L_ii)² of the final Hessian's Cholesky factor */
  readonly conditionEstimate: number;
  /** Cholesky factor of the last Hessian (internal parameter layout), for `reuseHessian` */
  readonly hessianFactor: Float64Array;
  readonly warnings: readonly FitWarning[];
}

/** Coefficient size (logit units, odds ×3·10⁶) beyond which a criterion is reported as separating. */
const SEPARATION_BETA = 15;
const EXTREME_P = 1e-8;
const HESSIAN_WORK = 4e6;

interface Pass {
  objective: number;
  logLoss: number;
  grad: Float64Array;
  hess: Float64Array;
  extremeWeight: number;
}

/**
 * L2-penalised logistic regression on 0/1 criterion rows by Newton / IRLS with
 * a Cholesky solve (METHODS.md §3).
 *
 * Objective (scikit-learn convention): Σ_r [won_r·ln(1 + e^(−η_r)) + lost_r·ln(1 + e^(η_r))]
 * + (λ/2)·Σ_j (β_j − m_j)², η_r = β₀ + Σ_{j active in r} β_j, λ = 1/C, m = priorMean
 * (0 by default), intercept β₀ unpenalised. Gradient Xᵀ(p − y) + λ(β − m), Hessian
 * XᵀWX + λI. Each pass costs O(Σ_r nnz_r²): the Hessian is accumulated from the
 * pairs of active criteria of every row, never from a dense leads × criteria matrix.
 * Steps are Newton steps with Armijo backtracking, so the objective never rises.
 * Large data: when Σ_r nnz_r²/2 exceeds `hessianWork` (4·10⁶ pairs, ≈ 110k rows
 * with 9 active criteria each), the fit first solves the problem on every s-th
 * row (penalty scaled by 1/s), then takes chord steps on all rows with that
 * Hessian × s: exact gradient, so the optimum is the same, at O(nnz) per step.
 * If progress stalls it returns to Newton steps whose off-diagonal Hessian
 * entries come from every s-th row (subsampled Newton, Byrd et al. 2011).
 *
 * The CSR arrays are treated as immutable: their re-expression in parameter
 * positions is cached per `indices` array (refits of reweighted rows share it).
 *
 * Warnings (never thrown): not-converged; separation (|β_j| > 15); fitted-extreme
 * (leads with p̂ within 1e-8 of 0 or 1); ill-conditioned (condition estimate > 1e12
 * or a ridge had to be added to factor the Hessian); empty-column (criterion met by
 * no lead, its coefficient is the prior mean).
 *
 * @throws when C is not positive, or priorMean / include / init have the wrong length.
 * @example fitLogistic(collapseRows(design)).coef // matches sklearn LogisticRegression(C=1).coef_
 */
export function fitLogistic(data: BinomialRows, options: LogisticOptions = {}): LogisticFit {
  const { nRows, nCols, offsets, indices, won, lost } = data;
  const C = options.C ?? 1;
  if (!(C > 0)) throw new Error(`fitLogistic: C must be > 0 (λ = 1/C); received ${C}. Use Infinity for no penalty.`);
  const lambda = 1 / C;
  const checkLen = (name: string, a: ArrayLike<unknown> | undefined) => {
    if (a && a.length !== nCols)
      throw new Error(`fitLogistic: ${name} must have one entry per criterion; received ${a.length} for ${nCols} criteria. Pass nCols values.`);
  };
  checkLen("priorMean", options.priorMean);
  checkLen("include", options.include);
  checkLen("init.coef", options.init?.coef);
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-9;

  // parameter layout: θ[0] = intercept, θ[pos[j]] = β_j for included criteria
  const pos = new Int32Array(nCols).fill(-1);
  const cols: number[] = [];
  for (let j = 0; j < nCols; j++) {
    if (!options.include || options.include[j]) {
      pos[j] = cols.length + 1;
      cols.push(j);
    }
  }
  const P = cols.length + 1;
  const prior = new Float64Array(P);
  if (options.priorMean) for (let q = 1; q < P; q++) prior[q] = options.priorMean[cols[q - 1]];
  let theta: Float64Array = new Float64Array(P);
  if (options.init) {
    theta[0] = options.init.intercept;
    for (let q = 1; q < P; q++) theta[q] = options.init.coef[cols[q - 1]];
  } else {
    let w1 = 0;
    let w0 = 0;
    for (let r = 0; r < nRows; r++) {
      w1 += won[r];
      w0 += lost[r];
    }
    theta[0] = Math.log((w1 + 0.5) / (w0 + 0.5));
    for (let q = 1; q < P; q++) theta[q] = lambda > 0 ? prior[q] : 0;
  }

  // CSR re-expressed in parameter positions (excluded criteria removed), so the
  // passes below read positions directly; cached per CSR arrays and criteria
  // set, as refits of reweighted rows (bootstrap) share them
  const { rOff, rIdx, pairWork } = positions(offsets, indices, nRows, pos);
  let totalWeight = 0;
  const colWeight = new Float64Array(P);
  for (let r = 0; r < nRows; r++) {
    const w = won[r] + lost[r];
    totalWeight += w;
    if (w !== 0) for (let k = rOff[r]; k < rOff[r + 1]; k++) colWeight[rIdx[k]] += w;
  }
  // Off-diagonal Hessian work is Σ_r nnz_r²/2; above the budget it is taken from
  // every `stride`-th row only (scaled by the stride), see the doc comment.
  const stride = Math.max(1, Math.ceil(pairWork / (options.hessianWork ?? HESSIAN_WORK)));

  const stats = new Float64Array(3);
  const evaluate = (th: Float64Array, withHessian: boolean): Pass => {
    const grad = new Float64Array(P);
    const hess = new Float64Array(withHessian ? P * P : 0);
    if (withHessian) passHessian(nRows, rOff, rIdx, won, lost, th, grad, hess, P, stride, stats);
    else passGradient(nRows, rOff, rIdx, won, lost, th, grad, stats);
    const logLoss = stats[0];
    let penalty = 0;
    for (let q = 1; q < P; q++) {
      const d = th[q] - prior[q];
      penalty += d * d;
      grad[q] += lambda * d;
      if (withHessian) hess[q * P + q] += lambda;
    }
    return { objective: logLoss + 0.5 * lambda * penalty, logLoss, grad, hess, extremeWeight: stats[1] };
  };

  // Large data without a warm start: solve on every stride-th row first (penalty
  // scaled alike), then take chord steps on all rows with that Hessian (× stride).
  let reuse = options.reuseHessian?.hessianFactor;
  if (stride > 1 && !options.init && !reuse) {
    const pre = fitLogistic(subsampleRows(data, stride), { ...options, C: C * stride, hessianWork: Infinity });
    theta[0] = pre.intercept;
    for (let q = 1; q < P; q++) theta[q] = pre.coef[cols[q - 1]];
    const sq = Math.sqrt(stride);
    reuse = pre.hessianFactor.map((v) => v * sq);
  }

  const warnings: FitWarning[] = [];
  if (reuse && reuse.length !== P * P)
    throw new Error(`fitLogistic: reuseHessian comes from a fit with another set of criteria (${Math.round(Math.sqrt(reuse.length))} parameters, here ${P}). Reuse a fit with the same include mask.`);
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
  const gradTol = tol * Math.max(1, totalWeight);
  const gInf = (g: Float64Array) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
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

  const coef = new Float64Array(nCols);
  for (let q = 1; q < P; q++) coef[cols[q - 1]] = theta[q];
  if (!converged)
    warnings.push({
      code: "not-converged",
      message: `fitLogistic: no convergence after ${iterations} Newton iterations (‖gradient‖∞ = ${gInf(cur.grad).toExponential(2)}); the coefficients are approximate. Raise maxIter, or look at the separation warnings.`,
    });
  const separating = cols.filter((j) => Math.abs(coef[j]) > SEPARATION_BETA);
  if (separating.length > 0 || Math.abs(theta[0]) > SEPARATION_BETA)
    warnings.push({
      code: "separation",
      message: `fitLogistic: coefficients beyond ±${SEPARATION_BETA} (odds ratio > 3·10⁶) suggest (quasi-)separation: some criteria decide the outcome almost alone. Check them for leakage, merge rare criteria, or use a stronger penalty (smaller C).`,
      columns: separating,
    });
  if (cur.extremeWeight > 0)
    warnings.push({
      code: "fitted-extreme",
      message: `fitLogistic: ${cur.extremeWeight} weighted leads have a fitted probability within ${EXTREME_P} of 0 or 1, a sign of separation. Check the criteria they carry for leakage.`,
    });
  if (ridgeAdded || conditionEstimate > 1e12)
    warnings.push({
      code: "ill-conditioned",
      message: `fitLogistic: the Hessian is ill-conditioned (condition estimate ${conditionEstimate.toExponential(2)}${ridgeAdded ? ", a ridge was added to factor it" : ""}): criteria are (nearly) collinear or empty. Remove duplicated criteria or use a penalty (finite C).`,
    });
  const empty = cols.filter((j) => colWeight[pos[j]] === 0);
  if (empty.length > 0)
    warnings.push({
      code: "empty-column",
      message: `fitLogistic: ${empty.length} criteria are met by no lead; their coefficients stay at the prior mean. Drop them or collect more data.`,
      columns: empty,
    });
  return {
    intercept: theta[0],
    coef,
    iterations,
    converged,
    objective: cur.objective,
    logLoss: cur.logLoss,
    gradientNorm: gInf(cur.grad),
    conditionEstimate,
    hessianFactor: factor ?? new Float64Array(0),
    warnings,
  };
}

/** Every stride-th row (CSR copied), for the large-data warm start. */
function subsampleRows(data: BinomialRows, stride: number): BinomialRows {
  const m = Math.ceil(data.nRows / stride);
  const offsets = new Int32Array(m + 1);
  const won = new Float64Array(m);
  const lost = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = i * stride;
    offsets[i + 1] = offsets[i] + data.offsets[r + 1] - data.offsets[r];
    won[i] = data.won[r];
    lost[i] = data.lost[r];
  }
  const indices = new Int32Array(offsets[m]);
  for (let i = 0; i < m; i++) {
    const r = i * stride;
    indices.set(data.indices.subarray(data.offsets[r], data.offsets[r + 1]), offsets[i]);
  }
  return { nRows: m, nCols: data.nCols, offsets, indices, won, lost };
}

/*
 * The two passes over the rows (top-level functions over typed arrays, so the
 * engine compiles one tight loop each): gradient and objective, and the same
 * with the Hessian. stats ← [log loss, extreme weight]. grad and hess come
 * zeroed; grad[0] and hess[0] are the intercept's entries.
 */
function passGradient(nRows: number, rOff: Int32Array, rIdx: Int32Array, won: Float64Array, lost: Float64Array, th: Float64Array, grad: Float64Array, stats: Float64Array): void {
  let logLoss = 0;
  let extremeWeight = 0;
  let g0 = 0;
  const th0 = th[0];
  let a1 = rOff[0];
  for (let r = 0; r < nRows; r++) {
    const a0 = a1;
    a1 = rOff[r + 1];
    const w1 = won[r];
    const w = w1 + lost[r];
    if (w === 0) continue;
    let eta = th0;
    for (let k = a0; k < a1; k++) eta += th[rIdx[k]];
    // softplus(x) = ln(1 + e^x), computed stably
    const ex = Math.exp(-Math.abs(eta));
    const sp = Math.log1p(ex);
    logLoss += w1 * (Math.max(-eta, 0) + sp) + (w - w1) * (Math.max(eta, 0) + sp);
    const p = eta >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
    if (p < EXTREME_P || p > 1 - EXTREME_P) extremeWeight += w;
    const g = w * p - w1;
    g0 += g;
    for (let k = a0; k < a1; k++) grad[rIdx[k]] += g;
  }
  grad[0] = g0;
  stats[0] = logLoss;
  stats[1] = extremeWeight;
}

function passHessian(nRows: number, rOff: Int32Array, rIdx: Int32Array, won: Float64Array, lost: Float64Array, th: Float64Array, grad: Float64Array, hess: Float64Array, P: number, stride: number, stats: Float64Array): void {
  let logLoss = 0;
  let extremeWeight = 0;
  let g0 = 0;
  let h0 = 0;
  const th0 = th[0];
  let a1 = rOff[0];
  for (let r = 0; r < nRows; r++) {
    const a0 = a1;
    a1 = rOff[r + 1];
    const w1 = won[r];
    const w = w1 + lost[r];
    if (w === 0) continue;
    let eta = th0;
    for (let k = a0; k < a1; k++) eta += th[rIdx[k]];
    const ex = Math.exp(-Math.abs(eta));
    const sp = Math.log1p(ex);
    logLoss += w1 * (Math.max(-eta, 0) + sp) + (w - w1) * (Math.max(eta, 0) + sp);
    const p = eta >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
    if (p < EXTREME_P || p > 1 - EXTREME_P) extremeWeight += w;
    const g = w * p - w1;
    g0 += g;
    const h = w * p * (1 - p);
    h0 += h;
    for (let k = a0; k < a1; k++) {
      const qa = rIdx[k];
      grad[qa] += g;
      hess[qa * P] += h;
      hess[qa * P + qa] += h;
    }
    if (r % stride !== 0) continue;
    const hs = h * stride;
    for (let k = a0 + 1; k < a1; k++) {
      const row = rIdx[k] * P;
      for (let m = a0; m < k; m++) hess[row + rIdx[m]] += hs;
    }
  }
  grad[0] = g0;
  hess[0] = h0;
  stats[0] = logLoss;
  stats[1] = extremeWeight;
}

interface Positions {
  offsets: Int32Array;
  pos: Int32Array;
  rOff: Int32Array;
  rIdx: Int32Array;
  pairWork: number;
}
const positionsCache = new WeakMap<Int32Array, Positions>();

function positions(offsets: Int32Array, indices: Int32Array, nRows: number, pos: Int32Array): Positions {
  const hit = positionsCache.get(indices);
  if (hit && hit.offsets === offsets && hit.rOff.length === nRows + 1 && hit.pos.length === pos.length && hit.pos.every((v, j) => v === pos[j])) return hit;
  const rOff = new Int32Array(nRows + 1);
  const rIdxAll = new Int32Array(indices.length);
  let pairWork = 0;
  for (let r = 0, t = 0; r < nRows; r++) {
    const start = t;
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const q = pos[indices[k]];
      if (q > 0) rIdxAll[t++] = q;
    }
    rOff[r + 1] = t;
    pairWork += ((t - start) * (t - start - 1)) / 2;
  }
  const out = { offsets, pos: Int32Array.from(pos), rOff, rIdx: rIdxAll.subarray(0, rOff[nRows]), pairWork };
  positionsCache.set(indices, out);
  return out;
}
