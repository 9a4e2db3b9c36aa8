/**
 * A model that reads a yes/no column as text meets data where "auto" typing
 * read that column as BOOLEAN: the "not for this dataset" message says why and
 * how to fix the dataset description (the large benchmark hit exactly this).
 */
import { describe, expect, it } from "vitest";
import { checkDataset, kindMismatch, typeFix, type DataShape } from "../../lib/scoring/check-data.js";
import { missingData } from "../../lib/workspace/versions.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { readDataShape } from "../../lib/scoring/check-data.js";
import type { Model } from "../../lib/model/schema.js";

const shape = (cols: [string, string][]): DataShape => ({ tables: new Set(["leads"]), leadColumns: new Map(cols), activityTypes: new Set() });
const model = (columns: Record<string, "string" | "number" | "boolean">) => ({ id: "m", version: 1, dataset: { columns, activityTypes: [] } }) as unknown as Model;

describe("typeFix: the dataset-description fix for a column typed by \"auto\"", () => {
  it("text read as BOOLEAN or as a number: declare it text", () => {
    expect(typeFix("budget", "string", "BOOLEAN")).toContain('write {"column": "budget", "type": "text"}');
    expect(typeFix("budget", "string", "BOOLEAN")).toContain("yes/no or true/false");
    expect(typeFix("zip", "string", "DOUBLE")).toContain('write {"column": "zip", "type": "text"}');
  });
  it("a number or yes/no column read as text: say some values are not, and how to declare it", () => {
    expect(typeFix("age", "number", "VARCHAR")).toContain('"type": "number"');
    expect(typeFix("opt_in", "boolean", "VARCHAR")).toContain('"type": "boolean"');
  });
  it("no simple fix otherwise", () => {
    expect(typeFix("x", "number", "BOOLEAN")).toBeNull();
    expect(typeFix("x", "string", "TIMESTAMP")).toBeNull();
    expect(kindMismatch("x", "number", "BOOLEAN")).toBe('column "x" is declared number but the data has BOOLEAN');
  });
  it("missingData and checkDataset carry the fix", () => {
    const m = model({ budget: "string" });
    const s = shape([["lead_id", "VARCHAR"], ["budget", "BOOLEAN"]]);
    expect(missingData(m, s)[0]).toMatch(/^column "budget" is declared string but the data has BOOLEAN \(it was read as BOOLEAN .*"type": "text".*\)$/);
    expect(() => checkDataset(m, s)).toThrow(/Column "budget": it was read as BOOLEAN .*"type": "text"/);
    expect(missingData(m, shape([["budget", "VARCHAR"]]))).toEqual([]);
  });
});

describe("end to end: a yes/no text column in a CSV", () => {
  const csv = "lead_id,created_at,budget,label\nL1,2024-01-01,yes,1\nL2,2024-01-02,no,0\nL3,2024-01-03,,1\n";
  const files = { "leads.csv": new TextEncoder().encode(csv) };
  const base = { name: "yn", files: { leads: { path: "leads.csv" } }, leads: { id: "lead_id", createdAt: "created_at", label: { column: "label" } } };
  it("is BOOLEAN under auto (the message above applies) and VARCHAR when declared text", async () => {
    for (const [attr, want] of [["budget", "BOOLEAN"], [{ column: "budget", type: "text" }, "VARCHAR"]] as const) {
      const db = await openWasmDb();
      try {
        await loadDataset(db, parseDatasetDescription({ ...base, leads: { ...base.leads, attributes: [attr] } }), files);
        const s = await readDataShape(db);
        expect(s.leadColumns.get("budget")).toBe(want);
        expect(missingData(model({ budget: "string" }), s).length).toBe(want === "VARCHAR" ? 0 : 1);
      } finally {
        await db.close();
      }
    }
  });
});
