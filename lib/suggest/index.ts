/** Suggested points and thresholds from statistical fits, validated out of time. */
export { designColumns, indicatorRule, indicatorLabel, ruleColumn, type DesignColumn } from "./columns.js";
export { candidateCriteria, candidateModel, profileUnusedColumns, quantileCuts, NOT_CANDIDATES, type CandidateColumn, type CandidateOptions, type ColumnProfile } from "./candidates.js";
export { readSuggestData, type ReadOptions, type SuggestData } from "./data.js";
export { splitLeads, type Split } from "./split.js";
export { suggestDiagnostics, cellAuc, type AttributeDiagnostic } from "./diagnostics.js";
export { bootstrapInChunks, type PointsIntervals } from "./bootstrap.js";
export { chooseThresholds, tradeoffPoints, type ThresholdChoice, type ThresholdOptions, type TradeoffPoint, type SalesReadyRule, type NurtureRule } from "./thresholds.js";
export { compareVersions, tierFigures, versionFigures, type Comparison, type TierFigures, type VersionFigures } from "./compare.js";
export { runSuggest, attributeGroups, type SuggestOptions, type SuggestResult, type PointsRow, type Period, type Progress } from "./run.js";
export { buildDraft, type DraftOptions } from "./draft.js";
