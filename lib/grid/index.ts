export { bandIndex, cellIndex, cellName, leadTier, routedTier, routesByCell, tierRule, FIT_BANDS, ENGAGEMENT_BANDS, type Cuts } from "./bands.js";
export { quartileCuts, gridCuts, type GridCuts } from "./cuts.js";
export { gridTable, type Grid, type GridCell, type SubScoredLeads } from "./cells.js";
export { relativeWeight, type RelativeWeight } from "./relative-weight.js";
export { compareSubScores, matchedCuts, type SubScoreComparison, type KindSummary, type PairedTest, type ScoreKind } from "./compare.js";
export { readSubScored, subScoredSql, type SubScored } from "./read.js";
export { fitEngagement, cohortWeights, datasetHasActivities, type FitEngagement, type CohortWeight } from "./report.js";
export { weightVerdict, type Verdict } from "./verdict.js";
