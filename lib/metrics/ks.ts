import { scoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkBothClasses, checkFinite, checkLabels, checkLength } from "./validate.js";

export interface KsResult {
  /** max over thresholds of TPR − FPR, in [0, 1]. */
  ks: number;
  /** The score t at which it is reached: leads with score ≥ t are called won. */
  threshold: number;
  /** TPR (recall of won leads) at that threshold. */
  tpr: number;
  /** FPR (share of lost leads called won) at that threshold. */
  fpr: number;
}

/**
 * Kolmogorov–Smirnov statistic: KS = max_t (TPR(t) − FPR(t)) over the
 * distinct scores t, calling a lead won when score ≥ t (Youden's J at its
 * best cut). The lowest score gives TPR = FPR = 1, so KS ≥ 0.
 *
 * Convention: when several thresholds reach the maximum, the highest score
 * is returned (fewest leads handed over). Comparisons use exact integer
 * cross-products, so ties between thresholds are not decided by rounding.
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1, or
 *   either class is empty.
 * @example ks([1, 2, 2, 3], [0, 0, 1, 1]) // { ks: 0.5, threshold: 3, tpr: 0.5, fpr: 0 }
 */
export function ks(scores: Scores, labels: Labels): KsResult {
  checkLength("ks", scores, labels, ["scores", "labels"]);
  checkFinite("ks", scores);
  const won = checkLabels("ks", labels);
  checkBothClasses("ks", won, labels.length - won);
  const t = scoreTable(scores, labels);
  let wonAbove = 0;
  let lostAbove = 0;
  let best = -Infinity;
  let bestK = t.values.length - 1;
  let bestWon = 0;
  let bestLost = 0;
  for (let k = t.values.length - 1; k >= 0; k--) {
    wonAbove += t.won[k];
    lostAbove += t.lost[k];
    // (TPR − FPR)·n₊·n₋ in integers
    const d = wonAbove * t.nLost - lostAbove * t.nWon;
    if (d > best) {
      best = d;
      bestK = k;
      bestWon = wonAbove;
      bestLost = lostAbove;
    }
  }
  const tpr = bestWon / t.nWon;
  const fpr = bestLost / t.nLost;
  return { ks: tpr - fpr, threshold: t.values[bestK], tpr, fpr };
}
