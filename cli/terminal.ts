/**
 * Text for a terminal: names and values from files may hold control
 * characters (tab, CR, ESC sequences that recolour or move the cursor) and
 * bidirectional marks (U+202E RIGHT-TO-LEFT OVERRIDE …) that make a terminal
 * show misleading text. Every human-readable line the CLI prints goes through
 * `terminalSafe`: those characters are shown as escapes (\t, \r, \u202E),
 * line feeds are kept (the CLI's own line breaks). JSON output is left as is
 * (JSON.stringify escapes controls, and JSON readers do not render bidi).
 */

// C0 controls but LF, DEL, C1 controls, bidi marks/embeddings/overrides/isolates, line/paragraph separators,
// zero-width characters and the BOM.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * @example terminalSafe("a\tb\u202Ec\n") // => "a\\tb\\u202Ec\n"
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) =>
    c === "\t" ? "\\t" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}
