export { DecisionSchema, ReviewSchema, describeDecision, type Decision, type Review } from "./schema.js";
export { ReviewError, parseReview, parseReviewFiles, sortNewestFirst, lastReviewDate, type ReviewEntry, type ReviewFile } from "./parse.js";
export { draftReview, reviewFileName, type DraftFields } from "./draft.js";
export { reportSummary, type ReportSummary, type ReportParts, type VersionHeadline, type ReportComparison, type ReportDecision } from "./report-summary.js";
export { splitByDataset, type OtherReview } from "./belongs.js";
export { reviewFigures } from "./figures.js";
