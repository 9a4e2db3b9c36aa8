/**
 * The machine-readable summary of the published calibration report: the
 * headline figures of each version (lib/metrics evaluate), the draft-vs-
 * current comparison (paired DeLong), the periodic review of the current
 * version (lib/monitoring summary) and the decision log. The report page offers
 * it as a download and `leadscore report` writes it as summary.json, both
 * through `reportSummary`, so the two always agree.
 */
import { routesByCell, tierRule } from "../grid/bands.js";
import type { Evaluation } from "../metrics/evaluate.js";
import type { DelongPairedResult } from "../metrics/delong-paired.js";
import type { Model } from "../model/schema.js";
import type { PeriodBy, ReviewSummary } from "../monitoring/index.js";
import { describeDecision } from "./schema.js";
import type { ReviewEntry } from "./parse.js";
import type { OtherReview } from "./belongs.js";

export interface VersionHeadline {
  /** "starting@2" */
  version: string;
  label: string;
  status: Model["status"];
  effectiveFrom: string;
  current: boolean;
  thresholds: { nurture: number; salesReady: number };
  /** Where the tiers come from: the thresholds on the score, or the version's routing by fit × engagement cell. */
  tierSource: "thresholds" | "grid-cells";
  /** How the tiers are decided, in words (lib/grid tierRule). */
  tierRule: string;
  /** Why there are no figures (a class is empty); absent when fine. */
  error?: string;
  nWon?: number;
  nLost?: number;
  baseRate?: number | null;
  auc?: number | null;
  aucCi95?: [number, number] | null;
  gini?: number | null;
  ks?: number | null;
  brier?: number | null;
  logLoss?: number | null;
  ece?: number | null;
  /** Win rate rises band after band. */
  monotone?: boolean;
  tiers?: { tier: string; leads: number; share: number; wins: number; winRate: number | null; ci: [number, number] | null; shareOfWins: number | null }[];
}

export interface ReportComparison {
  /** The draft, "A". */
  a: string;
  /** The current version, "B". */
  b: string;
  n: number;
  aucA: number;
  aucB: number;
  /** aucA − aucB with its 95 % interval and two-sided p (paired DeLong). */
  deltaAuc: number;
  ci95: [number, number];
  p: number;
}

export interface ReportDecision {
  file: string;
  date: string | null;
  attendees: string[];
  versionsReviewed: string[];
  decision: string | null;
  nextReview: string | null;
  /** The file's validation error, when invalid. */
  error?: string;
}

export interface ReportSummary {
  kind: "leadscore-report";
  dataset: string;
  /** The dataset's end date, "YYYY-MM-DD" (the report's date). */
  asOf: string;
  /** Creation dates of the first and last lead, "YYYY-MM-DD". */
  dataRange: { from: string; to: string };
  current: string | null;
  draft: string | null;
  versions: VersionHeadline[];
  comparison: ReportComparison | null;
  reviewOptions: { by: PeriodBy; reference: [string, string]; stableMonths: number; lastReview: string | null };
  /** The periodic review of the current version; null without one. */
  review: ReviewSummary | null;
  /** This dataset's decision log, newest first. */
  decisions: ReportDecision[];
  /** Decision files given with the report that belong to another dataset or to other model versions, with the reason: not part of the log. */
  otherDecisions: OtherReview[];
}

export interface ReportParts {
  dataset: string;
  asOf: string;
  dataRange: { from: string; to: string };
  current: Model | null;
  draft: Model | null;
  versions: { model: Model; evaluation: Evaluation | null; error: string | null }[];
  comparison: DelongPairedResult & { n: number } | null;
  reviewOptions: ReportSummary["reviewOptions"];
  review: ReviewSummary | null;
  decisions: readonly ReviewEntry[];
  otherDecisions?: readonly OtherReview[];
}

const id = (m: Pick<Model, "id" | "version">) => `${m.id}@${m.version}`;
const fin = (x: number) => (Number.isFinite(x) ? x : null);
const pair = (x: readonly [number, number] | null | undefined): [number, number] | null => (x ? [x[0], x[1]] : null);

/**
 * Assembles the summary from computed parts. Plain JSON: non-finite numbers
 * become null, intervals plain pairs.
 * @example JSON.parse(JSON.stringify(reportSummary(parts))).kind // "leadscore-report"
 */
export function reportSummary(parts: ReportParts): ReportSummary {
  return {
    kind: "leadscore-report",
    dataset: parts.dataset,
    asOf: parts.asOf,
    dataRange: parts.dataRange,
    current: parts.current ? id(parts.current) : null,
    draft: parts.draft ? id(parts.draft) : null,
    versions: parts.versions.map(({ model, evaluation: e, error }): VersionHeadline => {
      const head = {
        version: id(model), label: `${model.id} v${model.version}`, status: model.status, effectiveFrom: model.effectiveFrom,
        current: model === parts.current, thresholds: { nurture: model.thresholds.nurture, salesReady: model.thresholds.salesReady },
        tierSource: routesByCell(model) ? ("grid-cells" as const) : ("thresholds" as const), tierRule: tierRule(model),
      };
      if (!e) return { ...head, error: error ?? "not evaluated" };
      return {
        ...head,
        nWon: e.nWon, nLost: e.nLost, baseRate: fin(e.baseRate),
        auc: fin(e.auc.auc), aucCi95: pair(e.auc.ci95), gini: fin(e.gini), ks: fin(e.ks.ks),
        brier: fin(e.calibration.brier.brier), logLoss: fin(e.calibration.logLoss), ece: fin(e.calibration.ece),
        monotone: e.monotonicity.monotone,
        tiers: e.tiers.map((t) => ({ tier: t.tier, leads: t.leads, share: t.share, wins: t.wins, winRate: t.winRate, ci: pair(t.ci), shareOfWins: t.shareOfWins })),
      };
    }),
    comparison: parts.comparison && parts.draft && parts.current
      ? { a: id(parts.draft), b: id(parts.current), n: parts.comparison.n, aucA: parts.comparison.aucA, aucB: parts.comparison.aucB, deltaAuc: parts.comparison.diff, ci95: pair(parts.comparison.ci95)!, p: parts.comparison.p }
      : null,
    reviewOptions: parts.reviewOptions,
    review: parts.review,
    decisions: parts.decisions.map((e): ReportDecision =>
      e.ok
        ? { file: e.file, date: e.review.date, attendees: e.review.attendees, versionsReviewed: e.review.versionsReviewed, decision: describeDecision(e.review.decision), nextReview: e.review.nextReview }
        : { file: e.file, date: null, attendees: [], versionsReviewed: [], decision: null, nextReview: null, error: e.error },
    ),
    otherDecisions: (parts.otherDecisions ?? []).map((o) => ({ file: o.file, reason: o.reason })),
  };
}
