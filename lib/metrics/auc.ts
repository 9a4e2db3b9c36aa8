import { scoreTable, type ScoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength } from "./validate.js";

/**
 * Area under the ROC curve: the probability that a random won lead scores
 * higher than a random lost lead, ties counting one half. Computed with
 * mid-ranks, AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), as a sum over the distinct
 * scores in O(n log n); exact for integer scores however heavy the ties.
 *
 * Convention: higher score = more likely to win; all scores tied → 0.5.
 * Equals scikit-learn `roc_auc_score` and pROC `auc`.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   or either class is empty.
 * @example auc([1, 2, 2, 3], [0, 0, 1, 1]) // 0.875
 */
export function auc(scores: Scores, labels: Labels): number {
  checkLength("auc", scores, labels, ["scores", "labels"]);
  checkFinite("auc", scores);
  const won = checkLabels("auc", labels);
  checkBothClasses("auc", won, labels.length - won);
  return aucFromTable(scoreTable(scores, labels));
}

/** Internal: AUC from a validated score table with both classes present. */
export function aucFromTable(t: ScoreTable): number {
  let lostBelow = 0;
  let sum = 0;
  for (let k = 0; k < t.values.length; k++) {
    sum += t.won[k] * (lostBelow + 0.5 * t.lost[k]);
    lostBelow += t.lost[k];
  }
  return sum / (t.nWon * t.nLost);
}
