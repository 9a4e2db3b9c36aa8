/**
 * The scoring-model file format: one zod schema. Structure lives here (it is
 * exported to data/models/model.schema.json); the cross-field rules (unique
 * ids, sorted bands, known columns, nurture < salesReady …) live in check.ts
 * and are attached below with superRefine. `parseModel` (parse.ts) is the only
 * way a model enters the program.
 *
 * Semantics (shared by the SQL scorer and the TypeScript reference scorer):
 * - A lead is scored as of its `scoring_at` timestamp. Only activities with
 *   occurred_at <= scoring_at exist for it (no look-ahead). An activity's age
 *   is (scoring_at - occurred_at) in days, a fractional number:
 *   milliseconds / 86 400 000.
 * - "Within N days" means 0 <= age < N.
 * - A missing value is SQL NULL (JS null). It never matches equals / in /
 *   notIn, is not true for flag, and falls in a bands rule's `missing` band.
 * - Bands are half-open [lo, hi); lo null = -infinity (first band only),
 *   hi null = +infinity (last band only). A value in a gap between bands
 *   scores 0. For bands and recency rules the points live in the bands and the
 *   criterion has no `points`.
 * - Decay: an activity of age t weighs w(t) = round(1e9 * 2^(-t / halfLifeDays)) / 1e9,
 *   i.e. rounded to 9 decimals before anything is summed, so sums are exact
 *   and independent of summation order on every engine.
 * - Scores are not rounded. Integer rules give integer points; decayed rules
 *   give points * (a multiple of 1e-9). `score` = sum over categories of
 *   min(category total, category cap), where a category total sums its
 *   ungrouped criteria and, per group, min(group total, group cap).
 * - Tier: score >= salesReady → "sales-ready"; else score >= nurture →
 *   "nurture"; else "ignore".
 * - Sub-scores: `fit` = the fit category's total after its group and category
 *   caps, `engagement` = the behaviour category's (activity rules and any
 *   criterion the model files under "behaviour"); score = fit + engagement.
 * - Grid (optional `grid`): fit bands A–D and engagement bands 1–4 from three
 *   ascending cut points each: D < c1 <= C < c2 <= B < c3 <= A (likewise
 *   4, 3, 2, 1); A and 1 are the highest. Without cut points the grid uses
 *   quartiles of the scored leads (lib/grid). With `grid.routing` the tier
 *   comes from the lead's cell instead of the thresholds: a cell listed in
 *   salesReady → "sales-ready", in nurture → "nurture", any other → "ignore".
 */
import { z } from "zod";
import { modelIssues } from "./check.js";

const NO_NUL = /^[^\u0000]*$/;
const ColumnName = z.string().min(1).max(256).regex(NO_NUL).describe("A column of the leads table (any characters; quoted in SQL).");
const ActivityName = z.string().min(1).max(256).regex(NO_NUL).describe("An activity_type value of the activities table.");
const MAX_POINTS = 1_000_000;
const pointsError = (iss: { input?: unknown }) =>
  `points must be an integer from -${MAX_POINTS} to ${MAX_POINTS} (negative allowed); received ${JSON.stringify(iss.input)}. Use whole points.`;
const Points = z
  .int({ error: pointsError })
  .min(-MAX_POINTS, { error: pointsError })
  .max(MAX_POINTS, { error: pointsError })
  .describe("Integer points; negative allowed.");
const IsoDate = z.iso
  .date({ error: (iss) => `expected a calendar date YYYY-MM-DD; received ${JSON.stringify(iss.input)}.` })
  .describe("YYYY-MM-DD");
/** The most criteria a model may have (the score query nests per criterion; 990 worked, 2,000 did not). */
export const MAX_CRITERIA = 500;
/** The most values in one in / notIn list. */
export const MAX_LIST_VALUES = 10_000;
/** The longest text value in a rule (equals / in / notIn). */
export const MAX_VALUE_LENGTH = 4096;
const Text = z
  .string()
  .max(MAX_VALUE_LENGTH, { error: `a value may have at most ${MAX_VALUE_LENGTH} characters` })
  .regex(NO_NUL, { error: (iss) => `a value must not contain the NUL character (\\u0000); received ${JSON.stringify(iss.input)}. Remove it` });
const Scalar = z.union([Text, z.number(), z.boolean()]);
const ValueList = z
  .array(Scalar)
  .min(1)
  .max(MAX_LIST_VALUES, { error: (iss) => `a list may have at most ${MAX_LIST_VALUES} values; received ${(iss.input as unknown[]).length}. Group the values into fewer, broader categories` });
const Days = z.int().min(1).max(36_500).describe("Whole days, 1 to 36500.");

const Band = z.strictObject({
  lo: z.number().nullable().describe("Inclusive lower bound; null = -infinity (first band only)."),
  hi: z.number().nullable().describe("Exclusive upper bound; null = +infinity (last band only)."),
  points: Points,
});
const AgeBand = z.strictObject({
  lo: z.number().min(0).describe("Inclusive lower bound of the age in days."),
  hi: z.number().nullable().describe("Exclusive upper bound of the age in days; null = +infinity (last band only)."),
  points: Points,
});
const Decay = z
  .strictObject({ halfLifeDays: z.number().positive() })
  .describe("Exponential decay: an activity of age t days weighs round(1e9 * 2^(-t / halfLifeDays)) / 1e9.");

const GRID_CELLS = ["A", "B", "C", "D"].flatMap((f) => ["1", "2", "3", "4"].map((e) => `${f}${e}`)) as [string, ...string[]];
const Cuts = z.array(z.number()).length(3).describe("Three ascending cut points [c1, c2, c3]: band 4/D below c1, A/1 from c3 up.");
const Cells = z.array(z.enum(GRID_CELLS)).describe("Grid cells, fit band letter then engagement band digit, e.g. \"A1\".");

const RULE_TYPES = "equals, in, notIn, bands, missing, present, flag, activityCount, activityPoints, hasActivity, recency";
export const RuleSchema = z.discriminatedUnion(
  "type",
  [
  z.strictObject({ type: z.literal("equals"), column: ColumnName, value: Scalar }).describe("Fires when the column equals value."),
  z.strictObject({ type: z.literal("in"), column: ColumnName, values: ValueList }).describe("Fires when the column is one of values."),
  z
    .strictObject({ type: z.literal("notIn"), column: ColumnName, values: ValueList })
    .describe("Fires when the column is present and none of values."),
  z
    .strictObject({
      type: z.literal("bands"),
      column: ColumnName,
      bands: z.array(Band).min(1),
      missing: z.strictObject({ points: Points }).describe("Points when the value is missing (NULL)."),
    })
    .describe("Numeric bands [lo, hi) on a number column, each with its own points, plus an explicit missing band."),
  z.strictObject({ type: z.literal("missing"), column: ColumnName }).describe("Fires when the column is NULL."),
  z.strictObject({ type: z.literal("present"), column: ColumnName }).describe("Fires when the column is not NULL."),
  z.strictObject({ type: z.literal("flag"), column: ColumnName }).describe("Fires when the boolean column is true."),
  z
    .strictObject({ type: z.literal("activityCount"), activity: ActivityName, withinDays: Days, min: z.int().min(1) })
    .describe("Fires (criterion points) when at least `min` activities of the type have 0 <= age < withinDays."),
  z
    .strictObject({
      type: z.literal("activityPoints"),
      activity: ActivityName,
      withinDays: Days,
      maxCount: z.number().positive().optional(),
      decay: Decay.optional(),
    })
    .describe(
      "Per-activity points: points * min(n, maxCount), n = the number of activities of the type with 0 <= age < withinDays, " +
        "or with decay the sum of their weights w(age). No maxCount = no limit.",
    ),
  z
    .strictObject({ type: z.literal("hasActivity"), activity: ActivityName, withinDays: Days.optional(), decay: Decay.optional() })
    .describe(
      "Fires when the lead has an activity of the type (with age < withinDays when given). With decay: points * w(age of the most recent one).",
    ),
  z
    .strictObject({
      type: z.literal("recency"),
      activity: ActivityName,
      bands: z.array(AgeBand).min(1),
      never: z.strictObject({ points: Points }).describe("Points when the lead has no activity of the type."),
    })
    .describe("Bands [lo, hi) on the age in days of the most recent activity of the type, with a 'never' band."),
  ],
  {
    error: (iss) =>
      iss.code === "invalid_union"
        ? `unknown rule type ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)}; use one of ${RULE_TYPES}.`
        : `a rule must be an object with a "type" (${RULE_TYPES}); received ${JSON.stringify(iss.input)}.`,
  },
);

export const CriterionSchema = z.strictObject({
  id: z.string().min(1).max(128).regex(NO_NUL).describe("Unique (case-insensitively); names the criterion's points column."),
  label: z.string(),
  category: z.enum(["fit", "behaviour"]),
  group: z.string().min(1).max(128).regex(NO_NUL).optional().describe("Optional group, for group caps; a group belongs to one category."),
  rule: RuleSchema,
  points: Points.optional().describe("Required, except for bands and recency rules (their points are in the bands)."),
});

export const ColumnTypeSchema = z.enum(["string", "number", "boolean"]);

export const ModelObjectSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().min(1).max(128).describe("The model's name, shared by all its versions."),
  version: z.int().min(1).describe("Version number: a positive integer, incremented for each new version."),
  parent: z.int().min(1).nullable().describe("The version this one was derived from (lower than version), or null."),
  status: z.enum(["draft", "published", "retired"]),
  effectiveFrom: IsoDate,
  author: z.string(),
  changeNote: z.string(),
  dataset: z
    .strictObject({
      columns: z.record(ColumnName, ColumnTypeSchema).describe("The leads columns the model reads, with their kind."),
      activityTypes: z.array(ActivityName).describe("The activity types the model reads."),
    })
    .describe("The data the model reads; checked against the database before scoring."),
  criteria: z.array(CriterionSchema).min(1).max(MAX_CRITERIA, { error: `a model may have at most ${MAX_CRITERIA} criteria` }),
  caps: z
    .strictObject({
      category: z.strictObject({ fit: z.int().optional(), behaviour: z.int().optional() }).optional(),
      group: z.record(z.string().min(1), z.int()).optional(),
    })
    .optional()
    .describe("Maximum points per category and per group (upper bounds only)."),
  thresholds: z.strictObject({ nurture: z.number(), salesReady: z.number() }).describe("nurture < salesReady."),
  grid: z
    .strictObject({
      fit: Cuts.optional().describe("Cut points of the fit bands D|C|B|A; default: quartiles of the scored leads."),
      engagement: Cuts.optional().describe("Cut points of the engagement bands 4|3|2|1; default: quartiles of the scored leads."),
      routing: z
        .strictObject({ salesReady: Cells, nurture: Cells })
        .optional()
        .describe("Route tiers by grid cell instead of thresholds (needs both cut point lists); unlisted cells are ignore."),
    })
    .optional()
    .describe("Fit (A–D) × engagement (1–4) grid: optional cut points and optional routing of tiers by cell."),
  probabilityMap: z
    .strictObject({
      a: z.number(),
      b: z.number(),
      fittedOn: z.strictObject({ from: IsoDate, to: IsoDate }),
    })
    .optional()
    .describe("P(conversion) = 1 / (1 + exp(-(a + b * score))), fitted on leads scored between from and to."),
});

export const ModelSchema = ModelObjectSchema.superRefine((model, ctx) => {
  for (const issue of modelIssues(model)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export type Model = z.infer<typeof ModelObjectSchema>;
export type Criterion = z.infer<typeof CriterionSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type RuleType = Rule["type"];
export type ColumnType = z.infer<typeof ColumnTypeSchema>;
