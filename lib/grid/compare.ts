/**
 * Which kind of score separates won from lost: the fit sub-score alone, the
 * engagement sub-score alone and the total, side by side on the same
 * labelled leads (AUC with DeLong intervals, paired DeLong tests, win rate
 * per tier at matched volumes) and the relative weight of the two
 * (relative-weight.ts).
 */
import { delong } from "../metrics/delong.js";
import { delongComponents, type DelongComponents } from "../metrics/delong-components.js";
import { delongPairedOf } from "../metrics/delong-paired.js";
import { scoreTable, withSharedScoreTables, type ScoreTable } from "../metrics/score-table.js";
import { tierTable, tierTableOf, type TierRow } from "../metrics/tier-table.js";
import type { Interval } from "../metrics/types.js";
import { relativeWeight, type RelativeWeight } from "./relative-weight.js";

export type ScoreKind = "fit" | "engagement" | "total";

export interface KindSummary {
  kind: ScoreKind;
  auc: number;
  ci95: Interval;
  /** Cut points giving this score the same number of sales-ready and nurture leads as the total's tiers (matchedCuts). */
  cuts: { nurture: number; salesReady: number };
  tiers: TierRow[];
}

export interface PairedTest { a: ScoreKind; b: ScoreKind; diff: number; ci95: Interval; p: number }

export interface SubScoreComparison {
  won: number;
  lost: number;
  kinds: KindSummary[];
  paired: PairedTest[];
  weight: RelativeWeight;
}

/**
 * The cut points at which `scores` puts as many leads in the top tiers as
 * the version does: salesReady = the score at rank `salesReady` from the top
 * (1-based), nurture likewise at rank salesReady + nurture; ties at a cut go
 * to the upper tier, so a tier may hold a few more leads. A rank of 0 gives
 * +Infinity (nobody in the tier).
 * @example matchedCuts([5, 1, 3, 9], { salesReady: 1, nurture: 2 }) // => { salesReady: 9, nurture: 3 }
 */
export function matchedCuts(scores: ArrayLike<number>, counts: { salesReady: number; nurture: number }): { nurture: number; salesReady: number } {
  const sorted = Float64Array.from(scores).sort().reverse();
  const at = (rank: number) => (rank <= 0 ? Infinity : sorted[Math.min(sorted.length, rank) - 1]);
  return { salesReady: at(counts.salesReady), nurture: at(counts.salesReady + counts.nurture) };
}

/** matchedCuts read from the scores' table (distinct scores ascending with their counts): no sort of its own. */
function matchedCutsOf(t: ScoreTable, counts: { salesReady: number; nurture: number }): { nurture: number; salesReady: number } {
  const at = (rank: number) => {
    if (rank <= 0) return Infinity;
    // The score at this rank from the top: walk down the distinct scores until as many leads are above or at it.
    let seen = 0;
    for (let k = t.values.length - 1; k >= 0; k--) {
      seen += t.won[k] + t.lost[k];
      if (seen >= rank) return t.values[k];
    }
    return t.values[0];
  };
  return { salesReady: at(counts.salesReady), nurture: at(counts.salesReady + counts.nurture) };
}

/**
 * Compares fit-only, engagement-only and total on labelled leads (labels 1
 * won, 0 lost; `tier` the version's tier of each). Each sub-score gets the
 * tiers of matchedCuts, so the win rates compare at equal hand-over volume.
 * Paired tests: total − fit, total − engagement, fit − engagement.
 * @throws (from delong) with fewer than two won or two lost leads.
 */
export function compareSubScores(
  fit: ArrayLike<number>, engagement: ArrayLike<number>, total: ArrayLike<number>, labels: ArrayLike<number>, tier: ArrayLike<string>,
): SubScoreComparison {
  // Each kind's scores are sorted once, into the table its AUC, cuts and DeLong components all read.
  return withSharedScoreTables(() => compareOnce(fit, engagement, total, labels, tier));
}

function compareOnce(
  fit: ArrayLike<number>, engagement: ArrayLike<number>, total: ArrayLike<number>, labels: ArrayLike<number>, tier: ArrayLike<string>,
): SubScoreComparison {
  let sr = 0, nu = 0, won = 0;
  for (let i = 0; i < labels.length; i++) {
    if (tier[i] === "sales-ready") sr++;
    else if (tier[i] === "nurture") nu++;
    won += labels[i] === 1 ? 1 : 0;
  }
  const scores: Record<ScoreKind, ArrayLike<number>> = { fit, engagement, total };
  const kinds = (["fit", "engagement", "total"] as const).map((kind): KindSummary => {
    const d = delong(scores[kind], labels);
    const t = scoreTable(scores[kind], labels);
    const cuts = matchedCutsOf(t, { salesReady: sr, nurture: nu });
    // tierTable needs finite cuts: an empty tier gets a cut above every score.
    const top = t.values[t.values.length - 1] + 1;
    const finite = { salesReady: Math.min(cuts.salesReady, top), nurture: Math.min(cuts.nurture, top) };
    // The total's own tiers (thresholds or routing) are counted as they are.
    const tiers = kind === "total" ? tierTableOf(tier, labels) : tierTable(scores[kind], labels, finite);
    return { kind, auc: d.auc, ci95: d.ci95, cuts, tiers };
  });
  // Each kind's DeLong components once for the three pairs (delong above has checked the inputs).
  const components = new Map<ScoreKind, DelongComponents>();
  const componentsOf = (k: ScoreKind) => components.get(k) ?? components.set(k, delongComponents(scores[k], labels)).get(k)!;
  const pair = (a: ScoreKind, b: ScoreKind): PairedTest => {
    const t = delongPairedOf(componentsOf(a), componentsOf(b));
    return { a, b, diff: t.diff, ci95: t.ci95, p: t.p };
  };
  return {
    won, lost: labels.length - won, kinds,
    paired: [pair("total", "fit"), pair("total", "engagement"), pair("fit", "engagement")],
    weight: relativeWeight(fit, engagement, labels),
  };
}
