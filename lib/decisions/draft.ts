/**
 * Drafting a new decision file from the review page's form: the values are
 * checked with the same schema as the files in data/reviews/, and the text
 * is what the analyst saves there.
 */
import { parseReview } from "./parse.js";
import type { Decision, Review } from "./schema.js";

export interface DraftFields {
  /** The dataset's name (its description's `name`): the decision is shown only with that dataset. */
  dataset?: string;
  date: string;
  /** Comma- or line-separated names. */
  attendees: string;
  versionsReviewed: string[];
  figures: Review["figures"];
  decision: Decision["type"];
  /** The version a decision is about (adopt, move-threshold). */
  version?: string;
  nurture?: number | null;
  salesReady?: number | null;
  weeks?: number | null;
  nextReview: string;
  notes?: string;
}

/** The file name a decision of `date` is saved under: "2026-01-05-review.json". */
export const reviewFileName = (date: string) => `${date}-review.json`;

/**
 * Builds and validates a decision from form fields; returns the JSON text (2-space
 * indented, ending in a newline) or the validation error naming the field.
 * @example draftReview({date: "2026-01-05", attendees: "Ann, Bo", versionsReviewed: ["starting@2"], figures: {}, decision: "keep", nextReview: "2026-07-05"}).ok // true
 */
export function draftReview(f: DraftFields): { ok: true; review: Review; text: string } | { ok: false; error: string } {
  const decision =
    f.decision === "adopt" ? { type: "adopt", version: f.version }
    : f.decision === "move-threshold" ? { type: "move-threshold", version: f.version, ...(f.nurture != null && { nurture: f.nurture }), ...(f.salesReady != null && { salesReady: f.salesReady }) }
    : f.decision === "rerun" ? { type: "rerun", weeks: f.weeks }
    : { type: f.decision };
  const json = {
    ...(f.dataset && { dataset: f.dataset }),
    date: f.date,
    attendees: f.attendees.split(/[,\n]/).map((s) => s.trim()).filter(Boolean),
    versionsReviewed: f.versionsReviewed,
    figures: f.figures,
    decision,
    nextReview: f.nextReview,
    ...(f.notes?.trim() && { notes: f.notes.trim() }),
  };
  try {
    const review = parseReview(json, reviewFileName(f.date || "new"));
    return { ok: true, review, text: `${JSON.stringify(json, null, 2)}\n` };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
