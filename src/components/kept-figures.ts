/**
 * The figures several pages show for one version, kept in this browser
 * between pages and visits (kept-results.ts): its calibration (Overview,
 * Calibration, Report), its fit × engagement comparison (Fit & engagement,
 * Report), its fit-vs-engagement weight per cohort (Review), its periodic
 * review (Review, Report: cohorts, drift, best customers, lost high-scorers),
 * the paired test of two versions (Calibration)
 * and its points fitted on the data (Workshop). Keyed by the
 * scores (the data and every model file), the version and this module (whose
 * URL changes with its code and the lib code it imports).
 */
import type { Db } from "../lib/db/types.js";
import { readSubScored, type CohortWeight, type FitEngagement, type SubScored } from "../lib/grid/index.js";
import type { Model } from "../lib/model/schema.js";
import type { ReviewSummary, SummaryOptions } from "../lib/monitoring/summary.js";
import type { CohortOptions, CohortRow } from "../lib/monitoring/cohorts.js";
import type { PeriodBy, ReviewInput } from "../lib/monitoring/types.js";
import type { VersionCalibration } from "../lib/workbench/calibration.js";
import type { ScoredLeads } from "../lib/workbench/scored.js";
import type { DelongPairedResult } from "../lib/metrics/index.js";
import { fitToData, type DataFit } from "../lib/workshop/against-data.js";
import { keptResult, type KeptContext } from "./kept-results.js";
import { computeFigures, type FiguresRequest } from "./figures-worker.js";

/** Where a figure is computed: on the page's thread (the pages), or in the figures' worker (prepare.ts). Same functions, same result. */
export type Compute = <T>(req: FiguresRequest) => Promise<T>;
const here: Compute = async <T>(req: FiguresRequest) => computeFigures(req) as T;

const CODE = import.meta.url;
const versionKey = (m: Model) => `${m.id}@${m.version}`;

/** versionCalibration of `model` on `scored` (read only when the figures are not kept). */
export async function keptCalibration(ctx: KeptContext, model: Model, scored: () => Promise<ScoredLeads>, compute: Compute = here): Promise<VersionCalibration | { model: Model; error: string }> {
  const { value } = await keptResult(ctx, CODE, "versionCalibration", { version: versionKey(model) }, async () => compute<VersionCalibration | { model: Model; error: string }>({ kind: "calibration", model, scored: await scored() }));
  // The page's own model object (pages compare versions by identity), not the kept copy.
  return { ...value, model };
}

/**
 * fitEngagement of `model` (its sub-scores read only when the figures are not
 * kept: by `read` when given, e.g. a page's reader that starts the next
 * version's read meanwhile, else readSubScored).
 */
export async function keptFitEngagement(ctx: KeptContext & { db: Db }, model: Model, options: { hasActivities: boolean }, read?: () => Promise<SubScored>, compute: Compute = here): Promise<FitEngagement> {
  const { value } = await keptResult(ctx, CODE, "fitEngagement", { version: versionKey(model), ...options }, async () => compute<FitEngagement>({ kind: "fitEngagement", model, sub: await (read ? read() : readSubScored(ctx.db, model)), options }));
  return value;
}

/** cohortWeights of `model` by month or quarter (its sub-scores read only when the figures are not kept). */
export async function keptCohortWeights(ctx: KeptContext & { db: Db }, model: Model, by: PeriodBy, compute: Compute = here): Promise<CohortWeight[]> {
  const { value } = await keptResult(ctx, CODE, "cohortWeights", { version: versionKey(model), by }, async () => compute<CohortWeight[]>({ kind: "cohortWeights", sub: await readSubScored(ctx.db, model), by }));
  return value;
}

/** The pair of versions the Calibration page's paired test opens with (of those evaluated): the current one (else the first) and the first other. */
export function defaultPair<M>(evaluated: readonly M[], current: M | undefined): [M | undefined, M | undefined] {
  return [evaluated.find((m) => m === current) ?? evaluated[0], evaluated.find((m) => m !== current) ?? evaluated[0]];
}

/**
 * The paired DeLong test of versions `a` and `b` on their labelled leads
 * (their scores read only when the test is not kept).
 */
export async function keptPairedDelong(ctx: KeptContext, a: Model, b: Model, read: (m: Model) => Promise<ScoredLeads>, compute: Compute = here): Promise<DelongPairedResult> {
  const { value } = await keptResult(ctx, CODE, "pairedDelong", { a: versionKey(a), b: versionKey(b) }, async () => {
    const [sa, sb] = await Promise.all([read(a), read(b)]);
    return compute<DelongPairedResult>({ kind: "pairedDelong", a: sa, b: sb });
  });
  return value;
}

/** fitToData of `base`: its criteria's points fitted on the labelled leads (the Workshop's "against the data"). */
export async function keptDataFit(ctx: KeptContext & { db: Db }, base: Model): Promise<DataFit> {
  const { value } = await keptResult(ctx, CODE, "fitToData", { version: versionKey(base) }, () => fitToData(ctx.db, base));
  return { ...value, base };
}

/** The periodic review (lib/monitoring summary) of `model` on its review input (read only when the review is not kept) with `options`. */
export async function keptReviewSummary(ctx: KeptContext, model: Model, input: () => Promise<ReviewInput>, options: SummaryOptions, compute: Compute = here): Promise<ReviewSummary> {
  const { value } = await keptResult(ctx, CODE, "reviewSummary", { version: versionKey(model), options }, async () => compute<ReviewSummary>({ kind: "summary", input: await input(), options }));
  return value;
}

/** The cohort rows of `model` (a version shown beside the current one on the Review page) for `options`, from its already-read input. */
export async function keptCohorts(ctx: KeptContext, model: Model, input: ReviewInput, options: CohortOptions, compute: Compute = here): Promise<CohortRow[]> {
  const { value } = await keptResult(ctx, CODE, "cohorts", { version: versionKey(model), options }, async () => compute<CohortRow[]>({ kind: "cohorts", input, options }));
  return value;
}
