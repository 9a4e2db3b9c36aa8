/**
 * The malformed-file corpus (test/fixtures/malformed/<case>/dataset.json +
 * CSV files): every case loads through loadDataset, yields a report (never
 * an exception), keeps rowsRead = rowsUsed + Σ excluded, and reports exactly
 * the expected problem: code, severity, count, a message substring and the
 * first example (data row, physical line, column, value as written).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { readDescribedFiles } from "../../lib/dataset/node.js";
import { checkInvariant, type Example, type ValidationReport } from "../../lib/dataset/report.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/malformed");

interface Expected {
  usable: boolean;
  /** The problem under test; null = no problem at all. */
  code: string | null;
  severity?: "error" | "warning";
  count?: number;
  message?: string;
  example?: Partial<Example> | null;
  /** Extra checks on the report. */
  check?: (r: ValidationReport) => void;
}

const CASES: Record<string, Expected> = {
  "activity-after-end": { usable: true, code: "activity_after_end", severity: "warning", count: 1, message: "after the data's end date (asOf 2024-03-31)", example: { row: 2, line: 3, column: "occurred_at", value: "2024-06-01 09:00:00" } },
  "activity-unknown-lead": { usable: true, code: "unknown_lead", severity: "warning", count: 1, message: "not in the leads file", example: { row: 2, column: "lead_id", value: "X9" } },
  "all-missing-column": { usable: true, code: "empty_column", severity: "warning", count: 3, message: 'column "empty" is missing in every row', example: { row: null, column: "empty" } },
  "bad-dates": {
    usable: true, code: "bad_date", severity: "warning", count: 4, message: '"dateFormats"', example: { row: 2, line: 3, column: "created_at", value: "03/15/2018" },
    // 2018/03/15 and 2018-03-15T10:20:30Z are accepted; 03/15/2018, 2018-02-30, yesterday, 2018-13-01 are not.
    check: (r) => expect(r.files.leads!.rowsUsed).toBe(3),
  },
  "bad-numbers": { usable: true, code: "bad_number", severity: "warning", count: 2, message: '"visits" (declared number) are not a number', example: { row: 2, line: 3, column: "visits", value: "abc" } },
  "blank-lines": { usable: true, code: "bad_date", severity: "warning", count: 1, example: { row: 3, line: 7, column: "created_at", value: "never" } },
  bom: { usable: true, code: "bom", severity: "warning", count: 1, message: "byte-order mark", example: { line: 1, value: "EF BB BF" }, check: (r) => expect(r.files.leads!.rowsUsed).toBe(3) },
  "constant-column": { usable: true, code: "constant_column", severity: "warning", count: 3, message: '"same" has the same value in every row' },
  "crlf-quoted": { usable: true, code: "bad_date", severity: "warning", count: 1, example: { row: 2, line: 4, column: "created_at", value: "bad" } },
  "deal-bad-amount": { usable: true, code: "bad_number", severity: "warning", count: 1, message: "amount(s) are not numbers", example: { row: 2, column: "amount", value: "lots" } },
  "deal-bad-close-date": { usable: true, code: "bad_date", severity: "warning", count: 1, message: "close date that is not a date", example: { row: 2, column: "closed_at", value: "soon" } },
  "deal-before-lead": { usable: true, code: "deal_before_lead", severity: "warning", count: 1, message: "closed before their lead was created; kept", example: { row: 1, column: "closed_at", value: "2024-01-01 10:00:00" }, check: (r) => expect(r.files.deals!.rowsUsed).toBe(2) },
  "deal-outcome-unknown": { usable: true, code: "deal_outcome_unknown", severity: "warning", count: 1, message: "Add the value to deals.outcome", example: { row: 2, column: "status", value: "maybe" } },
  "deal-unknown-lead": { usable: true, code: "unknown_lead", severity: "warning", count: 1, example: { row: 2, line: 3, column: "lead_id", value: "L9" } },
  "deals-file-not-given": { usable: false, code: "file_not_provided", severity: "error", count: 1, message: 'the deals file "deals.csv" was not provided' },
  "declared-date-format": { usable: true, code: null, check: (r) => expect(r.files.leads!.rowsUsed).toBe(3) },
  "duplicate-deal-ids": { usable: true, code: "duplicate_deal_id", severity: "warning", count: 1, example: { row: 2, column: "deal_id", value: "D1" } },
  "duplicate-header": { usable: true, code: "duplicate_header", severity: "warning", count: 1, message: 'renamed "source_2"', example: { row: null, line: 1, column: "source_2", value: "source" } },
  "duplicate-ids": { usable: true, code: "duplicate_lead_id", severity: "warning", count: 2, message: "the first row of each id was kept", example: { row: 4, line: 5, column: "lead_id", value: "L2" }, check: (r) => expect(r.files.leads!.rowsUsed).toBe(3) },
  "empty-file": { usable: false, code: "empty_file", severity: "error", count: 1, message: "is empty" },
  "header-only": { usable: false, code: "no_data_rows", severity: "error", count: 1, message: "has a header but no data rows" },
  "inconsistent-spelling": {
    usable: true, code: "inconsistent_spelling", severity: "warning", count: 2, message: '"Google" / "google" → "Google"',
    check: (r) => expect(r.suggestions).toEqual([
      { file: "leads", column: "source", variants: [{ value: "Direct  Traffic", count: 1 }, { value: "Direct Traffic", count: 1 }], suggested: "Direct Traffic" },
      { file: "leads", column: "source", variants: [{ value: "Google", count: 2 }, { value: "google", count: 1 }], suggested: "Google" },
    ]),
  },
  "label-unexpected": { usable: true, code: "label_unexpected", severity: "warning", count: 2, message: "kept with no label (open)", example: { row: 2, column: "converted", value: "maybe" } },
  latin1: { usable: false, code: "invalid_utf8", severity: "error", count: 1, message: "byte 0xE9 at byte offset 124 (line 5)", example: { row: 4, line: 5, value: "L4,2024-01-05,1,Caf<0xE9>" } },
  "lead-after-end": { usable: true, code: "lead_after_end", severity: "warning", count: 1, example: { row: 4, column: "created_at", value: "2025-01-01" } },
  "missing-dates": { usable: true, code: "missing_date", severity: "warning", count: 2, example: { row: 2, column: "created_at", value: "" } },
  "missing-id-column": { usable: false, code: "missing_column", severity: "error", count: 1, message: 'no column "Lead ID" (mapped as leads.id); available columns: "lead_id", "created_at", "converted", "source"' },
  "quoted-newline": {
    usable: true, code: "bad_date", severity: "warning", count: 1, example: { row: 4, line: 8, column: "created_at", value: "not-a-date" },
    check: (r) => expect(r.suggestions).toEqual([]),
  },
  "ragged-after-multiline": { usable: true, code: "bad_date", severity: "warning", count: 1, example: { row: 4, line: 9, column: "created_at", value: "oops" }, check: (r) => expect(r.problems.find((p) => p.code === "ragged_row")!.examples[0]).toMatchObject({ row: 2, line: 4 }) },
  "ragged-too-few": { usable: true, code: "ragged_row", severity: "warning", count: 1, message: "different number of fields than the header (4)", example: { row: 3, line: 4, value: "L3,2024-01-04" } },
  "ragged-too-many": { usable: true, code: "ragged_row", severity: "warning", count: 1, example: { row: 2, line: 3, value: "L2,2024-01-03,0,Direct,extra" }, check: (r) => expect(r.files.leads).toMatchObject({ rowsRead: 3, rowsUsed: 2 }) },
  "select-markers": { usable: true, code: "missing_marker", severity: "warning", count: 3, message: '"city" "Select" ×2, spaces only or padded with spaces ×1', example: { row: 1, column: "city", value: "Select" } },
  "semicolon-auto": { usable: true, code: null, check: (r) => expect(r.files.leads).toMatchObject({ delimiter: ";", rowsUsed: 3 }) },
  "semicolon-declared-comma": { usable: false, code: "wrong_delimiter", severity: "error", count: 1, message: 'contains ";"; set "delimiter": ";"', example: { line: 1, value: "lead_id;created_at;converted;source" } },
  "stray-quote": { usable: false, code: "unterminated_quote", severity: "error", count: 1, example: { row: 2, line: 3, column: "notes", value: 'L2,2024-01-03,0,"closed"junk' } },
  "tab-auto": { usable: true, code: null, check: (r) => expect(r.files.leads).toMatchObject({ delimiter: "\t", rowsUsed: 3 }) },
  "tab-declared-comma": { usable: false, code: "wrong_delimiter", severity: "error", count: 1, message: "which contains tab" },
  "unterminated-quote": { usable: false, code: "unterminated_quote", severity: "error", count: 1, message: "first at data row 2 (line 3)", example: { row: 2, line: 3, column: "notes" }, check: (r) => expect(r.files.leads).toMatchObject({ rowsRead: 2, rowsUsed: 1 }) },
  "whitespace-ids": { usable: true, code: "missing_lead_id", severity: "warning", count: 2, example: { row: 2, line: 3, column: "lead_id", value: "   " } },
  "whitespace-only-file": { usable: false, code: "empty_file", severity: "error", count: 1 },
};

describe("malformed corpus", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("has at least 25 cases, each with an expectation", () => {
    const dirs = readdirSync(dir).filter((d) => !d.startsWith(".")).sort();
    expect(dirs.length).toBeGreaterThanOrEqual(25);
    expect(dirs).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, exp] of Object.entries(CASES)) {
    it(`${name}: ${exp.code ?? "no problem"}`, async () => {
      const { description, files } = await readDescribedFiles(path.join(dir, name, "dataset.json"));
      const report = await loadDataset(db, description, files);
      expect(report.problems.filter((p) => p.code === "internal_error")).toEqual([]);
      for (const f of Object.values(report.files)) checkInvariant(f!);
      expect(report.usable).toBe(exp.usable);
      const relevant = report.problems.filter((p) => p.code !== "one_outcome_only");
      if (exp.code === null) {
        expect(relevant).toEqual([]);
      } else {
        const p = report.problems.find((q) => q.code === exp.code);
        expect(p, `problems: ${report.problems.map((q) => q.code).join(", ")}`).toBeDefined();
        if (exp.severity) expect(p!.severity).toBe(exp.severity);
        if (exp.count !== undefined) expect(p!.count).toBe(exp.count);
        if (exp.message) expect(p!.message).toContain(exp.message);
        if (exp.example) expect(p!.examples[0]).toMatchObject(exp.example);
        expect(p!.examples.length).toBeLessThanOrEqual(5);
      }
      exp.check?.(report);
    });
  }
});
