/**
 * Line endings: a file whose records end with a mix of CRLF, LF and CR (one
 * CRLF line in an LF file, as spreadsheets and concatenated exports make)
 * cannot be read by DuckDB's CSV reader. `lineEndings` finds the mix and the
 * first line where the ending changes; `toLf` rewrites every ending as LF
 * (line numbers are unchanged: each ending stays one line break).
 */

export type Ending = "CRLF" | "LF" | "CR";

export interface LineEndings {
  /** True when the file ends its lines in more than one way. */
  mixed: boolean;
  /** The ending of the first line. */
  first: Ending | null;
  /** The first line (1-based) whose ending differs from the first line's, and that ending. */
  change: { line: number; ending: Ending } | null;
  counts: Record<Ending, number>;
}

/** Looks at every line break once (quoted ones included). Fast when the file has no CR at all. */
export function lineEndings(b: Uint8Array): LineEndings {
  const counts: Record<Ending, number> = { CRLF: 0, LF: 0, CR: 0 };
  if (b.indexOf(0x0d) < 0) {
    let n = 0;
    for (let i = b.indexOf(0x0a); i >= 0; i = b.indexOf(0x0a, i + 1)) n++;
    counts.LF = n;
    return { mixed: false, first: n ? "LF" : null, change: null, counts };
  }
  let first: Ending | null = null;
  let change: LineEndings["change"] = null;
  let line = 1;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x0a && c !== 0x0d) continue;
    let e: Ending;
    if (c === 0x0d && b[i + 1] === 0x0a) {
      e = "CRLF";
      i++;
    } else e = c === 0x0a ? "LF" : "CR";
    counts[e]++;
    if (first === null) first = e;
    else if (e !== first && change === null) change = { line, ending: e };
    line++;
  }
  return { mixed: change !== null, first, change, counts };
}

/** The bytes with every CRLF and lone CR replaced by LF (a new array). */
export function toLf(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let j = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0d) {
      out[j++] = 0x0a;
      if (b[i + 1] === 0x0a) i++;
    } else out[j++] = c;
  }
  return out.subarray(0, j);
}
