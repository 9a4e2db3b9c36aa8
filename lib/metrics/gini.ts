import { auc } from "./auc.js";
import type { Labels, Scores } from "./types.js";

/**
 * Gini coefficient (accuracy ratio, Somers' D of score on outcome):
 * Gini = 2·AUC − 1, in [−1, 1]; 0 for a score that does not discriminate.
 *
 * @throws as {@link auc}.
 * @example gini([1, 2, 2, 3], [0, 0, 1, 1]) // 0.75
 */
export function gini(scores: Scores, labels: Labels): number {
  return 2 * auc(scores, labels) - 1;
}
