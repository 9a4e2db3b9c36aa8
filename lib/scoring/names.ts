/**
 * Deterministic, collision-free names for generated tables and columns. The
 * names are still quoted when rendered; sanitising only keeps them readable.
 */

/** FNV-1a 32-bit hash of a string, as 8 hex digits. @example fnv1a("a") // => "e40c292c" */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A readable identifier part: lower case, runs of characters outside
 * [a-z0-9] become "_", at most 40 characters; "x" when nothing is left.
 * @example sanitize("Email Open!") // => "email_open"
 */
export function sanitize(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40);
  return s || "x";
}

/**
 * The score table of one model version: `scores_<id>_v<version>`, plus a hash
 * of the id when sanitising changed it (so two ids never share a table).
 * @example scoresTableName({ id: "starting", version: 2 }) // => "scores_starting_v2"
 */
export function scoresTableName(model: { id: string; version: number }): string {
  const base = sanitize(model.id);
  const suffix = base === model.id ? "" : `_${fnv1a(model.id).slice(0, 6)}`;
  return `scores_${base}${suffix}_v${model.version}`;
}
