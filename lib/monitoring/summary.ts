import { bestCustomers, type BestCustomers } from "./best-customers.js";
import { cohorts, type CohortRow } from "./cohorts.js";
import { criterionDrift, type CriterionDrift, type CriterionDriftOptions } from "./criterion-drift.js";
import { lostHighScorers, type LostHighScorers } from "./lost-high-scorers.js";
import { reviewDue, type ReviewDue, type ReviewDueInput } from "./review-due.js";
import { scoreDrift, type ScoreDrift } from "./score-drift.js";
import type { PeriodBy, ReferenceSpec, ReviewInput, TierThresholds } from "./types.js";
import { checkInput } from "./validate.js";

export interface SummaryOptions {
  by: PeriodBy;
  thresholds: TierThresholds;
  /** Reference window of both drift analyses. */
  reference: ReferenceSpec;
  /** Review calendar; maxPsi is taken from the newest period's drift. */
  review: Omit<ReviewDueInput, "maxPsi">;
  /** Score bands for scoreDrift; default 10. */
  bands?: number;
  /** Length of the best-customers list; default 10. */
  top?: number;
  /** Flag settings of criterionDrift. */
  criterionFlags?: Pick<CriterionDriftOptions, "psiFlag" | "liftChange" | "alpha">;
}

export interface ReviewSummary {
  kind: "leadscore-review";
  by: PeriodBy;
  thresholds: TierThresholds;
  totals: { leads: number; won: number; lost: number; open: number };
  /** The newest period and the drift that feeds reviewDue. */
  latest: { period: string | null; scorePsi: number | null; maxCriterionPsi: number | null; maxPsi: number | null };
  cohorts: CohortRow[];
  scoreDrift: ScoreDrift;
  /** null without criteria. */
  criterionDrift: CriterionDrift[] | null;
  /** null without criteria. */
  lostHighScorers: LostHighScorers | null;
  /** null without an amount column. */
  bestCustomers: BestCustomers | null;
  reviewDue: ReviewDue;
}

/**
 * The whole periodic review in one JSON-serialisable object (plain numbers,
 * strings, booleans, null and arrays; no typed arrays, NaN or Infinity): for
 * the review page, the published report and its machine-readable summary.
 *
 * Conventions: the drift that can make a review due (reviewDue's maxPsi) is
 * the larger of the newest period's score PSI and its criteria's 2-bin PSIs;
 * it is null when the newest period lies inside the reference window.
 * Criterion sections are null without criteria, bestCustomers without amounts.
 *
 * @throws whatever the parts throw (input, thresholds, reference, dates).
 * @example JSON.stringify(summary(input, options)) // '{"kind":"leadscore-review",…}'
 */
export function summary(input: ReviewInput, options: SummaryOptions): ReviewSummary {
  checkInput("summary", input);
  const { by, thresholds, reference } = options;
  const hasCriteria = (input.criteria?.length ?? 0) > 0;
  const cohortRows = cohorts(input, { by, thresholds });
  const drift = scoreDrift(input, { reference, by, bands: options.bands });
  const crit = hasCriteria ? criterionDrift(input, { reference, by, ...options.criterionFlags }) : null;

  const last = drift.periods[drift.periods.length - 1];
  const scorePsi = last && !last.inReference ? last.psi : null;
  const critPsis = (crit ?? []).map((c) => c.periods[c.periods.length - 1]).filter((p) => p && !p.inReference && p.psi !== null).map((p) => p.psi as number);
  const maxCriterionPsi = critPsis.length > 0 ? Math.max(...critPsis) : null;
  const maxPsi = scorePsi === null && maxCriterionPsi === null ? null : Math.max(scorePsi ?? 0, maxCriterionPsi ?? 0);

  let won = 0;
  let lost = 0;
  for (let i = 0; i < input.outcome.length; i++) {
    if (input.outcome[i] === 1) won++;
    else if (input.outcome[i] === 0) lost++;
  }
  return {
    kind: "leadscore-review",
    by,
    thresholds: { nurture: thresholds.nurture, salesReady: thresholds.salesReady },
    totals: { leads: input.score.length, won, lost, open: input.score.length - won - lost },
    latest: { period: last?.period ?? null, scorePsi, maxCriterionPsi, maxPsi },
    cohorts: cohortRows,
    scoreDrift: drift,
    criterionDrift: crit,
    lostHighScorers: hasCriteria ? lostHighScorers(input, { thresholds }) : null,
    bestCustomers: input.amount ? bestCustomers(input, { thresholds, top: options.top }) : null,
    reviewDue: reviewDue({ ...options.review, maxPsi }),
  };
}
