export { recompute, scoresSql, type RecomputeOptions, type RecomputeResult, type VersionScores } from "./recompute.js";
export { explain, type Explanation, type ExplainedCriterion } from "./explain.js";
export { scoreLeadReference, timestampMs, type ReferenceScore, type CriterionScore, type LeadRow, type ActivityRow, type Tier } from "./reference.js";
export { scoringDatesSql, SCORING_DATES_TABLE, DEFAULT_WINDOW_DAYS, type ScoringDateRule } from "./scoring-dates.js";
export { leadFeaturesSql, featureSpecs, featureName, ruleFeature, FEATURES_TABLE, type FeatureSpec } from "./features.js";
export { scoreSelect, scoreTableSql, criterionExpr, scoreExpr, tierExpr } from "./compile.js";
export { checkDataset, readDataShape, columnKind, type DataShape } from "./check-data.js";
export { scoresTableName, sanitize, fnv1a } from "./names.js";
