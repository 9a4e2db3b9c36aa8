/**
 * The two real datasets (../shared/data, see its SOURCE.md files) loaded
 * through the same path users take: description file → readDescribedFiles →
 * loadDataset. Expected figures are the verified ones in SOURCE.md
 * (Python csv parse by the data's curator). Skipped, with a message naming
 * the path, when the shared data folder is absent (a user's clone).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { readDescribedFiles } from "../../lib/dataset/node.js";
import { checkInvariant } from "../../lib/dataset/report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(here, "../../../shared/data");
const present = existsSync(dataDir);
if (!present) console.warn(`real-data tests skipped: ${dataDir} is absent (the shared data folder is not part of a clone)`);

describe.skipIf(!present)("real data through loadDataset", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("X Education: 9,240 leads, 3,561 won, 'Select' missing, Google/google merge", async () => {
    const { description, files, missing } = await readDescribedFiles(path.join(here, "fixtures/x-education.dataset.json"));
    expect(missing).toEqual([]);
    const r = await loadDataset(db, description, files);
    expect(r.usable).toBe(true);
    const f = r.files.leads!;
    checkInvariant(f);
    expect(f).toMatchObject({ rowsRead: 9240, rowsUsed: 9240, excluded: [] });
    expect(r.outcomes).toMatchObject({ source: "label", won: 3561, lost: 5679, open: 0 });
    // SOURCE.md: 'Select' counts per column.
    const col = (n: string) => f.columns.find((c) => c.name === n)!;
    expect(col("How did you hear about X Education").markers).toEqual({ Select: 5043 });
    expect(col("Lead Profile").markers).toEqual({ Select: 4146 });
    expect(col("City").markers).toEqual({ Select: 2249 });
    expect(col("Specialization").markers).toEqual({ Select: 1942 });
    // Empty cells (SOURCE.md) plus 'Select' = missing.
    expect(col("Specialization").missing).toBe(1438 + 1942);
    expect(col("Lead Quality").missing).toBe(4767);
    const marker = r.problems.find((p) => p.code === "missing_marker")!;
    expect(marker.count).toBe(5043 + 4146 + 2249 + 1942);
    expect(r.suggestions).toContainEqual({
      file: "leads", column: "Lead Source", suggested: "Google",
      variants: [{ value: "Google", count: 2868 }, { value: "google", count: 5 }],
    });
    expect(r.suggestions).toContainEqual(expect.objectContaining({ column: "Tags", suggested: "Interested in full time MBA" }));
    // The five constant columns of SOURCE.md.
    const constant = r.problems.filter((p) => p.code === "constant_column").map((p) => p.examples[0].column).sort();
    expect(constant).toEqual([
      "Get updates on DM Content", "I agree to pay the amount through cheque", "Magazine",
      "Receive More Updates About Our Courses", "Update me on Supply Chain Content",
    ]);
    const [types] = await db.query(`SELECT typeof("TotalVisits") AS v, typeof("Do Not Email") AS b, typeof("Lead Origin") AS c, typeof(label) AS l FROM leads LIMIT 1`);
    expect(types).toEqual({ v: "DOUBLE", b: "BOOLEAN", c: "VARCHAR", l: "BOOLEAN" });
    const [n] = await db.query(`SELECT count(*) AS n, count(DISTINCT lead_id) AS d, count_if("Specialization" = 'Select') AS sel FROM leads`);
    expect(n).toEqual({ n: 9240, d: 9240, sel: 0 });
  });

  it("Olist: 8,000 leads, 842 deals all won, one deal before first contact", async () => {
    const { description, files, missing } = await readDescribedFiles(path.join(here, "fixtures/olist.dataset.json"));
    expect(missing).toEqual([]);
    const r = await loadDataset(db, description, files);
    expect(r.usable).toBe(true);
    for (const f of Object.values(r.files)) checkInvariant(f!);
    expect(r.files.leads).toMatchObject({ rowsRead: 8000, rowsUsed: 8000 });
    expect(r.files.deals).toMatchObject({ rowsRead: 842, rowsUsed: 842 });
    expect(r.asOf).toBe("2018-11-14 18:04:19"); // the last won_date (SOURCE.md: won_date runs to 2018-11-14)
    expect(r.outcomes).toMatchObject({ source: "deals", won: 842, lost: 7158, open: 0 });
    expect(r.outcomes!.byRule).toEqual([
      { rule: "no_deal_matured", outcome: "lost", count: 7158 },
      { rule: "won_deal", outcome: "won", count: 842 },
    ]);
    const early = r.problems.find((p) => p.code === "deal_before_lead")!;
    expect(early).toMatchObject({ severity: "warning", count: 1 });
    expect(early.examples[0]).toMatchObject({ column: "won_date", value: "2018-03-06 19:38:55" });
    // That data row is the deal of mql_id b91cf8812365f50ff4bda4bcd6206b05 (SOURCE.md).
    const [d] = await db.query(`SELECT d.lead_id FROM deals d JOIN leads l USING (lead_id) WHERE d.closed_at < l.created_at`);
    expect(d.lead_id).toBe("b91cf8812365f50ff4bda4bcd6206b05");
    const line = new TextDecoder().decode(files[description.files.deals!.path]).split("\n")[early.examples[0].row!];
    expect(line.startsWith("b91cf8812365f50ff4bda4bcd6206b05,")).toBe(true);
    // 60 empty origins (SOURCE.md); the mql_id that looks like a float stays text.
    expect(r.files.leads!.columns.find((c) => c.name === "origin")!.missing).toBe(60);
    const [odd] = await db.query(`SELECT count(*) AS n FROM leads WHERE lead_id = '401013266745e5661589292315434968'`);
    expect(odd.n).toBe(1);
  });
});
