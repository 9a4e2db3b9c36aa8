/**
 * Dense Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite
 * n × n matrix stored row-major in a Float64Array (only the lower triangle,
 * i ≥ j, is read). Meant for the p ≤ a few hundred normal equations of the
 * Newton step; O(n³/3).
 *
 * Returns the factor L (row-major, upper triangle zero) and the ratio
 * (max L_ii / min L_ii)², a cheap lower bound on the condition number that the
 * fit uses to warn about ill-conditioned Hessians. Returns `null` when a pivot
 * is not positive (matrix not positive definite to working precision).
 *
 * @example choleskyFactor(Float64Array.of(4, 2, 2, 3), 2)?.l // Float64Array [2, 0, 1, 1.4142135623730951]
 */
export function choleskyFactor(
  a: Float64Array,
  n: number,
): { l: Float64Array; conditionEstimate: number } | null {
  if (a.length !== n * n)
    throw new Error(`choleskyFactor: matrix must hold n·n = ${n * n} entries; received ${a.length}. Pass a row-major square matrix.`);
  const l = new Float64Array(n * n);
  let dMin = Infinity;
  let dMax = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (i === j) {
        if (!(s > 0)) return null;
        const d = Math.sqrt(s);
        l[ri + i] = d;
        if (d < dMin) dMin = d;
        if (d > dMax) dMax = d;
      } else {
        l[ri + j] = s / l[rj + j];
      }
    }
  }
  return { l, conditionEstimate: n === 0 ? 1 : (dMax / dMin) ** 2 };
}

/**
 * Solve L·Lᵀ·x = b given the factor from `choleskyFactor`. Returns a new array.
 *
 * @example choleskySolve(Float64Array.of(2, 0, 1, Math.SQRT2), 2, [8, 7]) // ≈ [1.25, 1.5]
 */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    const ri = i * n;
    for (let k = 0; k < i; k++) s -= l[ri + k] * x[k];
    x[i] = s / l[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
