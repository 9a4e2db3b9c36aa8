import { describe, expect, it } from "vitest";
import { csvField, generateSample, toCsv, type SampleData } from "../../lib/sample/index.js";

const t = (s: string) => Date.parse(s.replace(" ", "T") + "Z");

const tiny: SampleData = {
  leads: [
    {
      lead_id: "L000001", created_at: t("2024-01-02 03:04:05"), industry: "Software", company_size: 250,
      job_level: "VP", country: null, lead_source: "Paid search", email_domain_type: "business",
      budget_confirmed: "yes", timeline: "< 3 months", use_case: null,
    },
    {
      lead_id: "L000002", created_at: t("2024-12-31 23:59:59"), industry: 'Other, "misc"', company_size: null,
      job_level: null, country: "United States", lead_source: "Referral", email_domain_type: "free webmail",
      budget_confirmed: null, timeline: null, use_case: "line\nbreak",
    },
  ],
  activities: [{ lead_id: "L000001", activity_type: "pricing_page", occurred_at: t("2024-01-03 00:00:00") }],
  deals: [
    { deal_id: "D000001", lead_id: "L000001", status: "won", amount: 12345.5, created_at: t("2024-01-10 08:00:00"), closed_at: t("2024-03-01 17:30:00") },
    { deal_id: "D000002", lead_id: "L000001", status: "open", amount: 1200, created_at: t("2024-06-01 00:00:00"), closed_at: null },
  ],
  meta: {
    seed: 0, start: "2024-01-01", end: "2024-12-31", months: 12, asOf: "2025-01-01 00:00:00", driftFrom: null,
    counts: { leads: 2, activities: 1, deals: 2 },
  },
};

describe("toCsv", () => {
  it("writes the fixed columns, RFC 4180 quoting only where needed, LF endings, empty cells for null", () => {
    const csv = toCsv(tiny);
    expect(csv["leads.csv"]).toBe(
      "lead_id,created_at,industry,company_size,job_level,country,lead_source,email_domain_type,budget_confirmed,timeline,use_case\n" +
        "L000001,2024-01-02 03:04:05,Software,250,VP,,Paid search,business,yes,< 3 months,\n" +
        'L000002,2024-12-31 23:59:59,"Other, ""misc""",,,United States,Referral,free webmail,,,"line\nbreak"\n',
    );
    expect(csv["activities.csv"]).toBe("lead_id,activity_type,occurred_at\nL000001,pricing_page,2024-01-03 00:00:00\n");
    expect(csv["deals.csv"]).toBe(
      "deal_id,lead_id,status,amount,created_at,closed_at\n" +
        "D000001,L000001,won,12345.5,2024-01-10 08:00:00,2024-03-01 17:30:00\n" +
        "D000002,L000001,open,1200,2024-06-01 00:00:00,\n",
    );
  });

  it("quotes a field only for comma, quote, CR or LF", () => {
    expect(csvField("< 3 months")).toBe("< 3 months");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("a\rb")).toBe('"a\rb"');
  });

  it("refuses a non-finite number, naming the cell", () => {
    const bad = { ...tiny, deals: [{ ...tiny.deals[0], amount: NaN }] };
    expect(() => toCsv(bad)).toThrow(/deals\[0\]\.amount must be a finite number or null; received NaN/);
  });

  it("writes generated data with no CR, no quotes, and the right number of fields per line", () => {
    const csv = toCsv(generateSample({ leads: 300 }));
    for (const [name, text] of Object.entries(csv)) {
      expect(text.includes("\r"), name).toBe(false);
      expect(text.endsWith("\n"), name).toBe(true);
      const lines = text.slice(0, -1).split("\n");
      const width = lines[0].split(",").length;
      expect(lines.every((l) => l.split(",").length === width), name).toBe(true);
    }
    expect(csv["leads.csv"].split("\n")[1]).toMatch(/^L000001,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
  });
});
