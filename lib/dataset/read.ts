/**
 * Reads one CSV file into a raw all-VARCHAR table with DuckDB, after the
 * byte-level checks (empty, BOM, UTF-8, delimiter, header). Malformed
 * records (wrong number of fields, unterminated quotes) are collected from
 * DuckDB's reject table instead of failing the whole read.
 */
import type { Db } from "../db/types.js";
import { findInvalidUtf8, hasBom, headText, hex, readHeader, stripBom } from "./bytes.js";
import { DELIMITER_CANDIDATES, RecordIndex, delimiterName, detectDelimiter } from "./csv.js";
import { MAX_EXAMPLES, fmt, type Example, type Exclusion, type FileReport, type Problem } from "./report.js";
import type { DatasetDescription, FileKind } from "./schema.js";
import { ident, literal } from "./sql.js";

export interface RawFile {
  kind: FileKind;
  /** Raw table: one VARCHAR column per header name, plus nothing else; rowid = kept record order. */
  table: string;
  columns: string[];
  report: FileReport;
  /** Data row and physical line of the kept record with rowid `rowid`. */
  locate(rowid: number): { row: number; line: number | null };
}

/** Result of reading: the raw file, or null when the file cannot be used at all (problems say why). */
export interface ReadResult {
  raw: RawFile | null;
  report: FileReport;
  problems: Problem[];
}

const REJECT_REASONS: Record<string, { code: string; what: string }> = {
  "MISSING COLUMNS": { code: "ragged_row", what: "has too few fields" },
  "TOO MANY COLUMNS": { code: "ragged_row", what: "has too many fields" },
  "UNQUOTED VALUE": { code: "unterminated_quote", what: "has a quote that is not closed properly" },
};

function problem(kind: FileKind, severity: Problem["severity"], code: string, message: string, count = 1, examples: Example[] = []): Problem {
  return { severity, code, message, file: kind, count, examples };
}

/** Reads `bytes` (the file named `path` in the description) as `raw_<kind>`. */
export async function readCsvFile(
  db: Db,
  kind: FileKind,
  spec: DatasetDescription["files"]["leads"],
  bytes: Uint8Array,
): Promise<ReadResult> {
  const report: FileReport = {
    kind, path: spec.path, bytes: bytes.length, delimiter: null, bom: false,
    rowsRead: 0, rowsUsed: 0, excluded: [], columns: [],
  };
  const problems: Problem[] = [];
  const where = `${kind} file ${JSON.stringify(spec.path)}`;
  const fail = (code: string, message: string, examples: Example[] = []) => {
    problems.push(problem(kind, "error", code, message, 1, examples));
    return { raw: null, report, problems };
  };

  report.bom = hasBom(bytes);
  const body = stripBom(bytes);
  if (report.bom)
    problems.push(problem(kind, "warning", "bom", `${where} starts with a UTF-8 byte-order mark (EF BB BF); it was removed before reading`, 1, [{ row: null, line: 1, column: null, value: "EF BB BF" }]));
  if (body.length === 0 || /^\s*$/.test(headText(body, 4096)) && body.length <= 4096)
    return fail("empty_file", `${where} is empty: it needs a header row and at least one data row`);

  const bad = findInvalidUtf8(body);
  if (bad) {
    const offset = bad.offset + (report.bom ? 3 : 0);
    return fail(
      "invalid_utf8",
      `${where} is not valid UTF-8: byte ${hex(bad.bytes.slice(0, 1))} at byte offset ${fmt(offset)} (line ${bad.line}) after ${JSON.stringify(bad.before.slice(-30))}; ` +
        `it looks like Latin-1 / Windows-1252. Re-save the file as UTF-8 (e.g. \`iconv -f latin1 -t utf-8 in.csv > out.csv\`)`,
      [{ row: bad.line - 1 >= 1 ? bad.line - 1 : null, line: bad.line, column: null, value: `${bad.before.slice(-30)}<0x${hex(bad.bytes.slice(0, 1))}>` }],
    );
  }

  const head = headText(body);
  const delimiter = spec.delimiter === "auto" ? detectDelimiter(head) : spec.delimiter;
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
  const columns = dedupeHeader(header, kind, where, problems);

  const file = `ds_${kind}.csv`;
  const table = `raw_${kind}`;
  const rej = `rej_${kind}`;
  const rejScan = `rejscan_${kind}`;
  await db.registerFile(file, body);
  const colSpec = `{${columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(", ")}}`;
  const read = (rejects: boolean) =>
    db.exec(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(file)}, auto_detect = false, header = true, ` +
        `delim = ${literal(delimiter)}, quote = '"', escape = '"', columns = ${colSpec}, max_line_size = 8388608` +
        (rejects ? `, store_rejects = true, rejects_table = ${literal(rej)}, rejects_scan = ${literal(rejScan)})` : ")"),
    );
  // Strict first (store_rejects slows reading down); malformed records make it fail, then read again collecting them.
  await db.exec(`DROP TABLE IF EXISTS ${ident(rej)}; DROP TABLE IF EXISTS ${ident(rejScan)}`);
  let withRejects = false;
  try {
    await read(false);
  } catch {
    withRejects = true;
    try {
      await read(true);
    } catch (e) {
      return fail("csv_unreadable", `${where} could not be read as CSV: ${(e as Error).message.split("\n")[0]}`);
    }
  }

  const index = new RecordIndex(body, delimiter);
  const kept = Number((await db.query(`SELECT count(*) AS n FROM ${ident(table)}`))[0].n);
  const rejectedRows: number[] = [];
  if (withRejects) {
    const rejCols = await db.queryColumns(`SELECT DISTINCT line_byte_position AS pos FROM ${ident(rej)} ORDER BY pos`);
    const pos = rejCols.columns.pos as ArrayLike<number>;
    for (let i = 0; i < rejCols.numRows; i++) rejectedRows.push(index.rowAtByte(Number(pos[i])));
  }
  // g_i = kept records before the i-th rejected record (non-decreasing).
  const keptBefore = rejectedRows.map((r, i) => r - 1 - i);
  const locate = (rowid: number) => {
    let lo = 0;
    let hi = keptBefore.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keptBefore[mid] <= rowid) lo = mid + 1;
      else hi = mid;
    }
    const row = rowid + 1 + lo;
    return { row, line: index.lineOfRow(row) };
  };
  report.rowsRead = kept + rejectedRows.length;
  if (rejectedRows.length) report.excluded.push(...(await rejectExclusions(db, rej, index, where, kind, problems)));
  if (report.rowsRead === 0)
    problems.push(problem(kind, "error", "no_data_rows", `${where} has a header but no data rows`, 1, [{ row: null, line: 1, column: null, value: header.join(delimiter).slice(0, 200) }]));
  return { raw: { kind, table, columns, report, locate }, report, problems };
}

function dedupeHeader(header: string[], kind: FileKind, where: string, problems: Problem[]): string[] {
  const seen = new Map<string, number>();
  const dupes: Example[] = [];
  const out = header.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) return name;
    const renamed = `${name}_${n}`;
    dupes.push({ row: null, line: 1, column: renamed, value: name });
    return renamed;
  });
  if (dupes.length)
    problems.push(problem(kind, "warning", "duplicate_header", `${where}: the header repeats column names (${[...new Set(dupes.map((d) => JSON.stringify(d.value)))].join(", ")}); the repeats were renamed ${dupes.map((d) => JSON.stringify(d.column)).join(", ")}; mappings refer to the first`, dupes.length, dupes.slice(0, MAX_EXAMPLES)));
  return out;
}

async function rejectExclusions(db: Db, rej: string, index: RecordIndex, where: string, kind: FileKind, problems: Problem[]): Promise<Exclusion[]> {
  const rows = await db.query<{ type: string; n: number; pos: number; col: string | null; csv_line: string | null }>(
    `WITH r AS (SELECT line_byte_position AS pos, min(error_type) AS type, min(column_name) AS col, min(csv_line) AS csv_line FROM ${ident(rej)} GROUP BY pos),
          k AS (SELECT *, count(*) OVER (PARTITION BY type) AS n, row_number() OVER (PARTITION BY type ORDER BY pos) AS k FROM r)
     SELECT type, n, pos, col, csv_line FROM k WHERE k <= ${MAX_EXAMPLES} ORDER BY type, pos`,
  );
  const byCode = new Map<string, { count: number; what: Set<string>; examples: Example[] }>();
  for (const r of rows) {
    const info = REJECT_REASONS[r.type] ?? { code: "malformed_row", what: `could not be parsed (${r.type.toLowerCase()})` };
    let e = byCode.get(info.code);
    if (!e) byCode.set(info.code, (e = { count: 0, what: new Set(), examples: [] }));
    if (!e.what.has(r.type)) {
      e.what.add(r.type);
      e.count += Number(r.n);
    }
    const row = index.rowAtByte(Number(r.pos));
    if (e.examples.length < MAX_EXAMPLES)
      e.examples.push({ row, line: index.lineOfRow(row), column: r.col, value: (r.csv_line ?? "").slice(0, 200) });
  }
  const out: Exclusion[] = [];
  for (const [code, e] of byCode) {
    e.examples.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const first = e.examples[0];
    const message =
      code === "unterminated_quote"
        ? `${where}: ${fmt(e.count)} record(s) have a quote that is not closed properly, first at data row ${first.row} (line ${first.line}); ` +
          `an unclosed quote swallows the following lines into one value. Fix the quoting ("" for a quote inside a quoted field); these records were excluded`
        : code === "ragged_row"
          ? `${where}: ${fmt(e.count)} row(s) have a different number of fields than the header, first at data row ${first.row} (line ${first.line}); they were excluded. ` +
            `Check for an unquoted delimiter inside a value or a missing field`
          : `${where}: ${fmt(e.count)} row(s) could not be parsed and were excluded`;
    const severity = code === "unterminated_quote" ? "error" : "warning";
    problems.push(problem(kind, severity, code, message, e.count, e.examples));
    out.push({ reason: code, count: e.count, examples: e.examples });
  }
  return out;
}
