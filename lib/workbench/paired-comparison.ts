/**
 * Two versions compared on the same labelled leads: the paired DeLong test
 * of their AUCs (METHODS.md §4) and, for the Review page's draft vs current,
 * the figures of each side (AUC with its interval, thresholds, the
 * sales-ready tier, Brier). No DOM: the pages draw these.
 */
import type { Db } from "../db/types.js";
import { delongPaired, type DelongPairedResult } from "../metrics/delong-paired.js";
import type { Interval } from "../metrics/types.js";
import type { Model } from "../model/schema.js";
import { routesByCell } from "../grid/bands.js";
import { versionEvaluation } from "./calibration.js";
import type { Evaluation } from "../metrics/evaluate.js";
import { labelled, readScored, type ScoredLeads } from "./scored.js";

export interface PairedComparison {
  /** Labelled (won or lost) leads both versions were judged on. */
  n: number;
  /** AUC of a minus AUC of b, with its interval and p-value. */
  delong: DelongPairedResult;
}

/**
 * The paired DeLong test of two versions' scores on the same leads (the rows
 * of both ScoredLeads are the same leads in the same order, as readScored
 * gives them). Open leads are left out.
 * @throws when the two differ in length or in outcomes, or a class is empty.
 */
export function pairedComparison(a: ScoredLeads, b: ScoredLeads): PairedComparison {
  if (a.n !== b.n) throw new Error(`pairedComparison: the two versions have ${a.n} and ${b.n} leads; a paired test needs the same leads.`);
  const la = labelled(a), lb = labelled(b);
  for (let i = 0; i < la.labels.length; i++)
    if (la.labels[i] !== lb.labels[i] || la.index[i] !== lb.index[i]) throw new Error(`pairedComparison: labelled lead ${i} differs between the two versions; a paired test needs the same leads in the same order.`);
  return { n: la.labels.length, delong: delongPaired(la.scores, lb.scores, la.labels) };
}

/** One side of the draft vs current table. */
export interface ComparedVersion {
  model: Model;
  auc: number;
  auc95: Interval;
  /** True when the version routes its tiers by grid cell (no thresholds to show). */
  routed: boolean;
  thresholds: { nurture: number; salesReady: number };
  salesReady: { leads: number; winRate: number | null; shareOfWins: number | null };
  brier: number;
}

export type DraftComparison = (PairedComparison & { versions: [ComparedVersion, ComparedVersion] }) | { error: string };

function compared(c: { model: Model; evaluation: Evaluation }): ComparedVersion {
  const e = c.evaluation;
  const sr = e.tiers.find((t) => t.tier === "sales-ready")!;
  return {
    model: c.model, auc: e.auc.auc, auc95: e.auc.ci95, routed: routesByCell(c.model), thresholds: c.model.thresholds,
    salesReady: { leads: sr.leads, winRate: sr.winRate, shareOfWins: sr.shareOfWins }, brier: e.calibration.brier.brier,
  };
}

/**
 * A draft version against the current one on the loaded leads (both already
 * recomputed): the paired DeLong test (draft minus current) and each
 * version's figures, or why they cannot be compared.
 */
export async function compareDraft(db: Db, draft: Model, current: Model): Promise<DraftComparison> {
  const sd = await readScored(db, draft), sc = await readScored(db, current);
  // Only the headline metrics are shown: not the whole calibration (hold-out map, ROC, reliability) of each side.
  const cd = versionEvaluation(draft, sd), cc = versionEvaluation(current, sc);
  if (cd.error !== null || cc.error !== null) return { error: (cd.error ?? cc.error)! };
  return { ...pairedComparison(sd, sc), versions: [compared(cd), compared(cc)] };
}

/** The verdict on draft minus current at the 5 % level. */
export function draftVerdict(d: Pick<DelongPairedResult, "diff" | "p">): string {
  return d.p < 0.05 ? (d.diff > 0 ? "The draft separates won from lost significantly better." : "The draft separates won from lost significantly worse.") : "No significant difference.";
}
