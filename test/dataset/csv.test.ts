/** JavaScript CSV helpers, byte checks, sniffing and merge suggestions. */
import { describe, expect, it } from "vitest";
import { findInvalidUtf8, readHeader, stripBom } from "../../lib/dataset/bytes.js";
import { suggestMerges } from "../../lib/dataset/categories.js";
import { RecordIndex, detectDelimiter, parseCsvText } from "../../lib/dataset/csv.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { describeFromSniff, sniffCsv } from "../../lib/dataset/sniff.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("parseCsvText", () => {
  it("handles quotes, doubled quotes, line breaks in quotes, CRLF and blank lines", () => {
    expect(parseCsvText('a,b\r\n1,"x ""y""\r\nz"\r\n\r\n2,\n', ",")).toEqual({
      rows: [["a", "b"], ["1", 'x "y"\r\nz'], ["2", ""]], complete: true,
    });
    expect(parseCsvText('a\n"open', ",").complete).toBe(false);
  });
});

describe("RecordIndex", () => {
  const text = 'h1,h2\nr1,"a\nb"\n\nr2,x\r\nr3,"p\r\n\r\nq"\nr4,"stray"x\nr5,ab"c\n';
  const idx = new RecordIndex(enc(text), ",");
  it("numbers data rows as records and lines as physical lines", () => {
    // data row → line where it starts: r1 line 2 (spans 2), blank line 4, r2 line 5, r3 line 6 (spans 3), r4 line 9, r5 line 10
    expect([1, 2, 3, 4, 5].map((r) => idx.lineOfRow(r))).toEqual([2, 5, 6, 9, 10]);
    expect(idx.dataRows()).toBe(5);
    expect(idx.lineOfRow(6)).toBeNull();
  });
  it("maps byte offsets to data rows and re-parses a record", () => {
    expect(idx.rowAtByte(0)).toBe(0);
    expect(idx.rowAtByte(text.indexOf("r2"))).toBe(2);
    expect(idx.rowAtByte(text.indexOf("q"))).toBe(3);
    expect(idx.fieldsOfRow(3)).toEqual(["r3", "p\r\n\r\nq"]);
    expect(idx.fieldsOfRow(5)).toEqual(["r5", 'ab"c']);
  });
});

describe("byte checks", () => {
  it("finds the first invalid UTF-8 byte with its line", () => {
    const bytes = new Uint8Array([...enc("id,x\n1,ok\n2,Caf"), 0xe9, ...enc("\n")]);
    expect(findInvalidUtf8(bytes)).toEqual({ offset: 15, line: 3, bytes: [0xe9, 0x0a], before: "2,Caf" });
    expect(findInvalidUtf8(enc("id,x\n1,Café ✓ 𝄞\n"))).toBeNull();
    // overlong encoding and a lone continuation byte
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))!.offset).toBe(1);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0x80]))!.offset).toBe(1);
  });
  it("finds an invalid byte past the first 4 MB chunk", () => {
    const big = new Uint8Array(5 << 20).fill(0x61);
    big[(5 << 20) - 10] = 0xff;
    expect(findInvalidUtf8(big)!.offset).toBe((5 << 20) - 10);
  });
  it("strips the BOM and reads the header", () => {
    expect(readHeader(stripBom(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('"a,b", c ,\n1,2,3\n')])), ",")).toEqual(["a,b", "c", ""]); // empty names are renamed (with a warning) by prepareCsv
  });
  it("detects the delimiter", () => {
    expect(detectDelimiter("a;b;c\n1;2,5;3\n")).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2\n")).toBe("\t");
    expect(detectDelimiter('a,b\n"x;y",2\n')).toBe(",");
    expect(detectDelimiter("single\n1\n")).toBe(",");
  });
});

describe("sniffCsv and describeFromSniff", () => {
  const csv = "Prospect ID,Created On,Converted,Lead Source,Visits,Notes\n" +
    Array.from({ length: 60 }, (_, i) =>
      `${(0x7927b2df + i).toString(16)}-8bba-4d29-b9a2-b6e0beafe62${i % 10},2024-01-${String(1 + (i % 28)).padStart(2, "0")},${i % 3 === 0 ? 1 : 0},${["Google", "Direct", "Select"][i % 3]},${i % 7},note number ${i}`,
    ).join("\n") + "\n";
  const s = sniffCsv(enc(csv));
  it("infers types and likely roles", () => {
    expect(s).toMatchObject({ delimiter: ",", hasHeader: true, bom: false, rowsSampled: 60, missingMarkers: ["Select"] });
    expect(Object.fromEntries(s.columns.map((c) => [c.name, c.inferredType]))).toEqual({
      "Prospect ID": "id", "Created On": "date", Converted: "boolean", "Lead Source": "category", Visits: "number", Notes: "text",
    });
    expect(s.columns[3]).toMatchObject({ distinct: 2, missing: 20, examples: ["Google", "Direct"] });
    expect(s.likely).toEqual({ leadId: "Prospect ID", createdAt: "Created On", label: "Converted" });
  });
  it("drafts a description that parses", () => {
    const { description, todo } = describeFromSniff(s, { name: "upload", path: "leads.csv" });
    expect(todo).toEqual([]);
    const d = parseDatasetDescription(description);
    expect(d.leads).toMatchObject({ id: "Prospect ID", createdAt: "Created On", label: { column: "Converted", positive: ["1"], negative: ["0"] } });
    expect(d.missingValues).toEqual(["", "Select"]);
  });
  it("says when there is no header or no date", () => {
    expect(sniffCsv(enc("1,2024-01-01,x\n2,2024-01-02,y\n")).hasHeader).toBe(false);
    const noDate = describeFromSniff(sniffCsv(enc("id,y\na1,yes\na2,no\n")), { name: "n", path: "p.csv" });
    expect(noDate.todo[0]).toContain("asOf");
  });
});

describe("suggestMerges", () => {
  it("groups case and spacing variants and picks the most frequent tidy spelling", () => {
    expect(suggestMerges("leads", "src", [
      { value: "Google", count: 2868 }, { value: "google", count: 5 }, { value: "Direct", count: 9 },
      { value: "Interested  in MBA", count: 117 }, { value: "Email ", count: 3 }, { value: "email", count: 1 },
      { value: "two\nlines", count: 1 },
    ])).toEqual([
      { file: "leads", column: "src", variants: [{ value: "Email ", count: 3 }, { value: "email", count: 1 }], suggested: "email" },
      { file: "leads", column: "src", variants: [{ value: "Google", count: 2868 }, { value: "google", count: 5 }], suggested: "Google" },
      { file: "leads", column: "src", variants: [{ value: "Interested  in MBA", count: 117 }], suggested: "Interested in MBA" },
    ]);
  });
});
