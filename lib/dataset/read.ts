/**
 * Prepares one CSV file for DuckDB: the byte-level checks (empty, BOM,
 * UTF-8, delimiter, header) in JavaScript, then the registered file and the
 * `read_csv` call (every column VARCHAR, so nothing is mis-typed) that the
 * stage reads from in a single pass. No raw copy of the file is kept.
 */
import type { Db } from "../db/types.js";
import { findInvalidUtf8, hasBom, headText, hex, lineAt, readHeader, stripBom, utf16Kind } from "./bytes.js";
import { DEFAULT_MAX_FILE_BYTES, MAX_COLUMNS } from "./limits.js";
import { lineEndings, toLf } from "./line-endings.js";
import { DELIMITER_CANDIDATES, RecordIndex, delimiterName, detectDelimiter, parseCsvText } from "./csv.js";
import { SAMPLE_ROWS } from "./columns.js";
import { MAX_EXAMPLES, fmt, type Example, type FileReport, type Problem } from "./report.js";
import type { DatasetDescription, FileKind } from "./schema.js";
import { agg, as, col, lit, namedArg, render, select, struct, table, tableFunction, type Source } from "../sql/index.js";

export interface CsvSource {
  kind: FileKind;
  columns: string[];
  report: FileReport;
  index: RecordIndex;
  /** The read_csv(...) call (a table-function source); with `rejects`, malformed records go to the reject table instead of failing. */
  readSql(rejects: boolean): Source;
  /** The first SAMPLE_ROWS data records parsed in JavaScript (for type inference); records with the wrong number of fields are left out, as DuckDB would. */
  sampleRows(): string[][];
  /** Reject table name (filled when reading with rejects). */
  rejectTable: string;
  rejectScan: string;
}

export interface PrepareResult {
  source: CsvSource | null;
  report: FileReport;
  problems: Problem[];
}

function problem(kind: FileKind, severity: Problem["severity"], code: string, message: string, count = 1, examples: Example[] = []): Problem {
  return { severity, code, message, file: kind, count, examples };
}

/** Checks the bytes of the file named `spec.path` and registers them for `read_csv`. */
export async function prepareCsv(
  db: Db, kind: FileKind, spec: DatasetDescription["files"]["leads"], bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<PrepareResult> {
  const report: FileReport = {
    kind, path: spec.path, bytes: bytes.length, delimiter: null, bom: false,
    rowsRead: 0, rowsUsed: 0, excluded: [], columns: [],
  };
  const problems: Problem[] = [];
  const where = `${kind} file ${JSON.stringify(spec.path)}`;
  const fail = (code: string, message: string, examples: Example[] = []) => {
    problems.push(problem(kind, "error", code, message, 1, examples));
    return { source: null, report, problems };
  };

  if (bytes.length > maxBytes)
    return fail("file_too_large", `${where} is ${mb(bytes.length)}, over the limit of ${mb(maxBytes)}. Split the file, or raise the limit (CLI: LEADSCORE_MAX_FILE_MB=<megabytes>)`);
  const utf16 = utf16Kind(bytes);
  if (utf16)
    return fail(
      "utf16",
      `${where} is ${utf16.kind} text (${utf16.bom ? `byte-order mark ${utf16.kind === "UTF-16LE" ? "FF FE" : "FE FF"}` : "no byte-order mark; a 00 byte beside each character"}), not UTF-8. ` +
        `Re-save it as UTF-8 (e.g. \`iconv -f ${utf16.kind} -t utf-8 in.csv > out.csv\`, or "CSV UTF-8" in a spreadsheet's Save As)`,
      [{ row: null, line: 1, column: null, value: hex(Array.from(bytes.subarray(0, 8))) }],
    );
  report.bom = hasBom(bytes);
  let body = stripBom(bytes);
  if (report.bom)
    problems.push(problem(kind, "warning", "bom", `${where} starts with a UTF-8 byte-order mark (EF BB BF); it was removed before reading`, 1, [{ row: null, line: 1, column: null, value: "EF BB BF" }]));
  if (body.length === 0 || (body.length <= 4096 && /^\s*$/.test(headText(body, 4096))))
    return fail("empty_file", `${where} is empty: it needs a header row and at least one data row`);

  const bad = findInvalidUtf8(body);
  if (bad) {
    const offset = bad.offset + (report.bom ? 3 : 0);
    return fail(
      "invalid_utf8",
      `${where} is not valid UTF-8: byte 0x${hex(bad.bytes.slice(0, 1))} at byte offset ${fmt(offset)} (line ${bad.line}) after ${JSON.stringify(bad.before.slice(-30))}; ` +
        `it looks like Latin-1 / Windows-1252. Re-save the file as UTF-8 (e.g. \`iconv -f latin1 -t utf-8 in.csv > out.csv\`)`,
      [{ row: bad.line >= 2 ? bad.line - 1 : null, line: bad.line, column: null, value: `${bad.before.slice(-30)}<0x${hex(bad.bytes.slice(0, 1))}>` }],
    );
  }

  const nul = body.indexOf(0);
  if (nul >= 0) {
    const line = lineAt(body, nul);
    const start = body.lastIndexOf(0x0a, nul) + 1;
    const before = new TextDecoder("utf-8").decode(body.subarray(Math.max(start, nul - 30), nul));
    return fail(
      "nul_byte",
      `${where} holds a NUL byte (00) at byte offset ${fmt(nul + (report.bom ? 3 : 0))} (line ${line}) after ${JSON.stringify(before)}; a text file never does. ` +
        `Remove the NUL bytes (e.g. \`tr -d '\\000' < in.csv > out.csv\`) or re-export the file as UTF-8 CSV`,
      [{ row: line >= 2 ? line - 1 : null, line, column: null, value: `${before}<0x00>` }],
    );
  }
  const endings = lineEndings(body);
  if (endings.mixed) {
    const c = endings.change!;
    const { CRLF, LF, CR } = endings.counts;
    problems.push(problem(kind, "warning", "mixed_line_endings",
      `${where} ends its lines in more than one way (${[["CRLF", CRLF], ["LF", LF], ["CR", CR]].filter(([, k]) => k).map(([e, k]) => `${e} ×${fmt(k as number)}`).join(", ")}): ` +
        `line 1 ends with ${endings.first}, line ${fmt(c.line)} first with ${c.ending}. Every line ending was read as LF (line breaks inside quoted values too); re-save the file to silence this`,
      1, [{ row: c.line >= 2 ? c.line - 1 : null, line: c.line, column: null, value: c.ending }]));
    body = toLf(body);
  }

  const delimiter = spec.delimiter === "auto" ? detectDelimiter(headText(body)) : spec.delimiter;
  report.delimiter = delimiter;
  const header = readHeader(body, delimiter);
  if (header.length === 1) {
    const other = DELIMITER_CANDIDATES.find((d) => d !== delimiter && header[0].includes(d));
    if (other)
      return fail(
        "wrong_delimiter",
        `${where}: with delimiter ${delimiterName(delimiter)} the header is one column ${JSON.stringify(header[0].slice(0, 80))}, which contains ${delimiterName(other)}; ` +
          `set "delimiter": ${JSON.stringify(other)} (or "auto") in files.${kind}`,
        [{ row: null, line: 1, column: null, value: header[0].slice(0, 200) }],
      );
  }
  if (header.length > MAX_COLUMNS)
    return fail(
      "too_many_columns",
      `${where}: the header has ${fmt(header.length)} columns; the limit is ${fmt(MAX_COLUMNS)}. Keep only the columns the scoring may use (e.g. \`cut -d, -f1-${MAX_COLUMNS} in.csv > out.csv\`, or list them in leads.attributes after removing the others)`,
      [{ row: null, line: 1, column: header[MAX_COLUMNS], value: `${fmt(header.length)} columns` }],
    );
  const columns = dedupeHeader(header, kind, where, problems);
  const file = `ds_${kind}.csv`;
  // Copies: a browser Db hands the buffer to its worker (transferred, so detached here), and the
  // JavaScript side still needs these bytes for row numbers and example values.
  await db.registerFile(file, body.slice());
  const colSpec = struct(columns.map((c) => [c, lit("VARCHAR")]));
  const rejectTable = `rej_${kind}`;
  const rejectScan = `rejscan_${kind}`;
  const readSql = (rejects: boolean): Source =>
    tableFunction("read_csv", [
      lit(file), namedArg("auto_detect", lit(false)), namedArg("header", lit(true)), namedArg("delim", lit(delimiter)),
      namedArg("quote", lit('"')), namedArg("escape", lit('"')), namedArg("columns", colSpec), namedArg("max_line_size", lit(8388608)),
      ...(rejects ? [namedArg("store_rejects", lit(true)), namedArg("rejects_table", lit(rejectTable)), namedArg("rejects_scan", lit(rejectScan))] : []),
    ]);
  // The first SAMPLE_ROWS records, parsed here: cheaper than a SQL pass (no failed casts, no DISTINCT per column).
  const index = new RecordIndex(body, delimiter);
  let sample: string[][] | null = null;
  const sampleRows = () => {
    if (sample) return sample;
    const headEnd = index.startOfRow(SAMPLE_ROWS + 1) ?? body.length;
    const { rows } = parseCsvText(new TextDecoder("utf-8").decode(body.subarray(0, headEnd)), delimiter, SAMPLE_ROWS + 1);
    sample = rows.slice(1).filter((r) => r.length === columns.length);
    return sample;
  };
  return { source: { kind, columns, report, index, readSql, sampleRows, rejectTable, rejectScan }, report, problems };
}

/**
 * Unique column names, compared case-insensitively (DuckDB does): an empty
 * name becomes "column<N>" (N = its 1-based position), a repeat "<name>_<k>"
 * with the smallest k that is free; each with a warning. Mappings refer to
 * the first of repeated names.
 */
function dedupeHeader(header: string[], kind: FileKind, where: string, problems: Problem[]): string[] {
  const taken = new Set(header.filter((n) => n !== "").map((n) => n.toLowerCase()));
  const used = new Set<string>();
  const dupes: Example[] = [];
  const empties: Example[] = [];
  const free = (base: string, from: number) => {
    for (let k = from; ; k++) {
      const name = `${base}_${k}`;
      if (!taken.has(name.toLowerCase()) && !used.has(name.toLowerCase())) return name;
    }
  };
  const out = header.map((name, i) => {
    let renamed = name;
    if (name === "") {
      renamed = taken.has(`column${i + 1}`) || used.has(`column${i + 1}`) ? free(`column${i + 1}`, 2) : `column${i + 1}`;
      empties.push({ row: null, line: 1, column: renamed, value: "" });
    } else if (used.has(name.toLowerCase())) {
      renamed = free(name, 2);
      dupes.push({ row: null, line: 1, column: renamed, value: name });
    }
    used.add(renamed.toLowerCase());
    return renamed;
  });
  if (empties.length)
    problems.push(problem(kind, "warning", "empty_header",
      `${where}: ${fmt(empties.length)} column(s) have no name in the header (line 1, column position ${empties.map((e) => Number(/\d+/.exec(e.column!)![0])).slice(0, 10).join(", ")}); ` +
        `they were named ${empties.slice(0, 10).map((e) => JSON.stringify(e.column)).join(", ")}. Name them in the header to choose the names`,
      empties.length, empties.slice(0, MAX_EXAMPLES)));
  if (dupes.length)
    problems.push(problem(kind, "warning", "duplicate_header",
      `${where}: the header repeats column names (${[...new Set(dupes.map((d) => JSON.stringify(d.value)))].join(", ")}; names are compared ignoring case); the repeats were renamed ${dupes.map((d) => JSON.stringify(d.column)).join(", ")}; mappings refer to the first. Rename the columns in the header to choose`,
      dupes.length, dupes.slice(0, MAX_EXAMPLES)));
  return out;
}

/** "1.5 MB" */
function mb(n: number): string {
  if (n < 1048576) return `${fmt(n)} bytes`;
  return `${fmt(Math.round((10 * n) / 1048576) / 10)} MB`;
}

const REJECT_REASONS: Record<string, { code: string }> = {
  "MISSING COLUMNS": { code: "ragged_row" },
  "TOO MANY COLUMNS": { code: "ragged_row" },
  "UNQUOTED VALUE": { code: "unterminated_quote" },
};

/**
 * Reads the reject table after a read with rejects: the data rows of the
 * rejected records (via the byte positions DuckDB gives and the JavaScript
 * record index) and one exclusion + problem per kind of malformation.
 */
export async function collectRejects(db: Db, src: CsvSource): Promise<{ rejectedRows: number[]; excluded: FileReport["excluded"]; problems: Problem[] }> {
  const rows = await db.query<{ pos: number; type: string; col: string | null; csv_line: string | null }>(
    render(select({
      columns: [
        as(col("line_byte_position"), "pos"), as(agg("min", [col("error_type")]), "type"),
        as(agg("min", [col("column_name")]), "col"), as(agg("min", [col("csv_line")]), "csv_line"),
      ],
      from: table(src.rejectTable), groupBy: [col("pos")], orderBy: [col("pos")],
    })),
  );
  const where = `${src.kind} file ${JSON.stringify(src.report.path)}`;
  const rejectedRows: number[] = [];
  const byCode = new Map<string, { count: number; examples: Example[] }>();
  for (const r of rows) {
    const row = src.index.rowAtByte(Number(r.pos));
    rejectedRows.push(row);
    const code = REJECT_REASONS[r.type]?.code ?? "malformed_row";
    const e = byCode.get(code) ?? { count: 0, examples: [] };
    byCode.set(code, e);
    e.count++;
    if (e.examples.length < MAX_EXAMPLES)
      e.examples.push({ row, line: src.index.lineOfRow(row), column: r.col, value: (r.csv_line ?? "").slice(0, 200) });
  }
  const excluded: FileReport["excluded"] = [];
  const problems: Problem[] = [];
  for (const [code, e] of byCode) {
    const first = e.examples[0];
    const message =
      code === "unterminated_quote"
        ? `${where}: ${fmt(e.count)} record(s) have a quote that is not closed properly, first at data row ${first.row} (line ${first.line}); ` +
          `an unclosed quote swallows the following lines into one value. Fix the quoting ("" for a quote inside a quoted field); these records were excluded`
        : code === "ragged_row"
          ? `${where}: ${fmt(e.count)} row(s) have a different number of fields than the header (${src.columns.length}), first at data row ${first.row} (line ${first.line}); ` +
            `they were excluded. Check for an unquoted delimiter inside a value or a missing field`
          : `${where}: ${fmt(e.count)} row(s) could not be parsed and were excluded (first at data row ${first.row})`;
    problems.push(problem(src.kind, code === "unterminated_quote" ? "error" : "warning", code, message, e.count, e.examples));
    excluded.push({ reason: code, count: e.count, examples: e.examples });
  }
  return { rejectedRows, excluded, problems };
}

/** Maps a kept record's position (0-based, file order) to its data row and line, given the rejected data rows (sorted). */
export function locator(index: RecordIndex, rejectedRows: number[]): (kept: number) => { row: number; line: number | null } {
  // g_i = number of kept records before the i-th rejected record (non-decreasing).
  const keptBefore = rejectedRows.map((r, i) => r - 1 - i);
  return (kept: number) => {
    let lo = 0;
    let hi = keptBefore.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keptBefore[mid] <= kept) lo = mid + 1;
      else hi = mid;
    }
    const row = kept + 1 + lo;
    return { row, line: index.lineOfRow(row) };
  };
}
