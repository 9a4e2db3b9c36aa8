/**
 * Which folder of review decisions or workshop votes goes with the dataset a
 * site or report is built for. Decisions and votes belong to a dataset: the
 * bundled ones (data/reviews, data/workshop) to the bundled sample only. So
 * a folder given explicitly (LEADSCORE_REVIEWS / LEADSCORE_WORKSHOP, or
 * --reviews / --workshop) is used as given; without one, the sample gets its
 * bundled folder and any other dataset gets none (an empty log, no example
 * votes), never the sample's.
 */

export type ContextKind = "reviews" | "workshop";

/** The bundled folder of the sample's decisions or votes, relative to the project root. */
export const SAMPLE_FOLDER: Record<ContextKind, string> = { reviews: "data/reviews", workshop: "data/workshop" };

/**
 * @param dataset the dataset description file, or undefined/"" for the bundled sample
 * @param given the folder named explicitly, if any
 * @returns the folder to read, or null for none
 * @example contextFolder("reviews", { dataset: "x.dataset.json" }) // => null
 * @example contextFolder("workshop", {}) // => "data/workshop"
 */
export function contextFolder(kind: ContextKind, { dataset, given }: { dataset?: string; given?: string }): string | null {
  if (given) return given;
  return dataset ? null : SAMPLE_FOLDER[kind];
}
