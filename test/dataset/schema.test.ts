/** parseDatasetDescription: defaults, fixtures, and errors that name the file and the JSON path. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DatasetDescriptionError, jsonPath, parseDatasetDescription } from "../../lib/dataset/schema.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const minimal = { name: "m", files: { leads: { path: "l.csv" } }, leads: { id: "id", createdAt: "c", label: { column: "y" } } };

function errorOf(json: unknown, source = "x.dataset.json"): DatasetDescriptionError {
  try {
    parseDatasetDescription(json, source);
  } catch (e) {
    return e as DatasetDescriptionError;
  }
  throw new Error("expected a DatasetDescriptionError");
}

describe("parseDatasetDescription", () => {
  it("fills in the defaults", () => {
    const d = parseDatasetDescription(minimal);
    expect(d.files.leads).toEqual({ path: "l.csv", delimiter: "auto", encoding: "utf-8", header: true });
    expect(d).toMatchObject({ missingValues: [""], maturityDays: 90, dateFormats: [] });
    expect(d.leads.label).toEqual({ column: "y", positive: ["1", "true", "yes", "y", "won"], negative: ["0", "false", "no", "n", "lost"] });
  });

  it("accepts the three fixtures, with paths into ../shared/data", () => {
    for (const f of ["x-education", "olist", "sample"]) {
      const file = path.join(here, "fixtures", `${f}.dataset.json`);
      const d = parseDatasetDescription(readFileSync(file, "utf8"), file);
      if (f !== "sample") expect(path.resolve(path.dirname(file), d.files.leads.path)).toMatch(/^\/work\/shared\/data\/|shared\/data\//);
    }
    const olist = parseDatasetDescription(readFileSync(path.join(here, "fixtures/olist.dataset.json"), "utf8"));
    expect(olist.deals!.outcome).toEqual({ constant: "won" });
  });

  it("rejects other encodings with a fix", () => {
    const e = errorOf({ ...minimal, files: { leads: { path: "l.csv", encoding: "latin-1" } } });
    expect(e).toBeInstanceOf(DatasetDescriptionError);
    expect(e.message).toContain("x.dataset.json: invalid dataset description");
    expect(e.issues).toEqual([
      'files.leads.encoding: encoding "latin-1" is not supported: only "utf-8" is. Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.csv > out.csv`) and set "encoding": "utf-8"',
    ]);
    expect(parseDatasetDescription({ ...minimal, files: { leads: { path: "l.csv", encoding: "UTF8" } } }).files.leads.encoding).toBe("utf-8");
  });

  it("names the JSON path of each problem", () => {
    const e = errorOf({ ...minimal, leads: { ...minimal.leads, attributes: ["a", { column: "b", type: "float" }] }, maturityDays: -1, extra: 1 });
    expect(e.issues.some((i) => i.startsWith("leads.attributes[1]"))).toBe(true);
    expect(e.issues.some((i) => i.startsWith("maturityDays:"))).toBe(true);
    expect(e.issues.some((i) => i.includes('"extra"'))).toBe(true);
    expect(jsonPath(["leads", "attributes", 2, "type"])).toBe("leads.attributes[2].type");
  });

  it("requires asOf without a creation date, an outcome source, and matching file/mapping pairs", () => {
    expect(errorOf({ ...minimal, leads: { id: "id", label: { column: "y" } } }).issues).toEqual([
      "asOf: leads.createdAt is not given, so asOf (the data's end date) is required: every lead is dated at asOf",
    ]);
    expect(errorOf({ ...minimal, leads: { id: "id", createdAt: "c" } }).issues[0]).toContain("no outcome source");
    expect(errorOf({ ...minimal, files: { ...minimal.files, deals: { path: "d.csv" } } }).issues[0]).toBe(
      'deals: files.deals is given but the "deals" column mapping is missing',
    );
    expect(errorOf({ ...minimal, delimiter: ";" }).issues[0]).toContain('"delimiter"');
    expect(errorOf({ ...minimal, files: { leads: { path: "l.csv", delimiter: ";;" } } }).issues[0]).toContain("files.leads.delimiter");
  });

  it("reports JSON syntax errors with the file name", () => {
    expect(errorOf("{ nope", "bad.json").message).toMatch(/^bad\.json: invalid dataset description:\n {2}\(root\): not valid JSON/);
  });
});
