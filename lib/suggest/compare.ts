/**
 * The out-of-time comparison of the current and the suggested scores on the
 * test period: AUC with the paired DeLong test, Brier and calibration
 * intercept / slope after a Platt map fitted on the training period, and the
 * wins the sales-ready tier captures. Ends with a plain verdict that says so
 * when the suggestion is not better.
 */
import { auc } from "../metrics/auc.js";
import { brier } from "../metrics/brier.js";
import { calibrationInterceptSlope } from "../metrics/calibration-intercept-slope.js";
import type { DelongPairedResult } from "../metrics/delong-paired.js";
import { pairedDelongP } from "../metrics/delong-text.js";
import { plattFit } from "../metrics/platt-fit.js";
import { plattPredict } from "../metrics/platt-predict.js";

export interface TierFigures {
  salesReady: number;
  nurture: number;
  /** Sales-ready leads in the test period, per week, their win rate, and the share of all test wins they hold. */
  leads: number;
  leadsPerWeek: number;
  wins: number;
  winRate: number;
  winShare: number;
  /** Share of test leads below the nurture cut. */
  ignoredShare: number;
}

export interface VersionFigures {
  auc: number;
  brier: number;
  /** Calibration slope / intercept on the test period of the map fitted on training (null when it cannot be fitted). */
  slope: number | null;
  intercept: number | null;
  map: { a: number; b: number };
  tier: TierFigures;
}

export interface Comparison {
  nTest: number;
  nTestWon: number;
  current: VersionFigures;
  suggested: VersionFigures;
  /** A = suggested, B = current: diff = AUC(suggested) − AUC(current). */
  delong: DelongPairedResult;
  better: boolean;
  verdict: string;
}

/** Sales-ready and ignored volumes of one score on the test leads. */
export function tierFigures(scores: ArrayLike<number>, labels: ArrayLike<number>, t: { nurture: number; salesReady: number }, weeks: number): TierFigures {
  let leads = 0;
  let wins = 0;
  let all = 0;
  let ignored = 0;
  for (let i = 0; i < scores.length; i++) {
    all += labels[i];
    if (scores[i] >= t.salesReady) (leads++, (wins += labels[i]));
    else if (scores[i] < t.nurture) ignored++;
  }
  return { salesReady: t.salesReady, nurture: t.nurture, leads, leadsPerWeek: leads / weeks, wins, winRate: leads ? wins / leads : NaN, winShare: all ? wins / all : NaN, ignoredShare: scores.length ? ignored / scores.length : NaN };
}

/** One version's test figures; the map is fitted on the training scores. */
export function versionFigures(train: { scores: ArrayLike<number>; labels: ArrayLike<number> }, test: { scores: ArrayLike<number>; labels: ArrayLike<number> }, t: { nurture: number; salesReady: number }, weeks: number): VersionFigures {
  const fit = plattFit(train.scores, train.labels);
  const map = { a: fit.a, b: fit.b };
  const p = plattPredict(test.scores, map);
  let slope: number | null = null;
  let intercept: number | null = null;
  try {
    const c = calibrationInterceptSlope(p, test.labels);
    slope = c.slope;
    intercept = c.intercept;
  } catch {
    // all predictions equal: no slope
  }
  return { auc: auc(test.scores, test.labels), brier: brier(p, test.labels), slope, intercept, map, tier: tierFigures(test.scores, test.labels, t, weeks) };
}

const f3 = (x: number) => (x >= 0 ? "+" : "−") + Math.abs(x).toFixed(3);

/**
 * The verdict: "better" only when the suggested AUC is higher with p < 0.05
 * (paired DeLong on the test leads, `testNoun` e.g. "newer leads"); otherwise the text starts "NOT better". A calibration slope
 * outside 0.9–1.1 or fewer wins captured at the sales-ready cut are added as cautions.
 */
export function compareVersions(current: VersionFigures, suggested: VersionFigures, delong: DelongPairedResult, nTest: number, nTestWon: number, testNoun = "newer leads"): Comparison {
  const d = delong;
  const ci = `95 % CI ${f3(d.ci95[0])} to ${f3(d.ci95[1])}, ${pairedDelongP(d.p)}`;
  const better = d.diff > 0 && d.p < 0.05;
  let verdict: string;
  if (better) verdict = `Better: on the ${nTest} ${testNoun} the suggested points separate won from lost better than the current ones (AUC ${suggested.auc.toFixed(3)} vs ${current.auc.toFixed(3)}, ΔAUC ${f3(d.diff)}, ${ci}).`;
  else if (d.diff < 0 && d.p < 0.05) verdict = `NOT better: on the ${nTest} ${testNoun} the suggested points rank leads WORSE than the current ones (AUC ${suggested.auc.toFixed(3)} vs ${current.auc.toFixed(3)}, ΔAUC ${f3(d.diff)}, ${ci}). Keep the current points.`;
  else verdict = `NOT better: on the ${nTest} ${testNoun} the suggested points are not significantly better than the current ones (AUC ${suggested.auc.toFixed(3)} vs ${current.auc.toFixed(3)}, ΔAUC ${f3(d.diff)}, ${ci}). A change is not justified by these data.`;
  const cautions: string[] = [];
  if (suggested.slope !== null && (suggested.slope < 0.9 || suggested.slope > 1.1)) cautions.push(`its calibration slope out of time is ${suggested.slope.toFixed(2)} (0.9–1.1 is well calibrated)`);
  if (suggested.tier.wins < current.tier.wins) cautions.push(`its sales-ready tier captures fewer wins (${suggested.tier.wins} vs ${current.tier.wins} at ${suggested.tier.leads} vs ${current.tier.leads} leads)`);
  if (nTestWon < 100) cautions.push(`only ${nTestWon} won leads in the test period: figures are uncertain`);
  if (cautions.length) verdict += ` Caution: ${cautions.join("; ")}.`;
  return { nTest, nTestWon, current, suggested, delong: d, better, verdict };
}

