export { parseModel, ModelError, formatPath } from "./parse.js";
export { ModelSchema, ModelObjectSchema, RuleSchema, CriterionSchema, type Model, type Criterion, type Rule, type RuleType, type ColumnType } from "./schema.js";
export { modelIssues, RESERVED_IDS, type ModelIssue } from "./check.js";
export { diffModels, sameScoring, type ModelDiff } from "./diff.js";
export { TIERS, TIER_LABEL, TIER_COLOR, tierLabel, tierIndex, isTier, type Tier } from "./tiers.js";
