/**
 * Issue 16, items 1–3, 5–9, 15, 16: the bad-input fixtures
 * (test/fixtures/bad-input/<case>/dataset.json + CSV) load through the same
 * path as `leadscore validate` and give a report (never an exception) with
 * the expected problem: code, severity, count, message and first example
 * (data row, line, column, value as written); the values read are checked
 * in the database where the fix is a conversion.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport } from "../../cli/validation-text.js";
import { terminalSafe } from "../../cli/terminal.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { MAX_COLUMNS } from "../../lib/dataset/limits.js";
import { readDescribedFiles } from "../../lib/dataset/node.js";
import { checkInvariant, type Example, type ValidationReport } from "../../lib/dataset/report.js";
import { DatasetDescriptionError, parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/bad-input");

interface Expected {
  usable: boolean;
  code: string;
  severity: "error" | "warning";
  count?: number;
  message?: string;
  example?: Partial<Example>;
  check?: (r: ValidationReport, db: Db) => Promise<void> | void;
}

const createdAt = async (db: Db) =>
  Object.fromEntries((await db.query<{ id: string; t: string }>("SELECT lead_id AS id, CAST(created_at AS VARCHAR) AS t FROM leads ORDER BY 1")).map((r) => [r.id, r.t]));

const CASES: Record<string, Expected> = {
  // Item 1: offsets converted to UTC, never dropped; a column mixing offsets and naive times is reported.
  "tz-offsets": {
    usable: true, code: "mixed_time_zones", severity: "warning", count: 2, message: "carry a UTC offset and were converted to UTC",
    example: { row: 1, line: 2, column: "created_at", value: "2024-01-02T23:30:00-05:00" },
    check: async (_r, db) => expect(await createdAt(db)).toEqual({ L1: "2024-01-03 04:30:00", L2: "2024-01-03 10:00:00", L3: "2024-01-04 02:30:00", L4: "2024-01-05 00:00:00" }),
  },
  // Item 2: 9999-12-31 and 1900-01-01 are reported; asOf is not taken from the outlier.
  "outlier-dates": {
    usable: true, code: "date_outlier", severity: "warning", count: 2, message: "before 1990-01-01, or more than 366 days after its 99th percentile",
    example: { row: 40, line: 41, column: "created_at", value: "9999-12-31" },
    check: (r) => {
      expect(r.asOf).toBe("2024-12-28 00:00:00");
      expect(r.problems.find((p) => p.code === "end_date_outlier")!.message).toContain("the latest date in the data, 9999-12-31 00:00:00 lie");
    },
  },
  // Item 3: 02/01/2024 under %d/%m/%Y and %m/%d/%Y is counted and reported with the rule used.
  "ambiguous-dates": {
    usable: true, code: "ambiguous_date", severity: "warning", count: 2, message: 'the first format that fits was used ("%d/%m/%Y"',
    example: { row: 2, line: 3, column: "created_at", value: "02/01/2024" },
    check: async (_r, db) => expect((await createdAt(db)).L2).toBe("2024-01-02 00:00:00"),
  },
  // Item 5: empty header names are named column<N> with a warning.
  "empty-header": {
    usable: true, code: "empty_header", severity: "warning", count: 2, message: 'they were named "column4", "column6"',
    example: { row: null, line: 1, column: "column4", value: "" },
  },
  // Item 6: one CRLF line among LF lines: read, with the first line where the ending changes.
  "mixed-line-endings": {
    usable: true, code: "mixed_line_endings", severity: "warning", count: 1, message: "line 1 ends with LF, line 3 first with CRLF",
    example: { row: 2, line: 3, value: "CRLF" },
    check: (r) => expect(r.files.leads).toMatchObject({ rowsRead: 4, rowsUsed: 4 }),
  },
  // Item 7: "Source" / "source" and a renamed repeat colliding with "source_2".
  "case-duplicate-header": {
    usable: true, code: "duplicate_header", severity: "warning", count: 1, message: 'renamed "source_3"',
    example: { row: null, line: 1, column: "source_3", value: "source" },
    check: (r) => expect(r.files.leads!.columns.map((c) => c.name)).toEqual(["lead_id", "created_at", "converted", "Source", "source_3", "source_2"]),
  },
  // Item 8: UTF-16 with and without a byte-order mark is named as such; a NUL byte is named with its line.
  "utf16-bom": { usable: false, code: "utf16", severity: "error", count: 1, message: "is UTF-16LE text (byte-order mark FF FE)", example: { line: 1, value: "FF FE 6C 00 65 00 61 00" } },
  "utf16-no-bom": { usable: false, code: "utf16", severity: "error", count: 1, message: "is UTF-16LE text (no byte-order mark", example: { line: 1 } },
  "nul-byte": { usable: false, code: "nul_byte", severity: "error", count: 1, message: "at byte offset 60 (line 3)", example: { row: 2, line: 3, value: "L2,2024-01-03,0<0x00>" } },
  // Item 16 (the data side): names and values with bidi and control characters load as written.
  "names-with-controls": {
    usable: true, code: "bad_date", severity: "warning", count: 1, example: { row: 3, line: 4, column: "created_at", value: "bad\u202edate\u001b[31m" },
    check: (r) => {
      const text = formatReport(r, "names-with-controls/dataset.json");
      expect(text).not.toMatch(/[\u202e\u001b\t]/);
      expect(text).toContain('"so\\u202Eurce\\tx"');
      expect(text).toContain("bad\\u202Edate\\u001b[31m");
    },
  },
};

describe("bad-input fixtures (issue 16)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  for (const [name, exp] of Object.entries(CASES)) {
    it(`${name}: ${exp.code}`, async () => {
      const { description, files } = await readDescribedFiles(path.join(dir, name, "dataset.json"));
      const report = await loadDataset(db, description, files);
      expect(report.problems.filter((p) => p.code === "internal_error" || p.code === "csv_unreadable")).toEqual([]);
      for (const f of Object.values(report.files)) checkInvariant(f!);
      expect(report.usable).toBe(exp.usable);
      const p = report.problems.find((q) => q.code === exp.code);
      expect(p, `problems: ${report.problems.map((q) => `${q.code}: ${q.message}`).join("\n")}`).toBeDefined();
      expect(p!.severity).toBe(exp.severity);
      if (exp.count !== undefined) expect(p!.count).toBe(exp.count);
      if (exp.message) expect(p!.message).toContain(exp.message);
      if (exp.example) expect(p!.examples[0]).toMatchObject(exp.example);
      await exp.check?.(report, db);
    });
  }

  it("item 9: dateFormats [\"%s\"] is refused by the description check, naming the path and the fix", async () => {
    const read = readDescribedFiles(path.join(dir, "epoch-format", "dataset.json"));
    await expect(read).rejects.toThrow(DatasetDescriptionError);
    await expect(read).rejects.toThrow(/epoch-format\/dataset\.json: invalid dataset description:\n {2}dateFormats\[0\]: "%s": %s \(epoch seconds\) is not supported\. Convert the column/);
    expect(() => parseDatasetDescription({ name: "x", files: { leads: { path: "l.csv" } }, leads: { id: "id", label: { column: "y" }, createdAt: "c" }, dateFormats: ["%d/%m/%Y %H:%M"] })).not.toThrow();
  });

  it("item 15: a device is never read; a file over the size limit is refused before reading; the limit is named", async () => {
    const t0 = performance.now();
    const dev = await readDescribedFiles(path.join(dir, "device", "dataset.json"));
    expect(dev.refused).toEqual(["/dev/zero is not a regular file (a device, pipe or folder); give a CSV file"]);
    expect(dev.files).toEqual({});
    const tmp = mkdtempSync(path.join(tmpdir(), "big-"));
    writeFileSync(path.join(tmp, "leads.csv"), `id,c,y\n${"a,2024-01-01,1\n".repeat(100_000)}`);
    writeFileSync(path.join(tmp, "d.json"), JSON.stringify({ name: "big", files: { leads: { path: "leads.csv" } }, leads: { id: "id", createdAt: "c", label: { column: "y" } } }));
    const big = await readDescribedFiles(path.join(tmp, "d.json"), 1024 * 1024);
    expect(big.refused[0]).toMatch(/leads\.csv is 1\.4 MB, over the limit of 1 MB; split the file or raise the limit with LEADSCORE_MAX_FILE_MB/);
    // The same limit in loadDataset (the browser path).
    const r = await loadDataset(db, parseDatasetDescription({ name: "big", files: { leads: { path: "l.csv" } }, leads: { id: "id", createdAt: "c", label: { column: "y" } } }), { "l.csv": new Uint8Array(2048) }, { maxFileBytes: 1024 });
    expect(r.problems[0]).toMatchObject({ code: "file_too_large", severity: "error" });
    expect(r.problems[0].message).toContain("over the limit of 1,024 bytes");
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it(`item 15: a header of 20,000 columns is refused at once (limit ${MAX_COLUMNS})`, async () => {
    const header = ["id", "c", "y", ...Array.from({ length: 19_997 }, (_, i) => `x${i}`)];
    const csv = `${header.join(",")}\n${header.map(() => "1").join(",")}\n`;
    const d = parseDatasetDescription({ name: "wide", files: { leads: { path: "w.csv" } }, leads: { id: "id", createdAt: "c", label: { column: "y" } } });
    const t0 = performance.now();
    const r = await loadDataset(db, d, { "w.csv": new TextEncoder().encode(csv) });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.usable).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: "too_many_columns", examples: [{ line: 1, column: "x997", value: "20,000 columns" }] });
    expect(r.problems[0].message).toContain("the header has 20,000 columns; the limit is 1,000");
  });

  it("item 16: terminal text escapes control and bidi characters, keeps line feeds", () => {
    expect(terminalSafe("a\tb\u202ec\r\u001b[2J\u2066x\u2069\u200f\u0085\n")).toBe("a\\tb\\u202Ec\\r\\u001B[2J\\u2066x\\u2069\\u200F\\u0085\n");
  });
});
