/**
 * Small CSV helpers in plain JavaScript, following the same rules as the
 * DuckDB reader configured by the loader (RFC 4180: `"` quotes, `""` inside
 * quotes is one quote, a quote opens a field only at its start, line breaks
 * inside quotes belong to the field, blank lines are skipped, \n, \r\n or \r
 * end a record). Used to read the header, to sniff the delimiter and types,
 * and to map DuckDB's positions to row numbers.
 *
 * Row convention used everywhere in reports: "data row" n is the n-th record
 * after the header (1-based), whatever physical lines it spans; "line" is the
 * 1-based physical line in the file where that record starts (header = line 1).
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses CSV text into rows of fields (at most `maxRows` records, header
 * included). `complete` is false when the text ended inside a quoted field.
 * Example: parseCsvText('a,b\n1,"x\ny"\n', ",") → {rows: [["a","b"],["1","x\ny"]], complete: true}
 */
export function parseCsvText(text: string, delimiter: string, maxRows = Infinity): { rows: string[][]; complete: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let inQuotes = false;
  let fieldStart = true;
  let complete = true;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    field = "";
    fieldStart = true;
  };
  while (i < n && rows.length < maxRows) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else field += c;
      i++;
      continue;
    }
    if (fieldStart && c === '"') {
      inQuotes = true;
      fieldStart = false;
      i++;
      continue;
    }
    fieldStart = false;
    if (c === delimiter) {
      row.push(field);
      field = "";
      fieldStart = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else field += c;
    i++;
  }
  if (inQuotes) complete = false;
  if (rows.length < maxRows && (field !== "" || row.length > 0)) endRow();
  return { rows, complete };
}

/**
 * Where each record starts, found by scanning the bytes once (lazily, only as
 * far as asked). Record 0 is the header; record n ≥ 1 is data row n.
 */
export class RecordIndex {
  private starts: number[] = [];
  private lines: number[] = [];
  private pos = 0;
  private line = 1;
  private done = false;
  private readonly delim: number;

  constructor(
    private readonly bytes: Uint8Array,
    delimiter: string,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Physical line (1-based) where data row `row` starts, or null past the end. */
  lineOfRow(row: number): number | null {
    this.scanUntil(() => this.starts.length > row);
    return row < this.lines.length ? this.lines[row] : null;
  }

  /** Data row (1-based; 0 = header) of the record containing byte `offset`. */
  rowAtByte(offset: number): number {
    this.scanUntil(() => this.pos > offset);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The fields of data row `row` (0 = header), parsed in JavaScript; null past the end. */
  fieldsOfRow(row: number): string[] | null {
    this.scanUntil(() => this.starts.length > row + 1);
    if (row >= this.starts.length) return null;
    const end = row + 1 < this.starts.length ? this.starts[row + 1] : this.bytes.length;
    const text = new TextDecoder("utf-8").decode(this.bytes.subarray(this.starts[row], end));
    return parseCsvText(text, String.fromCharCode(this.delim), 1).rows[0] ?? [];
  }

  /** Byte offset where data row `row` starts (0 = header), or null past the end. */
  startOfRow(row: number): number | null {
    this.scanUntil(() => this.starts.length > row);
    return row < this.starts.length ? this.starts[row] : null;
  }

  /** Number of data rows (records after the header) in the whole file. */
  dataRows(): number {
    this.scanUntil(() => false);
    return Math.max(0, this.starts.length - 1);
  }

  private scanUntil(stop: () => boolean): void {
    const b = this.bytes;
    const n = b.length;
    const d = this.delim;
    while (!this.done && !stop()) {
      let i = this.pos;
      // skip blank lines
      while (i < n && (b[i] === LF || b[i] === CR)) {
        if (b[i] === LF || b[i + 1] !== LF) this.line++;
        i++;
      }
      if (i >= n) {
        this.pos = n;
        this.done = true;
        break;
      }
      this.starts.push(i);
      this.lines.push(this.line);
      let fieldStart = true;
      let inQuotes = false;
      for (; i < n; i++) {
        const c = b[i];
        if (inQuotes) {
          if (c === QUOTE) {
            if (b[i + 1] === QUOTE) i++;
            else inQuotes = false;
          } else if (c === LF || (c === CR && b[i + 1] !== LF)) this.line++;
          continue;
        }
        if (fieldStart && c === QUOTE) {
          inQuotes = true;
          fieldStart = false;
          continue;
        }
        if (c === d) fieldStart = true;
        else if (c === LF || c === CR) break;
        else fieldStart = false;
      }
      this.pos = i;
    }
  }
}

/** Delimiters tried by `detectDelimiter`, in order of preference on ties. */
export const DELIMITER_CANDIDATES = [",", ";", "\t", "|"];

/**
 * Picks the delimiter that splits the first records (up to 50) into the
 * most consistent number of fields greater than one; "," when none does.
 * Example: detectDelimiter("a;b\n1;2\n") → ";"
 */
export function detectDelimiter(text: string): string {
  let best = ",";
  let bestScore = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const { rows } = parseCsvText(text, d, 50);
    if (rows.length === 0) continue;
    const width = rows[0].length;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.length === width).length / rows.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Human name of a delimiter for messages: "\t" → "tab". */
export function delimiterName(d: string): string {
  return d === "\t" ? "tab" : d === " " ? "space" : JSON.stringify(d);
}
