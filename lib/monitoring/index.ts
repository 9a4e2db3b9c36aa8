export { WON, LOST, OPEN, type PeriodBy, type ReferenceSpec, type ReviewCriterion, type ReviewInput, type Tier, type TierThresholds } from "./types.js";
export { periodLabel, periodRange, periodsOf, type Period } from "./periods.js";
export { referenceWindow, type ReferenceWindow } from "./reference.js";
export { parseDate, formatDate, addMonths } from "./dates.js";
export { tierOf, tiersOf, TIERS } from "./tier.js";
export { cohorts, SMALL_CLASS, type CohortOptions, type CohortRow } from "./cohorts.js";
export { scoreDrift, bandCounts, type ScoreDrift, type ScoreDriftOptions, type ScoreDriftPeriod } from "./score-drift.js";
export { twoProportionZ, type TwoProportionZ } from "./two-proportion-z.js";
export {
  criterionDrift,
  type CriterionDrift,
  type CriterionDriftOptions,
  type CriterionPeriod,
  type CriterionStats,
} from "./criterion-drift.js";
export { reviewDue, FIRST_REVIEW_DAYS, DRIFT_PSI, type ReviewDue, type ReviewDueInput } from "./review-due.js";
export {
  bestCustomers,
  type BestCustomer,
  type BestCustomers,
  type BestCustomersOptions,
  type RevenueByPercentile,
  type RevenueByTier,
} from "./best-customers.js";
export {
  lostHighScorers,
  type CriterionOverRepresentation,
  type LostHighScorers,
  type LostHighScorersOptions,
  type OverRepresentation,
} from "./lost-high-scorers.js";
export { summary, type ReviewSummary, type SummaryOptions } from "./summary.js";
export { lostLeadRows, type LostLeadRow } from "./lost-leads.js";
