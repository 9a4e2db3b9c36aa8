/**
 * Thresholds for the suggested scores, tuned on the training leads (callers
 * pass the training scores) and then judged on the test leads, never tuned and
 * judged on the same leads: every rule is computed so the page can show them
 * side by side, and one rule per cut is chosen for the draft.
 */
import { scoreTable, type ScoreTable } from "../fit/score-table.js";
import { capacityCut, costValueCut, fBetaCut, minWinRateCut, nurtureCutFromShare, youdenCut } from "../fit/thresholds.js";
import { tradeoffCurve } from "../fit/tradeoff.js";
import type { ScoreMap } from "../fit/score-map.js";

export type SalesReadyRule = "capacity" | "min-win-rate" | "cost-value" | "youden" | "f-beta";
export type NurtureRule = "min-win-rate" | "share";

export interface ThresholdOptions {
  /** Sales capacity, leads a week (default: the current model's sales-ready volume in the test period). */
  capacityPerWeek?: number;
  /** Minimum win rate of the sales-ready tier (Wilson lower bound), e.g. 0.3. */
  targetWinRate?: number;
  /** Minimum win rate of the nurture tier (Wilson lower bound). */
  nurtureWinRate?: number;
  /** Share of leads to ignore (default: the current model's ignored share in the test period). */
  nurtureShare?: number;
  cost?: number;
  value?: number;
  /** F-β weight (default 1). */
  beta?: number;
  /** Rule for the draft's sales-ready cut (default: capacity, or min-win-rate when only targetWinRate is given). */
  salesReadyRule?: SalesReadyRule;
  /** Rule for the draft's nurture cut (default: min-win-rate when nurtureWinRate is given, else share). */
  nurtureRule?: NurtureRule;
}

export interface ThresholdChoice {
  /** Every sales-ready rule that could be computed: the cut it gives (null = no score qualifies). */
  salesReadyByRule: { rule: SalesReadyRule; cut: number | null; note: string }[];
  nurtureByRule: { rule: NurtureRule; cut: number | null; note: string }[];
  salesReady: number;
  nurture: number;
  salesReadyRule: SalesReadyRule;
  nurtureRule: NurtureRule;
  /** Capacity used by the capacity rule, leads a week, and whether it was given or taken from the current model. */
  capacity: { leadsPerWeek: number; source: "given" | "current volume" };
  warnings: string[];
}

export interface TradeoffPoint { cut: number; leadsPerWeek: number; winShare: number; precision: number }

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The trade-off curve as plain points (leads a week vs share of wins), highest cut first. */
export function tradeoffPoints(table: ScoreTable, weeks: number): TradeoffPoint[] {
  const t = tradeoffCurve(table, weeks);
  return Array.from(t.cut, (cut, i) => ({ cut, leadsPerWeek: t.leadsPerWeek[i], winShare: t.winShare[i], precision: t.precision[i] }));
}

/**
 * Chooses the draft's thresholds from the training leads' suggested scores.
 * `current` gives the current model's volumes on the same leads, used as defaults
 * (same sales workload, same ignored share) so that the comparison is at equal
 * volume. Guarantees nurture < salesReady.
 */
export function chooseThresholds(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weeks: number,
  map: ScoreMap,
  current: { salesReadyPerWeek: number; ignoredShare: number },
  o: ThresholdOptions = {},
): ThresholdChoice {
  const table = scoreTable(scores, labels);
  const warnings: string[] = [];
  const capacity = o.capacityPerWeek !== undefined ? { leadsPerWeek: o.capacityPerWeek, source: "given" as const } : { leadsPerWeek: Math.max(current.salesReadyPerWeek, 1 / weeks), source: "current volume" as const };
  const sr: ThresholdChoice["salesReadyByRule"] = [];
  const cap = capacityCut(table, { leadsPerWeek: capacity.leadsPerWeek, weeks });
  sr.push({ rule: "capacity", cut: cap.cut, note: `${capacity.leadsPerWeek.toFixed(1)} leads/week (${capacity.source}): precision ${pct(cap.precisionAtN)}, ${pct(cap.recallAtN)} of wins` });
  if (o.targetWinRate !== undefined) {
    const w = minWinRateCut(table, { target: o.targetWinRate });
    sr.push({ rule: "min-win-rate", cut: w.cut, note: w.cut === null ? `no score reaches a win rate of ${pct(o.targetWinRate)} (Wilson lower bound)` : `win rate ${pct(w.winRate)} (lower bound ${pct(w.lower)}) ≥ ${pct(o.targetWinRate)}` });
  }
  if (o.cost !== undefined && o.value !== undefined && map.b > 0) {
    const c = costValueCut(table, map, { cost: o.cost, value: o.value });
    sr.push({ rule: "cost-value", cut: c.cut, note: `hand over when P(win) > ${o.cost}/${o.value} = ${pct(c.pStar)}` });
  }
  const y = youdenCut(table);
  sr.push({ rule: "youden", cut: y.cut, note: `J = ${y.j.toFixed(3)} (TPR ${pct(y.tpr)}, FPR ${pct(y.fpr)})` });
  const f = fBetaCut(table, o.beta ?? 1);
  sr.push({ rule: "f-beta", cut: f.cut, note: `F${o.beta ?? 1} = ${f.f.toFixed(3)} (precision ${pct(f.precision)}, recall ${pct(f.recall)})` });

  const srRule: SalesReadyRule = o.salesReadyRule ?? (o.capacityPerWeek === undefined && o.targetWinRate !== undefined ? "min-win-rate" : "capacity");
  let chosen = sr.find((r) => r.rule === srRule);
  if (!chosen || chosen.cut === null) {
    warnings.push(`the ${srRule} rule gives no sales-ready cut${chosen ? ` (${chosen.note})` : " (its options are missing)"}; the capacity rule is used instead`);
    chosen = sr[0];
  }
  const salesReady = chosen.cut as number;

  const nu: ThresholdChoice["nurtureByRule"] = [];
  if (o.nurtureWinRate !== undefined) {
    const w = minWinRateCut(table, { target: o.nurtureWinRate, below: salesReady });
    nu.push({ rule: "min-win-rate", cut: w.cut, note: w.cut === null ? `no nurture group reaches ${pct(o.nurtureWinRate)}` : `nurture tier win rate ${pct(w.winRate)} (lower bound ${pct(w.lower)})` });
  }
  const share = Math.min(0.99, Math.max(0, o.nurtureShare ?? current.ignoredShare));
  const s = nurtureCutFromShare(table, share);
  nu.push({ rule: "share", cut: s.cut, note: `ignore the lowest ${pct(s.ignoredShare)} of leads (asked ${pct(share)}${o.nurtureShare === undefined ? ", the current model's share" : ""})` });
  const nRule: NurtureRule = o.nurtureRule ?? (o.nurtureWinRate !== undefined ? "min-win-rate" : "share");
  let nChosen = nu.find((r) => r.rule === nRule);
  if (!nChosen || nChosen.cut === null) {
    warnings.push(`the ${nRule} rule gives no nurture cut; the share rule is used instead`);
    nChosen = nu[nu.length - 1];
  }
  let nurture = nChosen.cut as number;
  if (nurture >= salesReady) {
    warnings.push(`the nurture cut ${nurture} is not below the sales-ready cut ${salesReady}; set to ${salesReady - 1}`);
    nurture = salesReady - 1;
  }
  return { salesReadyByRule: sr, nurtureByRule: nu, salesReady, nurture, salesReadyRule: chosen.rule, nurtureRule: nChosen.rule, capacity, warnings };
}
