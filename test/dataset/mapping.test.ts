/**
 * The browser's mapping form as data (lib/dataset/mapping.ts): a mapping
 * gives a description that parseDatasetDescription accepts, accepted merges
 * land in leads.recode / activities.types, and the first guesses for deals
 * and activities files pick the obvious columns. Also the JavaScript sample
 * statistics used for type inference (lib/dataset/columns.ts).
 */
import { describe, expect, it } from "vitest";
import { sampleStatsOfRows, inferType } from "../../lib/dataset/columns.js";
import { acceptMerge, describeMapping, guessActivities, guessDeals, splitList, type ImportMapping } from "../../lib/dataset/mapping.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { sniffCsv } from "../../lib/dataset/sniff.js";

const enc = (s: string) => new TextEncoder().encode(s);
const base: ImportMapping = {
  name: "x-education",
  leads: { path: "Leads.csv", delimiter: ",", id: "Prospect ID", createdAt: null, label: { column: "Converted", positive: ["1"], negative: ["0"] } },
  deals: null, activities: null, outcomeFrom: "label", missingValues: ["Select"], maturityDays: 90, asOf: "2019-12-30",
};

describe("describeMapping", () => {
  it("gives the description of test/dataset/fixtures/x-education.dataset.json (path aside)", () => {
    const d = parseDatasetDescription(describeMapping(base));
    expect(d.leads).toEqual({ id: "Prospect ID", label: { column: "Converted", positive: ["1"], negative: ["0"] } });
    expect(d.missingValues).toEqual(["", "Select"]);
    expect(d.asOf).toBe("2019-12-30");
    expect(d.outcomeFrom).toBe("label");
  });

  it("maps deals with a constant outcome when no outcome column is chosen", () => {
    const m: ImportMapping = { ...base, deals: { path: "deals.csv", delimiter: ",", leadId: "mql_id", outcome: null, closeDate: "won_date", createdAt: null, amount: null }, outcomeFrom: "deals" };
    const d = parseDatasetDescription(describeMapping(m));
    expect(d.deals).toEqual({ leadId: "mql_id", outcome: { constant: "won" }, closeDate: "won_date" });
    expect(d.files.deals?.path).toBe("deals.csv");
  });

  it("splits comma lists", () => expect(splitList(" Select, unknown ,,n/a")).toEqual(["Select", "unknown", "n/a"]));
});

describe("acceptMerge", () => {
  const s = { file: "leads" as const, column: "Lead Source", suggested: "Google", variants: [{ value: "Google", count: 2868 }, { value: "google", count: 5 }] };
  it("adds the variants to leads.recode and takes them back", () => {
    const m = acceptMerge(base, s, true);
    expect(m.recode).toEqual({ "Lead Source": { google: "Google" } });
    expect(parseDatasetDescription(describeMapping(m)).leads.recode).toEqual({ "Lead Source": { google: "Google" } });
    expect(acceptMerge(m, s, false).recode).toEqual({});
  });
  it("uses the source name of a column renamed attr_<name>", () => {
    expect(acceptMerge(base, { ...s, column: "attr_label" }, true, ["label"]).recode).toEqual({ label: { google: "Google" } });
  });
  it("renames activity types", () => {
    expect(acceptMerge(base, { ...s, file: "activities", column: "activity_type" }, true).activityTypes).toEqual({ google: "Google" });
  });
});

describe("first guesses", () => {
  it("deals: lead id by the leads id's name, status, close date, amount", () => {
    const g = guessDeals(sniffCsv(enc("deal_id,lead_id,status,closed_at,amount\nD1,L1,won,2024-01-02,10\nD2,L2,lost,2024-01-03,20\nD3,L3,open,,5\n")), "lead_id");
    expect(g).toMatchObject({ leadId: "lead_id", outcome: { column: "status", won: ["won"], lost: ["lost"], open: ["open"] }, closeDate: "closed_at", amount: "amount" });
  });
  it("activities: lead id, type, timestamp", () => {
    const g = guessActivities(sniffCsv(enc("lead,activity_type,occurred_at\nL1,email,2024-01-02 10:00:00\nL2,visit,2024-01-03 11:00:00\nL1,email,2024-01-04 09:00:00\n")), "lead_id");
    expect(g).toMatchObject({ leadId: "lead", type: "activity_type", timestamp: "occurred_at" });
  });
});

describe("sampleStatsOfRows", () => {
  it("counts missing (trimmed, markers), numbers, booleans and distinct values", () => {
    const rows = [["1", " yes", "a"], ["2.5e1", "No", " Select "], ["", "true", "b"], ["x", "", "a"]];
    const [n, b, c] = sampleStatsOfRows(rows, ["n", "b", "c"], ["n", "b", "c"], ["Select"]);
    expect(n).toEqual({ name: "n", rows: 4, nonMissing: 3, numbers: 2, booleans: 0, distinct: 3 });
    expect(b).toEqual({ name: "b", rows: 4, nonMissing: 3, numbers: 0, booleans: 3, distinct: 3 });
    expect(c).toEqual({ name: "c", rows: 4, nonMissing: 3, numbers: 0, booleans: 0, distinct: 2 });
    expect([n, b, c].map(inferType)).toEqual(["VARCHAR", "BOOLEAN", "VARCHAR"]);
  });
});
