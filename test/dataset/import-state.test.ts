/**
 * The import flow's state and steps without a DOM (lib/dataset/import-state.ts):
 * picking files drafts a mapping and keeps the user's choices that still fit,
 * any edit drops the validation, a new label column takes its values from the
 * sample, files are keyed by their description paths, and the texts shown.
 */
import { describe, expect, it } from "vitest";
import {
  columnsOf, descriptionText, draftMapping, editMapping, emptyImport, filesOf, pickFile, progressText, readMapping, redrawsForm, toggleMerge, workspaceName,
  type ImportState, type Picked,
} from "../../lib/dataset/import-state.js";
import { describeMapping } from "../../lib/dataset/mapping.js";
import type { MergeSuggestion, ValidationReport } from "../../lib/dataset/report.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { sniffCsv } from "../../lib/dataset/sniff.js";

const file = (name: string, text: string): Picked => {
  const bytes = new TextEncoder().encode(text);
  return { name, bytes, sniff: sniffCsv(bytes) };
};
const leads = file("crm-leads.csv", "lead_id,created_at,country,Converted\nL1,2024-01-02,FR,1\nL2,2024-01-03,DE,0\nL3,2024-01-05,fr,0\nL4,2024-01-06,DE,1\n");
const leadsNoDate = file("leads.csv", "id,country,won\nA,FR,yes\nB,DE,no\nC,FR,no\n");
const deals = file("deals.csv", "lead_id,stage,closed_at\nL1,won,2024-02-01\nL2,lost,2024-02-03\n");

describe("import state", () => {
  it("starts empty; a leads file drafts a mapping, clearing it drops the mapping", () => {
    const s0 = emptyImport();
    expect(s0).toEqual({ picked: {}, mapping: null, report: null, validated: null });
    const s1 = pickFile(s0, "leads", leads, "2026-01-01");
    expect(s1.mapping?.leads).toMatchObject({ path: "crm-leads.csv", id: "lead_id", createdAt: "created_at" });
    expect(s1.mapping?.name).toBe("crm-leads");
    expect(s1.mapping?.outcomeFrom).toBe("label");
    expect(s1.mapping?.asOf).toBeNull();
    expect(columnsOf(s1.picked, "leads")).toEqual(["lead_id", "created_at", "country", "Converted"]);
    expect(pickFile(s1, "leads", null).mapping).toBeNull();
    expect(s0.picked).toEqual({});
  });

  it("dates the data today when the leads have no creation date", () => {
    expect(draftMapping({ leads: leadsNoDate }, null, "2026-03-04")?.asOf).toBe("2026-03-04");
  });

  it("keeps the user's choices when another file is picked; a fresh draft with deals takes outcomes from them", () => {
    const s1 = pickFile(emptyImport(), "leads", leads);
    const renamed = { ...s1, mapping: { ...s1.mapping!, name: "my name", maturityDays: 30 } };
    const s2 = pickFile(renamed, "deals", deals);
    expect(s2.mapping?.name).toBe("my name");
    expect(s2.mapping?.maturityDays).toBe(30);
    expect(s2.mapping?.deals?.path).toBe("deals.csv");
    expect(s2.mapping?.outcomeFrom).toBe("label");
    expect(draftMapping(s2.picked, null)?.outcomeFrom).toBe("deals");
  });

  it("drops the validation on any change of files or mapping", () => {
    const report = { usable: true } as ValidationReport;
    const s1 = { ...pickFile(emptyImport(), "leads", leads), report };
    expect(pickFile(s1, "deals", deals).report).toBeNull();
    expect(editMapping(s1, s1.mapping, "name").report).toBeNull();
  });

  it("reads the form back into the mapping", () => {
    const s1 = pickFile(emptyImport(), "leads", leads);
    const form: Record<string, string> = { name: "n", "leads.id": "lead_id", "leads.createdAt": "", "leads.label.column": "Converted", "leads.label.positive": "1, yes", "leads.label.negative": "0", missingValues: "Select, n/a", maturityDays: "45", asOf: " 2024-03-01 " };
    const m = readMapping(s1.mapping, (n) => form[n] ?? "")!;
    expect(m.name).toBe("n");
    expect(m.leads.createdAt).toBeNull();
    expect(m.leads.label).toEqual({ column: "Converted", positive: ["1", "yes"], negative: ["0"] });
    expect(m.missingValues).toEqual(["Select", "n/a"]);
    expect(m.maturityDays).toBe(45);
    expect(m.asOf).toBe("2024-03-01");
    expect(m.outcomeFrom).toBe("label");
    expect(readMapping(null, () => "")).toBeNull();
  });

  it("a new label column takes its won / lost values from the sample and redraws the form", () => {
    const s1 = pickFile(emptyImport(), "leads", leadsNoDate);
    const read = { ...s1.mapping!, leads: { ...s1.mapping!.leads, label: { column: "won", positive: [], negative: [] } } };
    const s2 = editMapping(s1, read, "leads.label.column");
    expect(s2.mapping?.leads.label?.column).toBe("won");
    expect(s2.mapping?.leads.label?.positive).toEqual(["yes"]);
    expect(s2.mapping?.leads.label?.negative).toEqual(["no"]);
    expect(redrawsForm("leads.label.column")).toBe(true);
    expect(redrawsForm("deals.outcome.column")).toBe(true);
    expect(redrawsForm("name")).toBe(false);
  });

  it("ticks a merge into the mapping's recodes", () => {
    const s1 = pickFile(emptyImport(), "leads", leads);
    const merge: MergeSuggestion = { file: "leads", column: "country", suggested: "FR", variants: [{ value: "FR", count: 1 }, { value: "fr", count: 1 }] } as MergeSuggestion;
    const s2 = toggleMerge(s1, merge, true);
    expect(JSON.stringify(describeMapping(s2.mapping!))).toContain('"fr":"FR"');
    expect(toggleMerge(emptyImport(), merge, true)).toEqual(emptyImport());
  });

  it("keys files by their description paths and refuses two files of the same name", () => {
    const s: ImportState = pickFile(pickFile(emptyImport(), "leads", leads), "deals", deals);
    const d = parseDatasetDescription(describeMapping(s.mapping!));
    expect(Object.keys(filesOf(s.picked, d)).sort()).toEqual(["crm-leads.csv", "deals.csv"]);
    const same = { ...s.picked, deals: { ...deals, name: "crm-leads.csv" } };
    const d2 = parseDatasetDescription(describeMapping({ ...s.mapping!, deals: { ...s.mapping!.deals!, path: "crm-leads.csv" } }));
    expect(() => filesOf(same, d2)).toThrow(/both called "crm-leads.csv"/);
  });

  it("words the description, the workspace name and the progress", () => {
    expect(descriptionText(null)).toBe("{}\n");
    const s1 = pickFile(emptyImport(), "leads", leads);
    expect(JSON.parse(descriptionText(s1.mapping)).files.leads.path).toBe("crm-leads.csv");
    expect(workspaceName("  Q3 export ", s1.picked, { name: "d" })).toBe("Q3 export");
    expect(workspaceName(" ", s1.picked, { name: "d" })).toBe("crm-leads");
    expect(workspaceName("", {}, { name: "d" })).toBe("d");
    expect(progressText({ phase: "done" }, false)).toBe("Done");
    expect(progressText({ phase: "key" }, true)).toBe("Indexing the activities by lead…");
    expect(progressText({ phase: "key" }, false)).toBe("Keying the leads…");
    expect(progressText({ phase: "read", file: "deals" }, false)).toBe("Reading deals…");
    expect(progressText({ phase: "validate" }, false)).toBe("Checking the leads…");
  });
});
