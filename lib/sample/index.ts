export { generateSample } from "./generate.js";
export { toCsv, csvField, type SampleCsv } from "./csv.js";
export { loadSample, sampleTableSql, SAMPLE_REGISTERED_FILES } from "./load.js";
export { GROUND_TRUTH, type GroundTruth, type GroundTruthTerm } from "./ground-truth.js";
export {
  groundTruthLogit,
  windowCounts,
  termValue,
  termBeta,
  sigmoid,
  emptyCounts,
  type ActivityCounts,
} from "./linear-predictor.js";
export { SAMPLE_COLUMNS, SAMPLE_FILES, type SampleTable, type SqlType } from "./schema.js";
export { DEFAULT_SAMPLE_OPTIONS } from "./options.js";
export { mulberry32 } from "../prng.js";
export { mixSeed } from "./prng.js";
export type { SampleData, SampleMeta, SampleOptions, LeadRow, ActivityRow, DealRow } from "./types.js";
