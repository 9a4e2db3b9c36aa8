/**
 * Outcomes (METHODS.md §1) through lead_outcomes: each rule on a hand-made
 * dataset, the label alternative, and the generated sample data (lib/sample)
 * described by test/dataset/fixtures/sample.dataset.json, checked against an
 * independent TypeScript reading of §1.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { outcomeSql } from "../../lib/dataset/outcomes.js";
import { mainObjectsQuery } from "../../lib/db/catalog.js";
import { render } from "../../lib/sql/index.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const enc = (s: string) => new TextEncoder().encode(s);

describe("lead_outcomes", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openWasmDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("applies each deals rule with the maturity window as of asOf", async () => {
    const d = parseDatasetDescription({
      name: "rules",
      files: { leads: { path: "l.csv" }, deals: { path: "d.csv" } },
      leads: { id: "id", createdAt: "created" },
      deals: { leadId: "lead", outcome: { column: "status" }, closeDate: "closed" },
      asOf: "2024-06-30",
      maturityDays: 90,
    });
    const leads = "id,created\nW,2024-01-01\nL,2024-01-01\nO,2024-01-01\nM,2024-03-01\nY,2024-04-15\nX,2024-04-01\n";
    // W: one lost then one won deal → won; L: all lost; O: an open deal; M: no deal, 121 days old → lost;
    // Y: no deal, 76 days old → open; X: exactly 90 days at asOf → lost (created + 90 d ≤ asOf).
    const deals = "lead,status,closed\nW,lost,2024-02-01\nW,won,2024-03-01 12:00:00\nL,lost,2024-02-10\nL,lost,2024-02-20\nO,open,\n";
    const r = await loadDataset(db, d, { "l.csv": enc(leads), "d.csv": enc(deals) });
    expect(r.usable).toBe(true);
    const rows = await db.query(`SELECT lead_id, outcome, rule, decided_at FROM lead_outcomes ORDER BY lead_id`);
    expect(rows).toEqual([
      { lead_id: "L", outcome: "lost", rule: "all_deals_lost", decided_at: "2024-02-20 00:00:00" },
      { lead_id: "M", outcome: "lost", rule: "no_deal_matured", decided_at: "2024-05-30 00:00:00" },
      { lead_id: "O", outcome: "open", rule: "open_deal", decided_at: null },
      { lead_id: "W", outcome: "won", rule: "won_deal", decided_at: "2024-03-01 12:00:00" },
      { lead_id: "X", outcome: "lost", rule: "no_deal_matured", decided_at: "2024-06-30 00:00:00" },
      { lead_id: "Y", outcome: "open", rule: "no_deal_immature", decided_at: null },
    ]);
    expect(r.outcomes).toEqual({
      source: "deals", won: 1, lost: 3, open: 2,
      byRule: [
        { rule: "all_deals_lost", outcome: "lost", count: 1 },
        { rule: "no_deal_immature", outcome: "open", count: 1 },
        { rule: "no_deal_matured", outcome: "lost", count: 2 },
        { rule: "open_deal", outcome: "open", count: 1 },
        { rule: "won_deal", outcome: "won", count: 1 },
      ],
    });
    expect(outcomeSql(d, "2024-06-30 00:00:00")).toContain("INTERVAL 90 DAY <= TIMESTAMP '2024-06-30 00:00:00'");
    // Written once as a table (joins do not apply the rules again); a view left by an older kept copy is replaced
    // when the data is loaded again (the loader drops the derived objects, whichever kind, before writing them).
    const kind = async () => (await db.query<{ name: string; kind: string }>(render(mainObjectsQuery()))).find((o) => o.name === "lead_outcomes")?.kind;
    expect(await kind()).toBe("table");
    await db.exec(`DROP TABLE lead_outcomes; CREATE VIEW lead_outcomes AS SELECT 'Q' AS lead_id, 'won' AS outcome, 'won_deal' AS rule, NULL::TIMESTAMP AS decided_at`);
    expect(await kind()).toBe("view");
    const again = await loadDataset(db, d, { "l.csv": enc(leads), "d.csv": enc(deals) });
    expect(await kind()).toBe("table");
    expect(again.outcomes).toEqual(r.outcomes);
  });

  it("reads outcomes from a label column", async () => {
    const d = parseDatasetDescription({
      name: "label", files: { leads: { path: "l.csv" } },
      leads: { id: "id", label: { column: "y", positive: ["yes"], negative: ["no"] } }, asOf: "2024-01-01",
    });
    const r = await loadDataset(db, d, { "l.csv": enc("id,y\na,yes\nb,no\nc,\nd,YES\n") });
    expect(r.outcomes).toMatchObject({ source: "label", won: 2, lost: 1, open: 1 });
    expect(await db.query(`SELECT rule, count(*) AS n FROM lead_outcomes GROUP BY rule ORDER BY rule`)).toEqual([
      { rule: "label_missing", n: 1 }, { rule: "label_negative", n: 1 }, { rule: "label_positive", n: 2 },
    ]);
  });

  it("loads the generated sample data through sample.dataset.json", async (ctx) => {
    const modPath = "../../lib/sample/index.js";
    let sample: { generateSample?: (o: object) => any; toCsv?: (d: any) => Record<string, string> };
    try {
      sample = await import(modPath);
    } catch {
      sample = {};
    }
    if (!sample.generateSample || !sample.toCsv) {
      console.warn("sample dataset test skipped: lib/sample does not export generateSample and toCsv yet");
      ctx.skip();
      return;
    }
    const data = sample.generateSample({ leads: 1500 });
    const csv = sample.toCsv(data);
    const d = parseDatasetDescription(JSON.parse(readFileSync(path.join(here, "fixtures/sample.dataset.json"), "utf8")), "sample.dataset.json");
    const files = { "sample/leads.csv": enc(csv["leads.csv"]), "sample/deals.csv": enc(csv["deals.csv"]), "sample/activities.csv": enc(csv["activities.csv"]) };
    const r = await loadDataset(db, { ...d, asOf: data.meta.asOf }, files);
    expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.files.leads).toMatchObject({ rowsRead: data.leads.length, rowsUsed: data.leads.length });
    expect(r.files.deals).toMatchObject({ rowsRead: data.deals.length, rowsUsed: data.deals.length });
    expect(r.files.activities).toMatchObject({ rowsRead: data.activities.length, rowsUsed: data.activities.length });
    // METHODS.md §1 in TypeScript, as of the sample's snapshot.
    const asOfMs = Date.parse(data.meta.asOf.replace(" ", "T") + "Z");
    const byLead = new Map<string, string[]>();
    for (const deal of data.deals) byLead.set(deal.lead_id, [...(byLead.get(deal.lead_id) ?? []), deal.status]);
    const want = { won: 0, lost: 0, open: 0 };
    for (const lead of data.leads) {
      const s = byLead.get(lead.lead_id) ?? [];
      const o = s.includes("won") ? "won" : s.length && s.every((x) => x === "lost") ? "lost" : s.length ? "open"
        : lead.created_at + 90 * 86_400_000 <= asOfMs ? "lost" : "open";
      want[o]++;
    }
    expect(r.outcomes).toMatchObject(want);
  });
});
