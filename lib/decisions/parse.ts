/**
 * Parsing decision files: `parseReview(json, file)` for one value,
 * `parseReviewFiles` for the raw files of data/reviews/ (each file keeps its
 * own error, the others still load), `sortNewestFirst` for the log.
 */
import { parseJsonFiles, type JsonFile } from "../json-files.js";
import { formatPath } from "../model/parse.js";
import { ReviewSchema, type Review } from "./schema.js";

/** A decision file that breaks the format; the message names the file and the JSON path of each problem. */
export class ReviewError extends Error {
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(issues.map((i) => `${file}: ${i.path || "(root)"}: ${i.message}`).join("\n"));
    this.name = "ReviewError";
  }
}

/**
 * Validates a parsed JSON value as a review decision.
 * @throws ReviewError, e.g. `reviews/2025-07.json: decision.weeks: weeks must be a whole number from 1 to 52; received 0.`
 * @example parseReview({date: "2025-07-15", attendees: ["Ann"], versionsReviewed: ["starting@2"], decision: {type: "keep"}, nextReview: "2026-01-15"}, "x.json").decision.type // "keep"
 */
export function parseReview(json: unknown, file: string): Review {
  const r = ReviewSchema.safeParse(json);
  if (r.success) return r.data;
  throw new ReviewError(file, r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
}

export type ReviewFile = JsonFile;

export type ReviewEntry = { file: string; ok: true; review: Review } | { file: string; ok: false; error: string };

/** Parses each file; a JSON syntax error names the file too. Never throws. */
export function parseReviewFiles(files: readonly ReviewFile[]): ReviewEntry[] {
  return parseJsonFiles(files, parseReview).map((e) => (e.ok ? { file: e.file, ok: true, review: e.value } : e));
}

/**
 * The log newest first: valid entries by date descending (ties: file name
 * descending); invalid files sorted among them by file name, which for files
 * named after their date ("2025-07-15-….json") keeps them in place.
 */
export function sortNewestFirst(entries: readonly ReviewEntry[]): ReviewEntry[] {
  const key = (e: ReviewEntry) => (e.ok ? e.review.date : (/\d{4}-\d{2}-\d{2}/.exec(e.file)?.[0] ?? ""));
  return [...entries].sort((a, b) => key(b).localeCompare(key(a)) || b.file.localeCompare(a.file));
}

/** The date of the newest valid review on or before `asOf` ("YYYY-MM-DD"), or undefined. */
export function lastReviewDate(entries: readonly ReviewEntry[], asOf: string): string | undefined {
  const dates = entries.flatMap((e) => (e.ok && e.review.date <= asOf ? [e.review.date] : []));
  return dates.sort().at(-1);
}
