/**
 * The Review page's parts, each drawn from figures of lib/ (lib/monitoring,
 * lib/decisions, lib/workbench): the page (src/review.md) holds the prose and
 * calls these. openReview reads what every part needs once; reviewState
 * recomputes the figures when the page's inputs change.
 */
import type { Model } from "../lib/model/schema.js";
import { bestCustomers, criterionDrift, lostLeadRows, periodsOf, scoreDrift, type CriterionDrift, type PeriodBy, type ReviewSummary } from "../lib/monitoring/index.js";
import { lastReviewDate, reviewFigures, splitByDataset, type OtherReview, type ReviewEntry } from "../lib/decisions/index.js";
import { latestDraft } from "../lib/decisions/collect.js";
import { defaultReference, pointsGap, readCohortInput, readColumnIndicators, readReviewInput, type CohortInput, type VersionReviewInput } from "../lib/workbench/review-input.js";
import { leadSourceColumn, segmentColumns } from "../lib/workbench/segments.js";
import { compareDraft, draftVerdict, type ComparedVersion } from "../lib/workbench/paired-comparison.js";
import { pairedDelongText } from "../lib/metrics/delong-text.js";
import { datasetHasActivities, routesByCell, tierRule } from "../lib/grid/index.js";
import { keptCohorts, keptCohortWeights, keptReviewSummary, type Compute } from "./kept-figures.js";
import { csvText } from "../lib/export/csv.js";
import { CohortWeightTable } from "./fit-engagement-view.js";
import {
  BestCustomersChart, CohortLineChart, CriterionDriftHeatmap, CriterionDriftTable, DecisionForm, loadReviews, OverRepresentationChart, OverRepresentationTable,
  PsiChart, RevenueDecileChart, RevenueTierTable, ReviewDueBanner, scorePsiRows, TierWinRateChart, type CohortSeries,
} from "./review-view.js";
import { DownloadButton, ErrorBox, Kpi, ProgressLine, Table, el, fmtInt, fmtMoney, fmtNum, fmtPct, humanLabel, noVersionText, stopPage } from "./ui.js";
import { openWorkbench, type Workbench } from "./workbench.js";

type Progress = ReturnType<typeof ProgressLine>;

export { PageEnd } from "./glossary.js";
export { Later, laterValue } from "./ui.js";
/** Nothing to draw (a part that does not apply): an empty fragment, so every part is a node. */
const nothing = () => document.createDocumentFragment();
/** The page's chart width for the main column. */
const chartWidth = (width: number) => Math.min(width - 60, 980);

export interface ReviewData {
  reviews: ReviewEntry[];
  otherReviews: OtherReview[];
  /** The dataset's end date (YYYY-MM-DD), the "today" of the review. */
  asOf: string | null;
  /**
   * What the cohort charts read of each version shown (no criterion points): the current version's
   * (its full input) and the newest draft's at once, others when shown (readShown).
   */
  inputs: Map<Model, CohortInput>;
  /** A scored version's full review input (criterion points included), read once when first asked for. */
  full: (m: Model) => Promise<VersionReviewInput>;
  current: Model | null;
  /** The current version's input without criterion points (what the first screen needs); `full` has them. */
  base: CohortInput | null;
  /** The lead-source column and one indicator per value (the lead-mix drift), read once when first asked for; none without such a column. */
  mix: () => Promise<{ column: string; indicators: { id: string; label: string; points: Float64Array }[] } | null>;
  draft: Model | null;
  /** Versions that can be shown beside the current one. */
  otherVersions: Model[];
  months: string[];
  refDefault: [string, string];
  /** Why there is nothing to review (scoring failed, no version), to show at the top. */
  problem: HTMLElement | null;
  /** The versions scored (each has a review input, read when first shown: `inputs`). */
  scored: Set<Model>;
}

/** Reads the decision files, each version's review input and the lead-source mix, once per workspace. */
export async function openReview(wb: Workbench, progress: Progress): Promise<ReviewData> {
  const { entries: reviews, others: otherReviews } = splitByDataset(await loadReviews(wb.reviews), { dataset: wb.description.name, models: wb.models });
  const asOf = wb.report.asOf ? wb.report.asOf.slice(0, 10) : null;
  progress.update("Reading scores, outcomes, won amounts and criterion points…", 0.9);
  // Every scored version can be shown; only the current one and the newest draft (shown by default) are read now, the others when ticked (readShown).
  const scored = wb.recompute ? wb.models : [];
  const current = wb.current && scored.includes(wb.current) ? wb.current : null;
  const draft = latestDraft(wb.models, wb.current) ?? null;
  // The first screen needs the current version's and the draft's scores (cohort inputs); criterion points
  // and the lead mix are read when something first asks for them.
  const fulls = new Map<Model, Promise<VersionReviewInput>>();
  const full = (m: Model) => {
    // The version's cohort input when read already (the first screen's): only its criterion points are read then.
    if (!fulls.has(m)) fulls.set(m, readReviewInput(wb.db, m, inputs.get(m)));
    return fulls.get(m)!;
  };
  const shownAtOnce = [current, draft].filter((m): m is Model => !!m && scored.includes(m));
  // Criterion points (one column per criterion: 2–4 s at a million leads) are read only when a section
  // needs them: the review when it is not kept in this browser, the criteria's drift, the lost high-scorers.
  const inputs = new Map<Model, CohortInput>(await Promise.all(shownAtOnce.map(async (m) => [m, await readCohortInput(wb.db, m)] as const)));
  const base = current ? inputs.get(current)! : null;
  let mixRead: ReturnType<ReviewData["mix"]> | null = null;
  const mix = () => (mixRead ??= (async () => {
    const source = base ? leadSourceColumn(await segmentColumns(wb.db)) : undefined;
    return source && base ? { column: source.column, indicators: await readColumnIndicators(wb.db, base, source.column) } : null;
  })());
  progress.done();
  const problem = wb.scoringError ? ErrorBox(wb.scoringError, "Scores not computed")
    : !current ? ErrorBox("There is no valid model version to review: add one to data/models/.", "No current version") : null;
  const months = base ? periodsOf(base.createdAt, "month").map((p) => p.label) : [];
  const refDefault = base ? defaultReference(base.createdAt) : (["", ""] as [string, string]);
  const otherVersions = scored.filter((m) => m !== current);
  return { reviews, otherReviews, asOf, inputs, full, current, base, mix, draft, otherVersions, months, refDefault, problem, scored: new Set(scored) };
}

/** Reads the review input of every version to show that is not read yet (a version ticked under "Also show"). */
export async function readShown(wb: Workbench, r: ReviewData, others: Model[]): Promise<void> {
  for (const m of others) if (!r.inputs.has(m) && r.scored.has(m)) r.inputs.set(m, await readCohortInput(wb.db, m));
}

/**
 * Opens the workbench and the review's data with a progress line, shown
 * through the page's `display`, and shows why there is nothing to review.
 */
export async function openReviewPage(display: (node: Node) => unknown): Promise<{ wb: Workbench; r: ReviewData }> {
  const progress = ProgressLine("Opening the workbench…");
  display(progress.node);
  const wb = await openWorkbench(progress.update);
  const r = await openReview(wb, progress);
  if (!r.current) return stopPage(display, noVersionText(wb.scoringError, "The review judges the scores of a version"), "No version to review");
  if (r.problem) display(r.problem);
  return { wb, r };
}

/** The page's choices as it opens (src/review.md's inputs start from these): what the Overview prepares (prepare.ts). */
export function defaultReviewChoices(r: ReviewData): ReviewChoices {
  return {
    by: "quarter",
    others: r.draft ? [r.draft] : [],
    refFrom: r.refDefault[0],
    refTo: r.months.includes(r.refDefault[1]) ? r.refDefault[1] : (r.months.at(-1) ?? r.refDefault[1]),
    stableMonths: 6,
  };
}

export interface ReviewChoices {
  by: PeriodBy;
  /** Other versions shown beside the current one. */
  others: Model[];
  refFrom: string;
  refTo: string;
  stableMonths: number;
}

export interface ReviewState {
  by: PeriodBy;
  stableMonths: number;
  reference: [string, string];
  shown: Model[];
  series: { model: Model; version: string; input: CohortInput }[];
  cohortSeries: CohortSeries[];
  lastReview: string | undefined;
  /** The whole review of the current version; null without one or without an end date. */
  s: ReviewSummary | null;
  /** First and newest cohort with ≥ 30 won and lost leads. */
  first: ReviewSummary["cohorts"][number] | undefined;
  last: ReviewSummary["cohorts"][number] | undefined;
}

/** The review's figures for the page's choices (lib/monitoring summary and cohorts). */
export async function reviewState(wb: Workbench, r: ReviewData, c: ReviewChoices, compute?: Compute): Promise<ReviewState> {
  const reference: [string, string] = c.refFrom <= c.refTo ? [c.refFrom, c.refTo] : [c.refTo, c.refFrom];
  const { current, base, asOf } = r;
  const shown = current ? [current, ...c.others] : [];
  const series = shown.map((m) => ({ model: m, version: wb.label(m), input: r.inputs.get(m)! }));
  const lastReview = asOf ? lastReviewDate(r.reviews, asOf) : undefined;
  // Kept in this browser (kept-figures.ts): the Report reads the same review with the default choices.
  const s = current && base && asOf ? await keptReviewSummary(wb, current, () => r.full(current), {
    by: c.by, thresholds: current.thresholds, reference,
    review: { lastModelChange: current.effectiveFrom <= asOf ? current.effectiveFrom : asOf, ...(lastReview && { lastReview }), asOf, stableMonths: c.stableMonths },
  }, compute) : null;
  // The summary's cohorts are the current version's (same leads, period and thresholds): not computed twice.
  // Another version's cohorts are kept too (the draft is shown by default: 0.6 s at a million leads).
  const cohortSeries = await Promise.all(series.map(async (x) => ({ version: x.version, rows: s && x.model === current ? s.cohorts : await keptCohorts(wb, x.model, x.input, { by: c.by, thresholds: x.model.thresholds }, compute) })));
  const full = s ? s.cohorts.filter((x) => !x.small) : [];
  return { by: c.by, stableMonths: c.stableMonths, reference, shown, series, cohortSeries, lastReview, s, first: full[0], last: full.at(-1) };
}

/** The review-due banner and the four headline figures. */
export function ReviewHeadline(wb: Workbench, r: ReviewData, st: ReviewState) {
  const { s, first, last, reference } = st;
  const current = r.current;
  if (!s || !current || !r.asOf) return nothing();
  return el("div", {},
    ReviewDueBanner(s.reviewDue, { asOf: r.asOf, version: wb.label(current), effectiveFrom: current.effectiveFrom, lastReview: st.lastReview ?? null, stableMonths: st.stableMonths, laterReviews: r.reviews.filter((e) => e.ok && e.review.date > r.asOf!).length }),
    el("div", { class: "grid grid-cols-4" },
      Kpi("Leads reviewed", fmtInt(s.totals.leads), `${fmtInt(s.totals.won)} won · ${fmtInt(s.totals.lost)} lost · ${fmtInt(s.totals.open)} open`),
      Kpi(`AUC ${first?.period ?? ""} → ${last?.period ?? ""}`, `${fmtNum(first?.auc ?? NaN, 2)} → ${fmtNum(last?.auc ?? NaN, 2)}`, `${wb.label(current)}, first and newest cohort with ≥ 30 won and lost`),
      Kpi("Score PSI, newest period", fmtNum(s.latest.scorePsi ?? NaN, 3), s.latest.period ? `${s.latest.period} vs ${reference.join(" … ")}` : "inside the reference"),
      Kpi("Largest criterion PSI, newest period", fmtNum(s.latest.maxCriterionPsi ?? NaN, 3), "fired / not fired, 2-bin PSI")));
}

/** Win rate per tier and cohort, with each routed version's tier rule. */
export function TierSection(st: ReviewState, width: number) {
  return el("div", {},
    TierWinRateChart(st.cohortSeries, { width: chartWidth(width) - 120, height: 170 }),
    el("p", { class: "muted" }, "Win rate of each tier per cohort (Wilson 95 % intervals). The tiers should stay apart: sales-ready well above nurture, nurture above ignore.",
      ...st.series.filter((x) => routesByCell(x.model)).map((x) => ` ${x.version}: ${tierRule(x.model)}.`)));
}

/** Share of wins through sales-ready, and sales-ready leads per week, per cohort. */
export function HandOverCharts(st: ReviewState, width: number) {
  const w = Math.max(280, chartWidth(width) / 2 - 90);
  return el("div", { class: "grid grid-cols-2" }, CohortLineChart(st.cohortSeries, "salesReadyShareOfWins", { width: w }), CohortLineChart(st.cohortSeries, "handedOverPerWeek", { width: w }));
}

/** Fit vs engagement per cohort (lib/grid cohortWeights), or why there is none. */
export async function FitEngagementDrift(wb: Workbench, current: Model | null, by: PeriodBy) {
  if (!current) return nothing();
  if (!datasetHasActivities(wb.report)) return el("p", { class: "no-engagement" }, "This dataset has no activities: there is no engagement score to weigh against fit.");
  return el("div", {},
    el("p", {}, `${wb.label(current)} per cohort: AUC of the fit sub-score alone, the engagement sub-score alone and the total, and what one engagement point is worth in fit points on that cohort's leads (two-variable logistic fit; the version counts it as 1). See the Fit & engagement page for the grid.`),
    CohortWeightTable(await keptCohortWeights(wb, current, by)));
}

/** Score PSI per period and version. */
export function ScorePsiChart(st: ReviewState, width: number) {
  const rows = st.series.flatMap((x) => scorePsiRows(x.version, scoreDrift(x.input, { reference: st.reference, by: st.by })));
  return PsiChart(rows, { width: chartWidth(width) - 60, title: "Score PSI per period" });
}

/** Which criteria of a version drifted, and the heatmap. */
export function CriterionDriftSummary(cd: CriterionDrift[], version: string, width: number) {
  const flagged = cd.filter((c) => c.flaggedPeriods.length);
  return el("div", {},
    el("p", {}, flagged.length
      ? el("span", {}, el("strong", {}, `${flagged.length} of ${cd.length} criteria of ${version} drifted: `), flagged.map((c) => c.label).join("; "), ".")
      : `No criterion of ${version} drifted past the flags.`),
    CriterionDriftHeatmap(cd, { width: Math.min(width - 60, 900), title: `Criterion drift, ${version}` }));
}

/** The same drift measures for each value of the lead-source column (whatever the model scores). */
export async function LeadMixDrift(r: ReviewData, st: ReviewState, width: number) {
  const mix = await r.mix();
  if (!mix?.indicators.length || !r.base) return nothing();
  const column = mix.column;
  const md = criterionDrift({ ...r.base, criteria: mix.indicators }, { reference: st.reference, by: st.by });
  return el("div", {},
    el("h3", {}, `Lead mix: ${humanLabel(column)} (whatever the model scores)`),
    el("p", { class: "muted" }, `The same drift measures for each value of ${humanLabel(column).toLowerCase()} (column ${column}), the channel a lead came through. A channel can change in volume or quality even when no criterion looks at it.`),
    CriterionDriftHeatmap(md, { width: Math.min(width - 60, 900), title: `${humanLabel(column)} drift` }),
    CriterionDriftTable(md.filter((c) => c.flaggedPeriods.length)));
}

/** Whether the best customers (by won amount) reach the highest scores. */
export function BestCustomersSection(wb: Workbench, r: ReviewData, st: ReviewState, width: number) {
  const currency = wb.description.currency;
  if (!st.s?.bestCustomers || !r.base || !r.current)
    return el("p", { class: "muted" }, `The dataset has no won amounts (${wb.description.deals ? "no amount column in the deals" : "the revenue of each won lead"}): this section needs them.`);
  const b = bestCustomers(r.base, { thresholds: r.current.thresholds, top: r.base.score.length });
  // null (no amounts) reads as "–" and "unrelated", as the page always wrote it.
  const rw = b.meanPercentile.revenueWeighted as number, cw = b.meanPercentile.countWeighted as number;
  const capture = b.salesReadyCapture as { revenueWeighted: number; countWeighted: number };
  return el("div", {},
    el("p", {}, `${fmtInt(b.wonWithAmount)} won leads with an amount (${fmtMoney(b.revenue, currency)} in total). Revenue-weighted mean score percentile `, el("strong", {}, fmtNum(rw, 1)),
      ` against ${fmtNum(cw, 1)} unweighted: `, rw > cw + 1 ? "bigger deals score higher." : rw < cw - 1 ? "bigger deals score lower than small ones." : "deal size and score are unrelated.",
      ` The sales-ready tier caught ${fmtPct(capture.revenueWeighted)} of the revenue and ${fmtPct(capture.countWeighted)} of the won leads.`),
    BestCustomersChart(b.top, { width: chartWidth(width) - 120, currency }),
    RevenueDecileChart(b, { width: Math.min(width - 60, 640), height: 230 }),
    el("h3", {}, "Revenue per tier"),
    RevenueTierTable(b, currency));
}

/** The lost sales-ready leads: which criteria fired for them, and the leads themselves (all as CSV). */
export async function LostHighScorersSection(wb: Workbench, r: ReviewData, st: ReviewState, width: number) {
  const lhs = st.s?.lostHighScorers;
  const { current } = r;
  if (!lhs || !r.base || !current) return nothing();
  const base = await r.full(current);
  const rows = lostLeadRows(base, lhs.indices);
  return el("div", {},
    el("p", {}, `${fmtInt(lhs.indices.length)} lost leads scored sales-ready (${routesByCell(current) ? tierRule(current) : `≥ ${current.thresholds.salesReady}`}) under ${wb.label(current)}, against ${fmtInt(lhs.wonSalesReady)} won ones. For each criterion: how often it fired among the lost sales-ready leads, among the won sales-ready leads (the fair comparison: both passed the threshold) and among all won leads. Sorted by the z of lost vs won sales-ready; "misleading" marks z ≥ 1.96.`),
    OverRepresentationChart(lhs, { width: Math.min(width - 60, 900) }),
    OverRepresentationTable(lhs, pointsGap(base, current.thresholds.salesReady)),
    el("h3", {}, `The lost sales-ready leads, highest score first`),
    Table([{ key: "lead", label: "Lead" }, { key: "created", label: "Created" }, { key: "score", label: "Score", align: "right" }, { key: "fired", label: "Criteria that fired (points)" }],
      rows.slice(0, 15).map((x) => ({ lead: x.leadId, created: x.created, score: fmtNum(x.score, 1), fired: el("span", { style: "white-space:normal" }, x.fired) }))),
    el("p", { class: "muted" }, `15 of ${fmtInt(lhs.indices.length)} shown. `, DownloadButton("Download all as CSV", "lost-high-scorers.csv", () =>
      csvText(["lead_id", "created", "score", "fired"], rows.map((x) => [x.leadId, x.created, x.score, x.fired])), "text/csv")));
}

/** The newest draft version against the current one (lib/workbench compareDraft). */
export async function DraftComparisonSection(wb: Workbench, r: ReviewData) {
  const { draft, current } = r;
  if (!draft || !current || !r.scored.has(draft)) return el("p", { class: "muted" }, "No draft version in data/models/: nothing to compare.");
  const c = await compareDraft(wb.db, draft, current);
  if ("error" in c) return ErrorBox(c.error, "Cannot compare");
  const d = c.delong;
  const row = (v: ComparedVersion) => ({
    version: wb.label(v.model), auc: `${fmtNum(v.auc)} (${fmtNum(v.auc95[0])}–${fmtNum(v.auc95[1])})`,
    thr: v.routed ? "by grid cell" : `${v.thresholds.nurture} / ${v.thresholds.salesReady}`, sr: `${fmtInt(v.salesReady.leads)} · ${fmtPct(v.salesReady.winRate ?? NaN)}`,
    share: fmtPct(v.salesReady.shareOfWins ?? NaN), brier: fmtNum(v.brier, 4),
  });
  return el("div", {},
    el("p", {}, `Draft ${wb.label(draft)} vs current ${wb.label(current)} on the same ${fmtInt(c.n)} labelled leads: ΔAUC `, el("strong", {}, `${d.diff >= 0 ? "+" : ""}${fmtNum(d.diff)}`),
      ` (${pairedDelongText(d)}, paired DeLong). `, draftVerdict(d)),
    Table([{ key: "version", label: "Version" }, { key: "auc", label: "AUC (95 % CI)", align: "right" }, { key: "thr", label: "Thresholds", align: "right" },
      { key: "sr", label: "Sales-ready · win rate", align: "right" }, { key: "share", label: "Wins via SR", align: "right" }, { key: "brier", label: "Brier", align: "right" }], c.versions.map(row)));
}

/** The form that drafts a decision file with the figures on the page. */
export function NewDecisionForm(wb: Workbench, r: ReviewData, st: ReviewState) {
  const { current, asOf, draft } = r;
  if (!current || !st.s || !asOf) return nothing();
  const figures = reviewFigures({ asOf, by: st.by, reference: st.reference, version: wb.label(current), first: st.first, last: st.last, summary: st.s });
  return DecisionForm({
    dataset: wb.description.name, asOf, versions: wb.models.map((m) => `${m.id}@${m.version}`), current: `${current.id}@${current.version}`,
    draft: draft ? `${draft.id}@${draft.version}` : null, thresholds: current.thresholds, figures, stableMonths: st.stableMonths,
  });
}

export { CohortAucChart, CriterionDriftTable, DecisionLog } from "./review-view.js";

/** The criterion drift of one shown version (lib/monitoring criterionDrift); none without a version. */
export async function criterionDriftOf(r: ReviewData, st: ReviewState, version: Model | null | undefined): Promise<CriterionDrift[]> {
  return version ? criterionDrift(await r.full(version), { reference: st.reference, by: st.by }) : [];
}

/** Score PSI per period and version, and how to read it. */
export function ScorePsiSection(st: ReviewState, width: number) {
  return el("div", {}, ScorePsiChart(st, width),
    el("p", { class: "muted" }, `PSI of each period's score distribution against ${st.reference.join(" … ")}, over the reference's score deciles: below 0.10 no significant change, 0.10–0.25 investigate, 0.25 and above significant.`));
}
