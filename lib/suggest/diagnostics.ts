/**
 * Diagnostics of every design column and of every attribute (a model
 * criterion with all its band slots, or a candidate column with all its
 * values): volumes, win rates, lift, WoE, IV and its Siddiqi band, the AUC of
 * the attribute alone and the leakage flag (METHODS.md §2: IV > 0.5 or
 * AUC > 0.9).
 */
import type { BinomialRows } from "../fit/design.js";
import { criterionDiagnostics, type CriterionDiagnostic } from "../fit/diagnostics.js";
import { binnedIv, type IvBand } from "../fit/woe.js";

export interface AttributeDiagnostic {
  /** Criterion id (model) or column name (candidate). */
  name: string;
  source: "model" | "candidate";
  /** Design columns of the attribute (mutually exclusive indicators). */
  members: number[];
  /** Labelled leads meeting none of them (the reference cell; 0 for a full partition). */
  nNone: number;
  iv: number;
  band: IvBand;
  /** AUC of the attribute alone: its cells ranked by win rate (ties at mid-rank). */
  auc: number;
  leakage: boolean;
}

/**
 * AUC of a grouped score: cells ranked by win rate, each cell one tied score.
 * @example cellAuc([10, 0], [0, 10]) // => 1
 */
export function cellAuc(won: ArrayLike<number>, lost: ArrayLike<number>): number {
  const order = Array.from({ length: won.length }, (_, i) => i).sort((a, b) => rate(won, lost, a) - rate(won, lost, b));
  let W = 0;
  let L = 0;
  for (let i = 0; i < won.length; i++) (W += won[i]), (L += lost[i]);
  if (!(W > 0 && L > 0)) return 0.5;
  let below = 0;
  let s = 0;
  for (let k = 0; k < order.length; ) {
    let k2 = k;
    let w = 0;
    let l = 0;
    while (k2 < order.length && rate(won, lost, order[k2]) === rate(won, lost, order[k])) (w += won[order[k2]]), (l += lost[order[k2]]), k2++;
    s += w * (below + 0.5 * l);
    below += l;
    k = k2;
  }
  return s / (W * L);
}

function rate(won: ArrayLike<number>, lost: ArrayLike<number>, i: number): number {
  const t = won[i] + lost[i];
  return t > 0 ? won[i] / t : 0;
}

/**
 * Per-column diagnostics (lib/fit criterionDiagnostics) and per-attribute
 * diagnostics over `groups` (name → member columns, which must not overlap
 * within a lead).
 */
export function suggestDiagnostics(rows: BinomialRows, groups: { name: string; source: "model" | "candidate"; members: number[] }[]): { columns: CriterionDiagnostic[]; attributes: AttributeDiagnostic[] } {
  const columns = criterionDiagnostics(rows);
  let W = 0;
  let L = 0;
  for (let r = 0; r < rows.nRows; r++) (W += rows.won[r]), (L += rows.lost[r]);
  const attributes = groups.map((g) => {
    const won: number[] = [];
    const lost: number[] = [];
    let w0 = W;
    let l0 = L;
    for (const j of g.members) {
      const d = columns[j];
      const e = d.nWith > 0 ? d.nWith * d.winRateWith : 0;
      won.push(e);
      lost.push(d.nWith - e);
      w0 -= e;
      l0 -= d.nWith - e;
    }
    const nNone = Math.max(0, w0 + l0);
    if (nNone > 1e-9) won.push(Math.max(0, w0)), lost.push(Math.max(0, l0));
    const cells = won.map((_, i) => i).filter((i) => won[i] + lost[i] > 0);
    const iv = cells.length > 1 ? binnedIv(cells.map((i) => won[i]), cells.map((i) => lost[i])) : { iv: 0, band: "useless" as IvBand };
    const auc = cellAuc(won, lost);
    return { name: g.name, source: g.source, members: g.members, nNone, iv: iv.iv, band: iv.band, auc, leakage: iv.iv > 0.5 || auc > 0.9 };
  });
  return { columns, attributes };
}
