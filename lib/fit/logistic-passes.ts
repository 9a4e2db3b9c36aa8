/**
 * fitLogistic's arithmetic over the rows: the summed weighted log loss with its
 * gradient, and the same with the Hessian (XᵀWX, off-diagonal pairs from every
 * `stride`-th row only). Rows are CSR in parameter positions (logistic-layout.ts).
 */

/** Fitted probabilities within this of 0 or 1 count as extreme (the fitted-extreme warning). */
export const EXTREME_P = 1e-8;

/*
 * The two passes over the rows (top-level functions over typed arrays, so the
 * engine compiles one tight loop each): gradient and objective, and the same
 * with the Hessian. stats ← [log loss, extreme weight]. grad and hess come
 * zeroed; grad[0] and hess[0] are the intercept's entries.
 */
export function passGradient(nRows: number, rOff: Int32Array, rIdx: Int32Array, won: Float64Array, lost: Float64Array, th: Float64Array, grad: Float64Array, stats: Float64Array): void {
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

export function passHessian(nRows: number, rOff: Int32Array, rIdx: Int32Array, won: Float64Array, lost: Float64Array, th: Float64Array, grad: Float64Array, hess: Float64Array, P: number, stride: number, stats: Float64Array): void {
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
