/**
 * Everything the published report shows, computed from a Db on which the
 * dataset is loaded and the versions recomputed: each version's calibration
 * (lib/workbench versionCalibration), the draft-vs-current paired DeLong
 * test, the periodic review of the current version (lib/monitoring summary) and
 * the decision log. Used by the report page and by `leadscore report`.
 */
import type { Db } from "../db/types.js";
import { delongPaired } from "../metrics/delong-paired.js";
import type { Model } from "../model/schema.js";
import { summary, type PeriodBy, type ReviewInput, type ReviewSummary, type SummaryOptions } from "../monitoring/index.js";
import { versionCalibration, type VersionCalibration } from "../workbench/calibration.js";
import { currentVersion } from "../workbench/models.js";
import { defaultReference, readReviewInput } from "../workbench/review-input.js";
import { labelled, readScored, type ScoredLeads } from "../workbench/scored.js";
import { splitByDataset } from "./belongs.js";
import { lastReviewDate, sortNewestFirst, type ReviewEntry } from "./parse.js";
import { reportSummary, type ReportSummary } from "./report-summary.js";

export interface ReportOptions {
  /** Cohort period; default "quarter". */
  by?: PeriodBy;
  /** Drift reference; default the first 12 months of data. */
  reference?: [string, string];
  /** Review cadence once proven, 6–12 months; default 6. */
  stableMonths?: number;
  onProgress?: (message: string, fraction: number) => void;
  /**
   * How a version's calibration is had (default versionCalibration on its
   * scores; the site passes one that reads figures kept in the browser and
   * calls `read` only when they are not kept).
   */
  calibrate?: (model: Model, read: () => Promise<ScoredLeads>) => Promise<VersionCalibration | { model: Model; error: string }>;
  /** How the current version's periodic review is had (default lib/monitoring summary; the site passes one that reads figures kept in the browser). */
  summarize?: (model: Model, input: () => Promise<ReviewInput>, options: SummaryOptions) => Promise<ReviewSummary>;
}

export interface ReportData {
  current: Model | null;
  draft: Model | null;
  /** The scores read: always the current version's and the draft's; another version's when its calibration was computed here. */
  scored: Map<Model, ScoredLeads>;
  calibrations: Map<Model, VersionCalibration | { model: Model; error: string }>;
  review: ReviewSummary | null;
  summary: ReportSummary;
}

/**
 * The newest draft that is not the current version (by effectiveFrom, then
 * version): what a review compares the current version with.
 */
export function latestDraft(models: readonly Model[], current: Model | undefined): Model | null {
  const drafts = models.filter((m) => m.status === "draft" && m !== current);
  drafts.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version);
  return drafts.at(-1) ?? null;
}

/** "YYYY-MM-DD" of a "YYYY-MM-DD[ HH:MM:SS]" timestamp. */
export const dayOf = (ts: string) => ts.slice(0, 10);

/**
 * Computes the report. `asOf` is the dataset's end ("YYYY-MM-DD[ …]", from
 * the validation report), never the clock. Versions that cannot be evaluated
 * carry their error; the review is null when there is no current version.
 */
export async function collectReport(
  db: Db,
  ctx: { dataset: string; asOf: string; models: readonly Model[]; reviews: readonly ReviewEntry[] },
  options: ReportOptions = {},
): Promise<ReportData> {
  const progress = options.onProgress ?? (() => {});
  const asOf = dayOf(ctx.asOf);
  const current = currentVersion(ctx.models) ?? null;
  const draft = latestDraft(ctx.models, current ?? undefined);
  const scored = new Map<Model, ScoredLeads>();
  // A version's scores are read when something needs them (at a million leads a read takes over a second).
  const reads = new Map<Model, Promise<ScoredLeads>>();
  const read = (model: Model) => {
    if (!reads.has(model)) reads.set(model, readScored(db, model).then((s) => (scored.set(model, s), s)));
    return reads.get(model)!;
  };
  const calibrations = new Map<Model, VersionCalibration | { model: Model; error: string }>();
  let k = 0;
  for (const model of ctx.models) {
    progress(`Evaluating ${model.id} v${model.version}…`, k++ / (ctx.models.length + 1));
    calibrations.set(model, options.calibrate ? await options.calibrate(model, () => read(model)) : versionCalibration(model, await read(model)));
  }
  // The current version's distribution and the draft comparison need their scores whatever was kept.
  for (const model of [current, draft]) if (model) await read(model);
  progress("Reviewing the current version…", k / (ctx.models.length + 1));
  // The current version's leads (the review input has the same leads, in the same order); its full
  // review input (every criterion's points) is read only when the review is not kept (summarize).
  const cur = current ? scored.get(current)! : null;
  const by = options.by ?? "quarter";
  const reference = options.reference ?? (cur && cur.n ? defaultReference(cur.createdMs) : (["", ""] as [string, string]));
  const stableMonths = options.stableMonths ?? 6;
  // Only this dataset's decisions make the log and the last review date; the others are named apart.
  const mine = splitByDataset(ctx.reviews, { dataset: ctx.dataset, models: ctx.models });
  const sorted = sortNewestFirst(mine.entries);
  const lastReview = lastReviewDate(sorted, asOf) ?? null;
  const summarize = options.summarize ?? (async (_m: Model, i: () => Promise<ReviewInput>, o: SummaryOptions) => summary(await i(), o));
  const review = current && cur && cur.n
    ? await summarize(current, () => readReviewInput(db, current), {
      by, thresholds: current.thresholds, reference,
      review: { lastModelChange: current.effectiveFrom <= asOf ? current.effectiveFrom : asOf, ...(lastReview && { lastReview }), asOf, stableMonths },
    })
    : null;

  let comparison = null;
  if (current && draft) {
    const a = labelled(scored.get(draft)!);
    const b = labelled(scored.get(current)!);
    const won = a.labels.reduce((t, y) => t + y, 0);
    if (won >= 2 && a.labels.length - won >= 2) comparison = { ...delongPaired(a.scores, b.scores, a.labels), n: a.labels.length };
  }
  const created = cur?.createdMs ?? (ctx.models[0] ? (await read(ctx.models[0])).createdMs : new Float64Array());
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < created.length; i++) {
    lo = Math.min(lo, created[i]);
    hi = Math.max(hi, created[i]);
  }
  const day = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : "");
  const summaryJson = reportSummary({
    dataset: ctx.dataset,
    asOf,
    dataRange: { from: day(lo), to: day(hi) },
    current,
    draft,
    versions: ctx.models.map((model) => {
      const c = calibrations.get(model)!;
      return { model, evaluation: c.error === null ? (c as VersionCalibration).evaluation : null, error: c.error };
    }),
    comparison,
    reviewOptions: { by, reference, stableMonths, lastReview },
    review,
    decisions: sorted,
    otherDecisions: mine.others,
  });
  progress("Ready", 1);
  return { current, draft, scored, calibrations, review, summary: summaryJson };
}
