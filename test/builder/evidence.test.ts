/**
 * The criteria builder's evidence (lib/builder/evidence.ts) against counts
 * made independently here, in TypeScript, from the raw rows of a generated
 * sample: per level, per number band, per activity count and recency band —
 * leads, won and lost, and the Wilson interval of each row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bandEvidence, countEvidence, levelEvidence, recencyEvidence } from "../../lib/builder/evidence.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import type { Db } from "../../lib/db/types.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { wilson } from "../../lib/metrics/wilson.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { readFileSync } from "node:fs";

const DAY = 86_400_000;
let db: Db;
interface Lead { id: string; industry: string | null; size: number | null; outcome: string | null; scoringMs: number }
let leads: Lead[];
let acts: { id: string; type: string; ms: number }[];

beforeAll(async () => {
  const desc = JSON.parse(readFileSync("data/sample.dataset.json", "utf8"));
  const csv = toCsv(generateSample({ leads: 2500, seed: 11 })) as unknown as Record<string, string>;
  const description = parseDatasetDescription(JSON.stringify(desc), "sample.dataset.json");
  const files: Record<string, Uint8Array> = {};
  for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = new TextEncoder().encode(csv[`${kind}.csv`]);
  db = await openWasmDb();
  await loadDataset(db, description, files);
  await recompute(db, []);
  // Raw rows, read plainly (reference SQL kept independent of lib/sql on purpose).
  leads = (await db.query(`SELECT l.lead_id AS id, l.industry, l.company_size AS size, o.outcome, epoch_ms(d.scoring_at) AS s
    FROM leads l LEFT JOIN lead_outcomes o ON o.lead_id = l.lead_id JOIN scoring_dates d ON d.lead_id = l.lead_id`)).map((r) => ({
    id: String(r.id), industry: r.industry === null ? null : String(r.industry), size: r.size === null ? null : Number(r.size),
    outcome: r.outcome === null ? null : String(r.outcome), scoringMs: Number(r.s),
  }));
  acts = (await db.query(`SELECT lead_id AS id, activity_type AS t, epoch_ms(occurred_at) AS ms FROM activities`)).map((r) => ({ id: String(r.id), type: String(r.t), ms: Number(r.ms) }));
}, 120_000);
afterAll(async () => db?.close?.());

function tally(group: (l: Lead) => string | null) {
  const m = new Map<string | null, { leads: number; won: number; lost: number }>();
  for (const l of leads) {
    const k = group(l);
    if (!m.has(k)) m.set(k, { leads: 0, won: 0, lost: 0 });
    const c = m.get(k)!;
    c.leads++;
    if (l.outcome === "won") c.won++;
    if (l.outcome === "lost") c.lost++;
  }
  return m;
}

describe("criteria builder evidence against independent counts", () => {
  it("levels: each named level, the rest as other, missing; Wilson interval and lift", async () => {
    const ev = await levelEvidence(db, "industry");
    const ref = tally((l) => l.industry);
    expect(ev.rows.reduce((s, r) => s + r.leads, 0)).toBe(leads.length);
    const levels = ev.rows.filter((r) => r.kind === "level");
    expect(levels.length).toBeGreaterThan(2);
    for (const r of levels) {
      const c = ref.get(String((r as { value: unknown }).value))!;
      expect([r.leads, r.won, r.lost]).toEqual([c.leads, c.won, c.lost]);
      expect(r.ci).toEqual(wilson(c.won, c.won + c.lost));
    }
    // ordered by leads, most first
    for (let i = 1; i < levels.length; i++) expect(levels[i - 1].leads).toBeGreaterThanOrEqual(levels[i].leads);
    const won = leads.filter((l) => l.outcome === "won").length, lost = leads.filter((l) => l.outcome === "lost").length;
    expect(ev.overall).toEqual({ won, lost, winRate: won / (won + lost) });
    const top = levels[0];
    expect(top.lift).toBeCloseTo(top.winRate! / (won / (won + lost)), 12);
  });

  it("number bands: every band's leads are the leads whose value lies in [lo, hi)", async () => {
    const ev = await bandEvidence(db, "company_size", 5);
    const bands = ev.rows.filter((r) => r.kind === "band");
    expect(bands.length).toBeGreaterThanOrEqual(3);
    for (const b of bands) {
      const inside = leads.filter((l) => l.size !== null && (b.lo === null || l.size >= b.lo) && (b.hi === null || l.size < b.hi));
      expect([b.leads, b.won, b.lost]).toEqual([inside.length, inside.filter((l) => l.outcome === "won").length, inside.filter((l) => l.outcome === "lost").length]);
    }
    const missing = leads.filter((l) => l.size === null).length;
    expect(ev.rows.find((r) => r.kind === "missing")?.leads ?? 0).toBe(missing);
    expect(ev.rows.reduce((s, r) => s + r.leads, 0)).toBe(leads.length);
  });

  const perLead = (type: string) => {
    const byId = new Map(leads.map((l) => [l.id, [] as number[]]));
    const scoring = new Map(leads.map((l) => [l.id, l.scoringMs]));
    for (const a of acts) if (a.type === type && byId.has(a.id) && a.ms <= scoring.get(a.id)!) byId.get(a.id)!.push((scoring.get(a.id)! - a.ms) / DAY);
    return byId;
  };

  it("activity counts in the window: none, 1, 2–3, 4 or more", async () => {
    const type = [...new Set(acts.map((a) => a.type))].sort()[0];
    const ages = perLead(type);
    const ev = await countEvidence(db, type, 30);
    const bucket = (n: number) => (n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : 3);
    const ref = tally((l) => String(bucket(ages.get(l.id)!.filter((a) => a < 30).length)));
    ev.rows.forEach((r, i) => {
      const c = ref.get(String(i)) ?? { leads: 0, won: 0, lost: 0 };
      expect([r.leads, r.won, r.lost], r.label).toEqual([c.leads, c.won, c.lost]);
    });
    expect(ev.rows.map((r) => r.label)[0]).toBe("none");
  });

  it("recency of the last activity: 0–7, 7–30, 30–90, 90 or more days, never", async () => {
    const type = [...new Set(acts.map((a) => a.type))].sort()[1];
    const ages = perLead(type);
    const ev = await recencyEvidence(db, type);
    const bucket = (xs: number[]) => { if (!xs.length) return "never"; const m = Math.min(...xs); return m < 7 ? "0" : m < 30 ? "1" : m < 90 ? "2" : "3"; };
    const ref = tally((l) => bucket(ages.get(l.id)!));
    ev.rows.forEach((r, i) => {
      const c = ref.get(r.kind === "never" ? "never" : String(i)) ?? { leads: 0, won: 0, lost: 0 };
      expect([r.leads, r.won, r.lost], r.label).toEqual([c.leads, c.won, c.lost]);
    });
    expect(ev.rows.reduce((s, r) => s + r.leads, 0)).toBe(leads.length);
  });

  it("an activity type the data does not have is named in the error", async () => {
    await expect(countEvidence(db, "fax_received", 30)).rejects.toThrow("there is no activity of type 'fax_received' in the data.");
  });
});
