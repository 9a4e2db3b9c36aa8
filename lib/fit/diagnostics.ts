import type { BinomialRows } from "./design.js";
import { binnedIv, type IvBand } from "./woe.js";

export interface CriterionDiagnostic {
  readonly criterion: number;
  /** (weighted) leads meeting / not meeting the criterion */
  readonly nWith: number;
  readonly nWithout: number;
  readonly winRateWith: number;
  readonly winRateWithout: number;
  /** win rate with / overall win rate ȳ */
  readonly lift: number;
  /** WoE of the "with" cell (positive favours winning) */
  readonly woe: number;
  /** IV over the two cells with / without */
  readonly iv: number;
  readonly band: IvBand;
  /** true when an empty cell was smoothed (+0.5) */
  readonly smoothed: boolean;
  /** AUC of the indicator alone as a score (ties at mid-rank): ½·(1 + TPR − FPR) */
  readonly auc: number;
  /** IV > 0.5 or max(AUC, 1 − AUC) > 0.9 */
  readonly leakage: boolean;
}

/**
 * Per-criterion statistics of 0/1 indicators (METHODS.md §2): volumes, win rates
 * with and without, lift, WoE / IV (two cells, +0.5 smoothing of empty cells),
 * Siddiqi band, single-criterion AUC and the leakage flag. Works on per-lead or
 * collapsed rows; O(nnz).
 *
 * Convention: the leakage test uses max(AUC, 1 − AUC), so a criterion that
 * almost guarantees a loss (e.g. a "closed – lost" tag) is flagged too.
 *
 * @throws when the rows hold no won or no lost weight.
 * @example criterionDiagnostics(collapseRows(design))[0].woe
 */
export function criterionDiagnostics(rows: BinomialRows): CriterionDiagnostic[] {
  const { nRows, nCols, offsets, indices, won, lost } = rows;
  const wonWith = new Float64Array(nCols);
  const lostWith = new Float64Array(nCols);
  let W = 0;
  let L = 0;
  for (let r = 0; r < nRows; r++) {
    W += won[r];
    L += lost[r];
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      wonWith[indices[k]] += won[r];
      lostWith[indices[k]] += lost[r];
    }
  }
  if (!(W > 0 && L > 0))
    throw new Error(`criterionDiagnostics: needs both won and lost leads; received won ${W}, lost ${L}. Check the outcome definition (open leads are left out).`);
  const base = W / (W + L);
  const out: CriterionDiagnostic[] = [];
  for (let j = 0; j < nCols; j++) {
    const e1 = wonWith[j];
    const n1 = lostWith[j];
    const e0 = W - e1;
    const n0 = L - n1;
    const iv = binnedIv([e1, e0], [n1, n0]);
    const auc = 0.5 * (1 + e1 / W - n1 / L);
    const winRateWith = e1 + n1 > 0 ? e1 / (e1 + n1) : NaN;
    out.push({
      criterion: j,
      nWith: e1 + n1,
      nWithout: e0 + n0,
      winRateWith,
      winRateWithout: e0 + n0 > 0 ? e0 / (e0 + n0) : NaN,
      lift: winRateWith / base,
      woe: iv.woe[0],
      iv: iv.iv,
      band: iv.band,
      smoothed: iv.smoothed,
      auc,
      leakage: iv.iv > 0.5 || Math.max(auc, 1 - auc) > 0.9,
    });
  }
  return out;
}
