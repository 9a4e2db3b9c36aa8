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

/**
 * An injective, case-proof encoding of any text as [a-z0-9_]: a-z and 0-9
 * stay, "_" becomes "__", every other UTF-16 unit becomes "_u" + 4 lower-case
 * hex digits ("E" → "_u0045"). Different texts always give different
 * encodings, also when compared case-insensitively (as DuckDB compares
 * identifiers), because the output has no upper-case letters; unescapeName
 * reverses it. Used for generated column names that must never collide.
 * @example escapeName("Email Open") // => "_u0045mail_u0020_u004fpen"
 * @example escapeName("web_visit") // => "web__visit"
 */
export function escapeName(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) out += text[i];
    else if (c === 0x5f) out += "__";
    else out += `_u${c.toString(16).padStart(4, "0")}`;
  }
  return out;
}

/**
 * Reads an escapeName encoding from the start of `s`; returns the text and
 * where the encoding ends (at a "_" that starts no escape, or the end).
 * @example unescapeName("web__visit_30d") // => { text: "web_visit", end: 10 }
 */
export function unescapeName(s: string, from = 0): { text: string; end: number } {
  let text = "";
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c !== "_") {
      if (!/[a-z0-9]/.test(c)) break;
      text += c;
      i++;
    } else if (s[i + 1] === "_") {
      text += "_";
      i += 2;
    } else if (s[i + 1] === "u" && /^[0-9a-f]{4}$/.test(s.slice(i + 2, i + 6))) {
      text += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 6;
    } else break;
  }
  return { text, end: i };
}
