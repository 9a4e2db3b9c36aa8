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
export { suggestFromData, type FromDataOptions, type FromDataResult, type FromDataProgress, type CandidateSummary, type CurvePoint } from "./from-data.js";
export { type FromDataInput, type InputColumn, type ActivityInput } from "./from-data-input.js";
export { readFromDataInput } from "./from-data-read.js";
export { optimalBinning, mergePreBins, preBinCuts, readableCut, type NumericBinning, type Trend } from "./binning.js";
export { dataCandidates, type Candidate } from "./data-candidates.js";
export { forwardSelect, oneSeK, pairedOneSeK, type Selection } from "./select.js";
export { fitHalfLife, type HalfLifeFit } from "./decay.js";
