import { fail } from "./validate.js";

export type PsiLevel = "stable" | "investigate" | "significant";

export interface PsiResult {
  psi: number;
  /** < 0.10 stable, 0.10–0.25 investigate, ≥ 0.25 significant (METHODS.md §8). */
  level: PsiLevel;
  /** The level in words, for reports. */
  label: string;
  /** (A_b − E_b)·ln(A_b/E_b) per band; they sum to psi. */
  contributions: number[];
}

export interface PsiOptions {
  /** Proportion put in place of an empty band (in either distribution); default 1e-4. */
  smoothing?: number;
}

const LABELS: Record<PsiLevel, string> = {
  stable: "no significant change",
  investigate: "investigate",
  significant: "significant change",
};

/**
 * Population stability index between the score distribution a model was
 * built on (expected) and a later one (actual), over the same bands:
 * PSI = Σ_b (A_b − E_b)·ln(A_b/E_b), A_b and E_b the band proportions.
 *
 * Convention: inputs may be counts or proportions; each is divided by its
 * sum. A band with proportion 0 takes the value `smoothing` (default 1e-4)
 * instead, without renormalising (the common practice; an empty band would
 * otherwise give an infinite PSI). Levels: PSI < 0.10 no significant change,
 * 0.10 ≤ PSI < 0.25 investigate, PSI ≥ 0.25 significant.
 *
 * @throws when the two have different lengths or no bands, a value is
 *   negative or not finite, a distribution sums to 0, or smoothing ≤ 0.
 * @example psi([25, 25, 25, 25], [10, 20, 30, 40]).psi // 0.2282… ("investigate")
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PsiOptions = {}): PsiResult {
  const { smoothing = 1e-4 } = options;
  if (expected.length !== actual.length || expected.length === 0) {
    fail("psi", `expected and actual must have the same, non-zero number of bands; received ${expected.length} and ${actual.length}.`);
  }
  if (!(smoothing > 0 && smoothing < 1)) fail("psi", `smoothing must be in (0, 1); received ${smoothing}.`);
  const e = proportions(expected, "expected");
  const a = proportions(actual, "actual");
  const contributions: number[] = [];
  let total = 0;
  for (let b = 0; b < e.length; b++) {
    const eb = e[b] > 0 ? e[b] : smoothing;
    const ab = a[b] > 0 ? a[b] : smoothing;
    const c = (ab - eb) * Math.log(ab / eb);
    contributions.push(c);
    total += c;
  }
  const level: PsiLevel = total < 0.1 ? "stable" : total < 0.25 ? "investigate" : "significant";
  return { psi: total, level, label: LABELS[level], contributions };
}

function proportions(x: ArrayLike<number>, name: string): number[] {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(Number.isFinite(x[i]) && x[i] >= 0)) fail("psi", `${name} must be finite counts or proportions ≥ 0; ${name}[${i}] is ${x[i]}.`);
    sum += x[i];
  }
  if (!(sum > 0)) fail("psi", `${name} sums to 0; every band is empty.`);
  return Array.from(x, (v) => v / sum);
}
