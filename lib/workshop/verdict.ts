/**
 * The Workshop page's verdict on the consensus against the model fitted on
 * the data (paired DeLong, consensus minus fitted, 5 % level).
 */
import type { DelongPairedResult } from "../metrics/delong-paired.js";

/**
 * @param anyLarge whether some criterion is 10 points or more apart (compareWithFit's `large`).
 * @example consensusVerdict({ diff: -0.03, p: 1e-9 }, true) // "The data's points separate … look at the criteria marked red …"
 */
export function consensusVerdict(d: Pick<DelongPairedResult, "diff" | "p">, anyLarge: boolean): string {
  if (!(d.p < 0.05)) return "No significant difference at the 5 % level.";
  if (!(d.diff < 0)) return "The consensus separates won from lost leads at least as well as the fit.";
  return `The data's points separate won from lost leads significantly better: ${anyLarge ? "look at the criteria marked red in section 4 (10 points or more apart)" : "no criterion is 10 points apart, so look at the smaller differences in section 4 and at the dropped criteria"} before publishing.`;
}
