/** Bring your own data: dataset descriptions, loading with validation, sniffing, outcomes. */
export { parseDatasetDescription, DatasetDescriptionError, datasetDescriptionSchema, ATTRIBUTE_TYPES, FILE_KINDS } from "./schema.js";
export type { DatasetDescription, DatasetDescriptionInput, FileKind, AttributeType } from "./schema.js";
export { loadDataset } from "./load.js";
export type { LoadOptions, LoadProgress } from "./load.js";
export { sniffCsv, describeFromSniff, inferColumnType } from "./sniff.js";
export type { SniffResult, SniffColumn, InferredType } from "./sniff.js";
export { outcomeSql, createOutcomes, outcomeSource, OUTCOME_RULES } from "./outcomes.js";
export { outcomeWording, type OutcomeWording } from "./outcome-wording.js";
export type { OutcomeRule } from "./outcomes.js";
export { suggestMerges, spellingKey } from "./categories.js";
export { checkInvariant, ROW_CONVENTION, MAX_EXAMPLES } from "./report.js";
export type { ValidationReport, FileReport, Problem, Exclusion, Example, ColumnSummary, MergeSuggestion, OutcomeCounts, Severity } from "./report.js";
