import { auc, delong, tierTableOf, type Interval, type TierRow } from "../metrics/index.js";
import { TIERS } from "../model/tiers.js";
import { formatDate } from "./dates.js";
import { periodsOf } from "./periods.js";
import type { PeriodBy, ReviewInput, TierThresholds } from "./types.js";
import { tiersOf } from "./tier.js";
import { checkInput, checkThresholds } from "./validate.js";

/** Fewer won or lost leads than this in a period: its AUC is flagged `small`. */
export const SMALL_CLASS = 30;

const WEEK_MS = 7 * 86_400_000;

export interface CohortOptions {
  by: PeriodBy;
  thresholds: TierThresholds;
}

export interface CohortRow {
  /** "2024-01" or "2024-Q1" */
  period: string;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Leads created in the period, open ones included. */
  n: number;
  won: number;
  lost: number;
  open: number;
  /** won / (won + lost); null without labelled leads. */
  winRate: number | null;
  /** Mid-rank AUC on won vs lost; null when a class is empty (see aucNote). */
  auc: number | null;
  /** DeLong 95 % interval; null with fewer than 2 won or 2 lost leads. */
  aucCi95: Interval | null;
  /** Why auc or its interval is missing, or why it is unreliable; null when fine. */
  aucNote: string | null;
  /** won < 30 or lost < 30: the AUC and its interval rest on few leads. */
  small: boolean;
  /** lib/metrics tierTable on the labelled leads: win rate and Wilson CI per tier. */
  tiers: TierRow[];
  /** Share of the period's wins that scored sales-ready; null without wins. */
  salesReadyShareOfWins: number | null;
  /** Leads (open ones included) that scored sales-ready. */
  salesReadyLeads: number;
  /** Calendar length of the period in weeks (days / 7). */
  weeks: number;
  /** salesReadyLeads / weeks */
  handedOverPerWeek: number;
  /** Mean score of all the period's leads; null for an empty period. */
  meanScore: number | null;
}

/**
 * One row per calendar period (UTC, by creation date): volume and outcomes,
 * discrimination (AUC with DeLong 95 % interval, METHODS.md §5), win rate per
 * tier with Wilson intervals (§6), the share of wins that came through the
 * sales-ready tier, sales-ready leads handed over per week and the mean score.
 *
 * Conventions: open leads count in n, salesReadyLeads and meanScore, never in
 * win rates or AUC. Tiers are the input's own (input.tier: routed by grid
 * cell when the version routes so) when given, else the thresholds (tiersOf). AUC is null when the period has no won or no lost lead;
 * its interval needs ≥ 2 of each. `small` flags won < 30 or lost < 30
 * (SMALL_CLASS, the workbench's small-band rule): read such AUCs as rough.
 * Weeks are the period's calendar days / 7 (a month of 31 days = 4.43
 * weeks), so a period the data only partly cover (the newest one) shows a
 * lower handover rate. Empty periods between the first and last lead appear
 * with zeros.
 *
 * @throws on invalid input columns (see checkInput) or thresholds.
 * @example cohorts(input, { by: "quarter", thresholds: { nurture: 40, salesReady: 70 } })[0].period // "2024-Q1"
 */
export function cohorts(input: ReviewInput, options: CohortOptions): CohortRow[] {
  const fn = "cohorts";
  checkInput(fn, input);
  const thresholds = checkThresholds(fn, options?.thresholds);
  const { score, outcome } = input;
  // The version's effective tiers: its own (routed by grid cell) when the input carries them, else the thresholds.
  const tier = tiersOf(input, thresholds);
  return periodsOf(input.createdAt, options.by).map((p) => {
    const scores: number[] = [];
    const labels: number[] = [];
    const tiers: string[] = [];
    let open = 0;
    let salesReadyLeads = 0;
    let sum = 0;
    for (const i of p.indices) {
      sum += score[i];
      if (tier[i] === "sales-ready") salesReadyLeads++;
      if (outcome[i] === -1) open++;
      else {
        scores.push(score[i]);
        labels.push(outcome[i]);
        tiers.push(tier[i]);
      }
    }
    const won = labels.reduce((t, y) => t + y, 0);
    const lost = labels.length - won;
    const tierRows = labels.length > 0 ? tierTableOf(tiers, labels) : emptyTiers();
    const weeks = (p.end - p.start) / WEEK_MS;
    return {
      period: p.label,
      start: formatDate(p.start),
      n: p.indices.length,
      won,
      lost,
      open,
      winRate: labels.length > 0 ? won / labels.length : null,
      ...discrimination(scores, labels, won, lost),
      small: won < SMALL_CLASS || lost < SMALL_CLASS,
      tiers: tierRows,
      salesReadyShareOfWins: tierRows[2].shareOfWins,
      salesReadyLeads,
      weeks,
      handedOverPerWeek: salesReadyLeads / weeks,
      meanScore: p.indices.length > 0 ? sum / p.indices.length : null,
    };
  });
}

function discrimination(scores: number[], labels: number[], won: number, lost: number): Pick<CohortRow, "auc" | "aucCi95" | "aucNote"> {
  if (won === 0 || lost === 0) {
    const missing = won === 0 && lost === 0 ? "no labelled leads" : won === 0 ? "no won leads" : "no lost leads";
    return { auc: null, aucCi95: null, aucNote: `AUC needs won and lost leads; the period has ${missing}.` };
  }
  if (won < 2 || lost < 2) {
    return { auc: auc(scores, labels), aucCi95: null, aucNote: "the DeLong interval needs at least 2 won and 2 lost leads." };
  }
  const d = delong(scores, labels);
  const note = won < SMALL_CLASS || lost < SMALL_CLASS ? `fewer than ${SMALL_CLASS} won or lost leads (${won} won, ${lost} lost): the AUC is rough.` : null;
  return { auc: d.auc, aucCi95: d.ci95, aucNote: note };
}

function emptyTiers(): TierRow[] {
  return TIERS.map((tier) => ({
    tier, leads: 0, share: 0, wins: 0, winRate: null, ci: null, shareOfWins: null, small: true,
  }));
}
