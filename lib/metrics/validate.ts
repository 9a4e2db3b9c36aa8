/**
 * Internal input checks shared by the metrics. Every message names the
 * function, the rule, what was received and how to fix it.
 */
import type { Labels, Scores, Weights } from "./types.js";

export function fail(fn: string, message: string): never {
  throw new Error(`${fn}: ${message}`);
}

/** Same length, at least `min` rows. */
export function checkLength(fn: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>, names: [string, string], min = 1): void {
  if (a.length !== b.length) {
    fail(fn, `${names[0]} and ${names[1]} must have the same length; received ${a.length} and ${b.length}.`);
  }
  if (a.length < min) fail(fn, `requires at least ${min} row(s); received ${a.length}.`);
}

/** Every value finite (no NaN, no ±Infinity). */
export function checkFinite(fn: string, values: Scores, name = "scores"): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      fail(fn, `${name} must be finite numbers; ${name}[${i}] is ${values[i]}. Drop or impute missing values first.`);
    }
  }
}

/** Every label 0 or 1; returns the number of 1s. */
export function checkLabels(fn: string, labels: Labels): number {
  let won = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === 1) won++;
    else if (v !== 0) {
      fail(fn, `labels must be 0 (lost) or 1 (won); labels[${i}] is ${v}. Drop open leads and map outcomes to 0/1.`);
    }
  }
  return won;
}

/** Every value a probability in [0, 1]. */
export function checkProbabilities(fn: string, p: Scores, name = "p"): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0 && v <= 1)) fail(fn, `${name} must be probabilities in [0, 1]; ${name}[${i}] is ${v}.`);
  }
}

/** Weights finite and ≥ 0 with a positive sum, same length as the data. */
export function checkWeights(fn: string, weights: Weights, n: number): void {
  if (weights.length !== n) fail(fn, `weights must have one entry per row; received ${weights.length} for ${n} rows.`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(Number.isFinite(w) && w >= 0)) fail(fn, `weights must be finite and ≥ 0; weights[${i}] is ${w}.`);
    sum += w;
  }
  if (!(sum > 0)) fail(fn, "weights must have a positive sum; all are 0.");
}

/** At least `min` leads of each class. */
export function checkBothClasses(fn: string, won: number, lost: number, min = 1): void {
  if (won < min || lost < min) {
    fail(
      fn,
      `requires at least ${min} won (label 1) and ${min} lost (label 0) lead(s); received ${won} won and ${lost} lost. ` +
        "Evaluate on a sample that contains both outcomes.",
    );
  }
}
