/**
 * The cut points of the grid's two axes: the model's own (grid.fit,
 * grid.engagement) when it states them, else quartiles of the scored leads.
 */
import type { Model } from "../model/schema.js";
import type { Cuts } from "./bands.js";

export interface GridCuts {
  fit: Cuts;
  engagement: Cuts;
  /** Where each axis' cut points come from. */
  source: { fit: "model" | "quartiles"; engagement: "model" | "quartiles" };
}

/**
 * Quartile cut points [q1, q2, q3] of `values` for the rule "band from cut
 * up" (bands.ts): q_k is the value at 0-based rank ⌊k·n/4⌋ of the sorted
 * values, so that fewer than k/4 of the leads score below q_k (ties all go to
 * the upper band: with integer scores a band may hold more or less than a
 * quarter, or nothing when two cut points coincide). NaN values are ignored.
 * @throws when there is no finite value.
 * @example quartileCuts([1, 2, 3, 4, 5, 6, 7, 8]) // => [3, 5, 7]
 */
export function quartileCuts(values: ArrayLike<number>): Cuts {
  // A loop, not typed-array filter: a callback per lead costs a second at a million leads.
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite[n++] = values[i];
  const sorted = finite.subarray(0, n).sort();
  if (n === 0) throw new Error("quartileCuts: no finite score to cut; score some leads first.");
  const at = (k: number) => sorted[Math.min(n - 1, Math.floor((k * n) / 4))];
  return [at(1), at(2), at(3)];
}

/**
 * The grid's cut points for a version: the model's grid.fit / grid.engagement
 * when present, else quartileCuts of the scored leads' sub-scores (all scored
 * leads, open ones included, so that the bands do not depend on outcomes).
 */
export function gridCuts(model: Model, fit: ArrayLike<number>, engagement: ArrayLike<number>): GridCuts {
  const g = model.grid;
  return {
    fit: g?.fit ? (g.fit as unknown as Cuts) : quartileCuts(fit),
    engagement: g?.engagement ? (g.engagement as unknown as Cuts) : quartileCuts(engagement),
    source: { fit: g?.fit ? "model" : "quartiles", engagement: g?.engagement ? "model" : "quartiles" },
  };
}
