import { beforeAll, describe, expect, it } from "vitest";
import { ACTIVITY_TYPES, DEAL_STATUSES } from "../../lib/tables.js";
import { generateSample, toCsv, type SampleData } from "../../lib/sample/index.js";
import { DAY_MS, parseTimestamp } from "./helpers.js";

describe("generateSample with the defaults", () => {
  let data: SampleData;
  beforeAll(() => {
    data = generateSample();
  });

  it("is deterministic: the same seed gives byte-identical CSV, another seed different CSV", () => {
    const a = toCsv(data);
    const b = toCsv(generateSample({ seed: 42 }));
    const c = toCsv(generateSample({ seed: 43 }));
    for (const name of ["leads.csv", "activities.csv", "deals.csv"] as const) {
      expect(a[name] === b[name], name).toBe(true);
      expect(a[name] === c[name], name).toBe(false);
    }
  });

  it("has 24,000 leads over 2024-01-01 … 2025-12-31 and the documented volumes", () => {
    expect(data.meta).toMatchObject({
      seed: 42, start: "2024-01-01", end: "2025-12-31", months: 24,
      asOf: "2026-01-01 00:00:00", driftFrom: "2025-01-01",
    });
    expect(data.leads).toHaveLength(24000);
    expect(data.meta.counts).toEqual({ leads: 24000, activities: data.activities.length, deals: data.deals.length });
    const lo = Date.UTC(2024, 0, 1);
    const hi = Date.UTC(2026, 0, 1);
    expect(data.leads.every((l) => l.created_at >= lo && l.created_at < hi)).toBe(true);
    // every month has leads, and volume grows (last quarter > first quarter)
    const perMonth = new Array(24).fill(0);
    for (const l of data.leads) {
      const d = new Date(l.created_at);
      perMonth[(d.getUTCFullYear() - 2024) * 12 + d.getUTCMonth()]++;
    }
    expect(Math.min(...perMonth)).toBeGreaterThan(500);
    expect(perMonth.slice(21).reduce((a, b) => a + b)).toBeGreaterThan(perMonth.slice(0, 3).reduce((a, b) => a + b));
    const perLead = data.activities.length / data.leads.length;
    expect(perLead).toBeGreaterThanOrEqual(8);
    expect(perLead).toBeLessThanOrEqual(15);
  });

  it("uses ids L000001… in creation order and whole-second timestamps", () => {
    expect(data.leads[0].lead_id).toBe("L000001");
    expect(data.leads[23999].lead_id).toBe("L024000");
    for (let i = 1; i < data.leads.length; i++) expect(data.leads[i].created_at >= data.leads[i - 1].created_at).toBe(true);
    const all = [
      ...data.leads.map((l) => l.created_at),
      ...data.activities.map((a) => a.occurred_at),
      ...data.deals.flatMap((d) => (d.closed_at === null ? [d.created_at] : [d.created_at, d.closed_at])),
    ];
    expect(all.every((t) => Number.isInteger(t) && t % 1000 === 0)).toBe(true);
  });

  it("references only existing leads, dated after their creation and before the snapshot", () => {
    const created = new Map(data.leads.map((l) => [l.lead_id, l.created_at]));
    const asOf = parseTimestamp(data.meta.asOf);
    for (const a of data.activities) {
      const t = created.get(a.lead_id);
      if (t === undefined || a.occurred_at < t || a.occurred_at >= asOf) throw new Error(`bad activity ${JSON.stringify(a)}`);
    }
    for (const d of data.deals) {
      const t = created.get(d.lead_id);
      if (t === undefined || d.created_at < t || d.created_at >= asOf) throw new Error(`bad deal ${JSON.stringify(d)}`);
    }
    expect(new Set(data.activities.map((a) => a.activity_type))).toEqual(new Set(ACTIVITY_TYPES));
    expect(new Set(data.deals.map((d) => d.status))).toEqual(new Set(DEAL_STATUSES));
  });

  it("closes deals after they open, never in the first 31 days of a lead, and only when not open", () => {
    const created = new Map(data.leads.map((l) => [l.lead_id, l.created_at]));
    const asOf = parseTimestamp(data.meta.asOf);
    for (const d of data.deals) {
      if ((d.status === "open") !== (d.closed_at === null)) throw new Error(`status/closed_at mismatch ${JSON.stringify(d)}`);
      if (d.closed_at === null) continue;
      if (d.closed_at < d.created_at || d.closed_at >= asOf) throw new Error(`bad closed_at ${JSON.stringify(d)}`);
      // so the scoring date (earlier of first close and created_at + 30 days) is always created_at + 30 days
      if (d.closed_at < created.get(d.lead_id)! + 31 * DAY_MS) throw new Error(`closes too early ${JSON.stringify(d)}`);
    }
    expect(data.deals.every((d) => d.amount >= 500 && d.amount % 10 === 0)).toBe(true);
  });

  it("has leads with several deals, and open deals among the most recent ones", () => {
    const n = new Map<string, number>();
    for (const d of data.deals) n.set(d.lead_id, (n.get(d.lead_id) ?? 0) + 1);
    expect([...n.values()].filter((k) => k >= 2).length).toBeGreaterThan(200);
    expect(n.size / data.leads.length).toBeLessThan(0.4); // most leads have no deal
    const recent = data.deals.filter((d) => d.created_at >= Date.UTC(2025, 9, 1));
    expect(recent.filter((d) => d.status === "open").length / recent.length).toBeGreaterThan(0.3);
  });

  it("leaves the documented attributes empty at the documented rates", () => {
    const share = (f: (l: SampleData["leads"][number]) => boolean) => data.leads.filter(f).length / data.leads.length;
    expect(share((l) => l.company_size === null)).toBeGreaterThan(0.08);
    expect(share((l) => l.company_size === null)).toBeLessThan(0.2);
    expect(share((l) => l.job_level === null)).toBeCloseTo(0.1, 1);
    expect(share((l) => l.country === null)).toBeCloseTo(0.08, 1);
    expect(share((l) => l.budget_confirmed === null)).toBeCloseTo(0.45, 1);
    expect(share((l) => l.timeline === null)).toBeCloseTo(0.35, 1);
    expect(share((l) => l.use_case === null)).toBeCloseTo(0.3, 1);
    expect(share((l) => l.email_domain_type === "free webmail")).toBeGreaterThan(0.1);
  });
});

describe("generateSample options", () => {
  it("honours start, months, leads and seed", () => {
    const d = generateSample({ seed: 7, leads: 500, start: "2023-03-01", months: 6 });
    expect(d.meta).toMatchObject({ seed: 7, start: "2023-03-01", end: "2023-08-31", months: 6, driftFrom: null });
    expect(d.leads).toHaveLength(500);
    expect(d.leads.every((l) => l.created_at >= Date.UTC(2023, 2, 1) && l.created_at < Date.UTC(2023, 8, 1))).toBe(true);
  });

  it.each([
    [{ leads: 0 }, /option "leads" must be an integer from 1 to 2000000; received 0/],
    [{ seed: -1 }, /option "seed" must be an integer/],
    [{ seed: 1.5 }, /option "seed"/],
    [{ months: 0 }, /option "months"/],
    [{ start: "2024-02-30" }, /option "start" must be a date "YYYY-MM-DD".*received "2024-02-30"/],
    [{ start: "2024-01-31" }, /day of month from 01 to 28/],
    [{ start: "1/1/2024" }, /Pass e.g. \{start: "2024-01-01"\}/],
  ])("rejects %j with a message that names the rule and the fix", (opts, message) => {
    expect(() => generateSample(opts)).toThrow(message);
  });
});
