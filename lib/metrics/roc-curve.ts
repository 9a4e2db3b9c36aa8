import { scoreTable } from "./score-table.js";
import type { Labels, Scores } from "./types.js";
import { checkBothClasses, fail, checkFinite, checkLabels, checkLength } from "./validate.js";

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Leads with score ≥ threshold are called won; Infinity for the (0, 0) point. */
  threshold: number;
}

export interface RocCurveOptions {
  /** Keep at most this many points (≥ 2) for charts; default: all. */
  maxPoints?: number;
}

/**
 * ROC curve: one point per distinct score t (descending), with
 * TPR = #won with score ≥ t / n₊ and FPR = #lost with score ≥ t / n₋,
 * preceded by (0, 0) at threshold Infinity and ending at (1, 1).
 *
 * Convention: the points of scikit-learn `roc_curve(drop_intermediate=False)`
 * (scikit-learn ≥ 1.3 also uses Infinity for the first threshold; 1.2 used
 * max + 1). With `maxPoints`, points are thinned for drawing: the first and
 * last are kept and the others are picked so that FPR + TPR advances by at
 * least 2/(maxPoints − 2) between kept points; the thinned curve is only for
 * charts (its trapezoid area is not the AUC).
 *
 * @throws when lengths differ, a score is not finite, a label is not 0/1,
 *   either class is empty, or maxPoints < 2.
 * @example rocCurve([1, 2, 2, 3], [0, 0, 1, 1]).map((p) => [p.fpr, p.tpr])
 *   // [[0, 0], [0, 0.5], [0.5, 1], [1, 1]]
 */
export function rocCurve(scores: Scores, labels: Labels, options: RocCurveOptions = {}): RocPoint[] {
  checkLength("rocCurve", scores, labels, ["scores", "labels"]);
  checkFinite("rocCurve", scores);
  const won = checkLabels("rocCurve", labels);
  checkBothClasses("rocCurve", won, labels.length - won);
  const { maxPoints } = options;
  if (maxPoints !== undefined && !(Number.isInteger(maxPoints) && maxPoints >= 2)) {
    fail("rocCurve", `maxPoints must be an integer ≥ 2; received ${maxPoints}.`);
  }
  const t = scoreTable(scores, labels);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let wonAbove = 0;
  let lostAbove = 0;
  for (let k = t.values.length - 1; k >= 0; k--) {
    wonAbove += t.won[k];
    lostAbove += t.lost[k];
    points.push({ fpr: lostAbove / t.nLost, tpr: wonAbove / t.nWon, threshold: t.values[k] });
  }
  return maxPoints === undefined || points.length <= maxPoints ? points : thin(points, maxPoints);
}

function thin(points: RocPoint[], maxPoints: number): RocPoint[] {
  const last = points[points.length - 1];
  if (maxPoints === 2) return [points[0], last];
  const step = 2 / (maxPoints - 2);
  const out = [points[0]];
  let next = step;
  for (let i = 1; i < points.length - 1; i++) {
    const pos = points[i].fpr + points[i].tpr;
    if (pos >= next && out.length < maxPoints - 1) {
      out.push(points[i]);
      next = pos + step;
    }
  }
  out.push(last);
  return out;
}
