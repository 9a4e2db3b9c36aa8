/**
 * The decision-log format of the periodic review: one JSON file per review
 * meeting in data/reviews/, validated by one zod schema. `parseReview`
 * (parse.ts) is the only way a decision file enters the program.
 *
 * A file records who met on which day, which model versions they looked at,
 * the figures they saw (copied from the review page at the time, so the log
 * keeps them after the data moves on), what they decided and when they look
 * again.
 */
import { z } from "zod";

const NO_NUL = /^[^\u0000]*$/;
const Text = z.string().min(1).max(2000).regex(NO_NUL);
const IsoDate = z.iso
  .date({ error: (iss) => `expected a calendar date YYYY-MM-DD; received ${JSON.stringify(iss.input)}.` })
  .describe("YYYY-MM-DD");
/** "starting@2": a model id and version, as the CLI names versions. */
const VersionRef = z
  .string()
  .regex(/^[^@\u0000]+@[1-9]\d*$/, { error: (iss) => `expected a version as ID@N, e.g. "starting@2"; received ${JSON.stringify(iss.input)}.` })
  .describe('A model version as ID@N, e.g. "starting@2".');
const Threshold = z.number().finite();

/** What the meeting decided. */
export const DecisionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("adopt").describe("Publish another version (e.g. the suggested draft) in place of the current one."),
    version: VersionRef,
  }),
  z
    .strictObject({
      type: z.literal("move-threshold").describe("Keep the points, move one or both thresholds of a version."),
      version: VersionRef,
      nurture: Threshold.optional(),
      salesReady: Threshold.optional(),
    })
    .refine((d) => d.nurture !== undefined || d.salesReady !== undefined, { error: "move-threshold needs nurture, salesReady or both (the new values)." })
    .refine((d) => d.nurture === undefined || d.salesReady === undefined || d.nurture < d.salesReady, {
      error: "nurture must be below salesReady.",
      path: ["salesReady"],
    }),
  z.strictObject({ type: z.literal("keep").describe("Keep the current version and thresholds as they are.") }),
  z.strictObject({
    type: z.literal("rerun").describe("Decide nothing yet; look again in `weeks` weeks (e.g. when more leads have matured)."),
    weeks: z.int({ error: (iss) => `weeks must be a whole number from 1 to 52; received ${JSON.stringify(iss.input)}.` }).min(1).max(52),
  }),
], { error: (iss) => (iss.code === "invalid_union" ? `decision.type must be "adopt", "move-threshold", "keep" or "rerun"; received ${JSON.stringify((iss.input as { type?: unknown } | undefined)?.type)}.` : undefined) });

export const ReviewSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** The dataset the decision is about: its description's `name`. Shown only on that dataset's site and report. */
    dataset: Text.max(200).optional().describe("The name of the dataset (its description's name) this decision is about."),
    date: IsoDate.describe("Day of the review meeting."),
    attendees: z.array(Text).min(1, { error: "attendees must name at least one person." }),
    versionsReviewed: z.array(VersionRef).min(1, { error: 'versionsReviewed must list at least one version, e.g. ["starting@2"].' }),
    /** The figures seen at the meeting: AUC, PSI, win rates…, by name. */
    figures: z.record(z.string().min(1).max(200), z.union([z.number().finite(), z.string().max(2000), z.null()])).default({}),
    decision: DecisionSchema,
    nextReview: IsoDate.describe("Day of the next review."),
    notes: z.string().max(20_000).optional(),
  })
  .refine((r) => r.nextReview > r.date, { error: "nextReview must be after date.", path: ["nextReview"] });

export type Decision = z.infer<typeof DecisionSchema>;
export type Review = z.infer<typeof ReviewSchema>;

/** A decision in words: "adopt ground-truth@1", "move sales-ready to 70 (starting@2)", … */
export function describeDecision(d: Decision): string {
  switch (d.type) {
    case "adopt":
      return `adopt ${d.version}`;
    case "move-threshold": {
      const parts = [d.nurture !== undefined ? `nurture to ${d.nurture}` : null, d.salesReady !== undefined ? `sales-ready to ${d.salesReady}` : null].filter(Boolean);
      return `move ${parts.join(" and ")} (${d.version})`;
    }
    case "keep":
      return "keep the current version";
    case "rerun":
      return `re-run the review in ${d.weeks} week${d.weeks === 1 ? "" : "s"}`;
  }
}
