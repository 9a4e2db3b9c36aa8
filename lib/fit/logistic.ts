/**
 * fitLogistic: the penalised logistic regression, in parts by job: the
 * parameter layout and rows in parameter positions (logistic-layout.ts), the
 * passes over the rows (logistic-passes.ts), the Newton / chord-step solver
 * (logistic-newton.ts) and the warnings (logistic-warnings.ts). This module
 * checks the options, starts the parameters and puts the parts together.
 */
import type { BinomialRows } from "./design.js";
import { parameterLayout, positions, subsampleRows } from "./logistic-layout.js";
import { minimise, type Objective, type Pass } from "./logistic-newton.js";
import { passGradient, passHessian } from "./logistic-passes.js";
import { fitWarnings } from "./logistic-warnings.js";

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

const HESSIAN_WORK = 4e6;

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

  const { pos, cols, P } = parameterLayout(nCols, options.include);
  const prior = new Float64Array(P);
  if (options.priorMean) for (let q = 1; q < P; q++) prior[q] = options.priorMean[cols[q - 1]];
  const theta = startingPoint(data, options, cols, P, prior, lambda);

  // CSR re-expressed in parameter positions (excluded criteria removed), so the
  // passes read positions directly; cached per CSR arrays and criteria set, as
  // refits of reweighted rows (bootstrap) share them
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

  // the penalised objective: log loss over the rows + (λ/2)·Σ(θ_q − prior_q)²
  const stats = new Float64Array(3);
  const evaluate: Objective = (th, withHessian) => {
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
    return { objective: logLoss + 0.5 * lambda * penalty, logLoss, grad, hess, extremeWeight: stats[1] } satisfies Pass;
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
  if (reuse && reuse.length !== P * P)
    throw new Error(`fitLogistic: reuseHessian comes from a fit with another set of criteria (${Math.round(Math.sqrt(reuse.length))} parameters, here ${P}). Reuse a fit with the same include mask.`);

  const solved = minimise(evaluate, theta, P, { reuse, maxIter: options.maxIter ?? 100, tol: options.tol ?? 1e-9, totalWeight });
  const coef = new Float64Array(nCols);
  for (let q = 1; q < P; q++) coef[cols[q - 1]] = solved.theta[q];
  const warnings = fitWarnings({ ...solved, coef, cols, emptyCols: cols.filter((j) => colWeight[pos[j]] === 0) });
  return {
    intercept: solved.theta[0],
    coef,
    iterations: solved.iterations,
    converged: solved.converged,
    objective: solved.last.objective,
    logLoss: solved.last.logLoss,
    gradientNorm: solved.gradientNorm,
    conditionEstimate: solved.conditionEstimate,
    hessianFactor: solved.factor ?? new Float64Array(0),
    warnings,
  };
}

/** θ at the start: the warm start, else the intercept at the log odds of the data (+½ each) and β at the prior mean (0 without a penalty). */
function startingPoint(data: BinomialRows, options: LogisticOptions, cols: number[], P: number, prior: Float64Array, lambda: number): Float64Array {
  const theta = new Float64Array(P);
  if (options.init) {
    theta[0] = options.init.intercept;
    for (let q = 1; q < P; q++) theta[q] = options.init.coef[cols[q - 1]];
    return theta;
  }
  let w1 = 0;
  let w0 = 0;
  for (let r = 0; r < data.nRows; r++) {
    w1 += data.won[r];
    w0 += data.lost[r];
  }
  theta[0] = Math.log((w1 + 0.5) / (w0 + 0.5));
  for (let q = 1; q < P; q++) theta[q] = lambda > 0 ? prior[q] : 0;
  return theta;
}
