/** Fitting core: design, logistic fit, points, bootstrap, thresholds, diagnostics. */
export { designFromCsr, designFromLists, rowSums, toBinomialRows, type BinomialRows, type Design } from "./design.js";
export { collapseRows, type CollapsedRows } from "./collapse.js";
export { choleskyFactor, choleskySolve } from "./cholesky.js";
export { fitLogistic, type FitWarning, type FitWarningCode, type LogisticFit, type LogisticOptions } from "./logistic.js";
export { fitScoreMap, scoreProbability, type ScoreMap, type ScoreMapFit } from "./score-map.js";
export { matchCurrentRange, pdoScaling, weightedQuantile, type PdoScaling } from "./scaling.js";
export { refineIntegerPoints, type RefinedPoints, type RefineOptions } from "./refine.js";
export { suggestPoints, type DropReason, type PointsScale, type SuggestedPoints, type SuggestPointsOptions } from "./points.js";
export { mulberry32 } from "../prng.js";
export { poisson } from "./prng.js";
export { bootstrapPoints, type BootstrapOptions, type BootstrapResult } from "./bootstrap.js";
export { scoreTable, weeksSpanned, wilsonBounds, type ScoreTable } from "./score-table.js";
export { capacityCut, costValueCut, fBetaCut, minWinRateCut, nurtureCutFromShare, youdenCut, type CapacityCut, type WinRateCut } from "./thresholds.js";
export { tradeoffCurve, type TradeoffCurve } from "./tradeoff.js";
export { binnedIv, ivBand, type BinnedIv, type IvBand } from "./woe.js";
export { criterionDiagnostics, type CriterionDiagnostic } from "./diagnostics.js";
