import { sigmoid } from "./logistic-1d.js";
import type { PlattMap } from "./platt-fit.js";
import type { Scores } from "./types.js";
import { checkFinite, fail } from "./validate.js";

/**
 * Applies a score → probability map: p_i = σ(a + b·s_i), computed without
 * overflow for large |a + b·s|.
 *
 * @throws when a score or a coefficient is not finite.
 * @example plattPredict([-1, 1], { a: 1, b: 1 }) // Float64Array [0.5, 0.8807970779778823]
 */
export function plattPredict(scores: Scores, map: PlattMap): Float64Array {
  if (!(Number.isFinite(map.a) && Number.isFinite(map.b))) {
    fail("plattPredict", `map coefficients must be finite; received a = ${map.a}, b = ${map.b}.`);
  }
  checkFinite("plattPredict", scores);
  const p = new Float64Array(scores.length);
  for (let i = 0; i < p.length; i++) p[i] = sigmoid(map.a + map.b * scores[i]);
  return p;
}
