/**
 * Which decision files belong to the active dataset. A decision file may
 * name its dataset (`"dataset"`, the description's `name`): it belongs when
 * that name is the active dataset's. A file that names no dataset belongs
 * when every version it mentions (versionsReviewed, and the version of an
 * adopt or move-threshold decision) is one of the dataset's model versions.
 * The others are not shown as this dataset's decisions: they are listed
 * apart, each with the reason, so nothing is dropped silently. An invalid
 * file cannot say where it belongs and stays in the log with its error.
 */
import type { Model } from "../model/schema.js";
import type { ReviewEntry } from "./parse.js";

/** A decision file that belongs to another dataset or to other model versions. */
export interface OtherReview {
  file: string;
  /** Why it is not this dataset's, e.g. `it is for the dataset "Olist", not "x-education"`. */
  reason: string;
}

/**
 * Splits the log into this dataset's entries (and invalid files) and the others.
 * @example splitByDataset([{file: "a.json", ok: true, review: {dataset: "B", …}}], {dataset: "A", models: []}).others[0].reason // 'it is for the dataset "B", not "A"'
 */
export function splitByDataset(
  entries: readonly ReviewEntry[],
  ctx: { dataset: string; models: readonly Pick<Model, "id" | "version">[] },
): { entries: ReviewEntry[]; others: OtherReview[] } {
  const have = new Set(ctx.models.map((m) => `${m.id}@${m.version}`));
  const mine: ReviewEntry[] = [];
  const others: OtherReview[] = [];
  for (const e of entries) {
    if (!e.ok) {
      mine.push(e);
      continue;
    }
    const r = e.review;
    if (r.dataset !== undefined) {
      if (r.dataset === ctx.dataset) mine.push(e);
      else others.push({ file: e.file, reason: `it is for the dataset ${JSON.stringify(r.dataset)}, not ${JSON.stringify(ctx.dataset)}` });
      continue;
    }
    const named = [...r.versionsReviewed, ...("version" in r.decision ? [r.decision.version] : [])];
    const missing = [...new Set(named.filter((v) => !have.has(v)))];
    if (!missing.length) mine.push(e);
    else
      others.push({
        file: e.file,
        reason: `it names no dataset and is about ${missing.length === 1 ? "a version" : "versions"} this dataset's models do not have (${missing.join(", ")}); add "dataset": ${JSON.stringify(ctx.dataset)} to the file if it belongs here`,
      });
  }
  return { entries: mine, others };
}
