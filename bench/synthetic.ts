/**
 * The scoring benchmark's data and models, shared by Node (native DuckDB)
 * and the browser page (DuckDB-WASM), so both engines score the same rows.
 *
 * Data is generated inside DuckDB from range() with an integer hash
 * (multiply / xor-shift, all in BIGINT without overflow), so it is identical
 * on DuckDB 1.4 (WASM) and 1.5 (native) and never passes through JavaScript:
 *  leads       N rows: lead_id 'L0000000', created_at in 2023, 12 attributes (some NULL)
 *  activities  exactly A rows: lead i has k_i of them, k_i = A/N on average,
 *              spread over 0 … 2A/N + 1 (pairs of leads trade ±d, d by hash, so
 *              the total stays A); 8 activity types (email_open 40 %,
 *              web_visit 22 %, email_click 12 %, pricing_page 8 %, webinar 5 %,
 *              demo_request 4 %, unsubscribe 4 %, bounce 5 %), occurred_at from
 *              5 days before to 70 days after the lead's creation. As text they
 *              come round by round (every lead's 1st activity, then every 2nd …),
 *              so a lead's activities are spread over the file as in an export
 *              ordered by time; keyed, they are generated lead by lead, already
 *              in lead_key order (no sort: its scratch memory would stay in
 *              the WebAssembly heap and be counted as the scoring tab's)
 *  deals       about 45 % of leads: won with a probability rising with fit, closed
 *              31-120 days after creation (10 % still open)
 * The model has 30 criteria (20 fit, 10 behaviour, every activity rule with decay)
 * and exactly 30 points slots.
 */
import { activitiesViewSql } from "../lib/canonical.js";
import { parseModel } from "../lib/model/parse.js";
import type { Model } from "../lib/model/schema.js";

const DAY = 86_400;
/** The activity types as a SQL list in code order (keyTables numbers them in sorted order). */
const SORTED_TYPES = `[${["bounce", "demo_request", "email_click", "email_open", "pricing_page", "unsubscribe", "web_visit", "webinar"].map((t) => `'${t}'`).join(", ")}]`;

/**
 * SQL statements creating leads, activities and deals (in order).
 * keyed = false: as a dataset load leaves them before its last step
 * (activities as text); keyed = true: as they are after it (lib/canonical.ts
 * keyTables: lead_key, activity_types, activity_events sorted by lead, the
 * activities view), the same rows generated directly (test/bench/synthetic.test.ts
 * checks that keyTables of the first gives the second).
 */
export function syntheticSql(leads: number, activities: number, keyed = false): string[] {
  const u = (i: string, k: number) => `(hh(${i}, ${k}) / 4294967296.0)`;
  const pick = (i: string, k: number, values: (string | null)[]) =>
    `[${values.map((v) => (v === null ? "NULL" : `'${v}'`)).join(", ")}][1 + CAST(hh(${i}, ${k}) % ${values.length} AS INTEGER)]`;
  // Activities per lead (see the module comment): base b, the first r leads one more, pairs trade ±d.
  const b = Math.floor(activities / leads), r = activities - b * leads, K = 2 * b + 2;
  const nact = `CREATE OR REPLACE MACRO nact(i) AS (${b} + CASE WHEN i < ${r} THEN 1 ELSE 0 END
      + CASE WHEN i % 2 = 0 AND i + 1 < ${leads} THEN hh(i // 2, 16) % ${2 * b + 1} - ${b}
             WHEN i % 2 = 1 THEN ${b} - hh(i // 2, 16) % ${2 * b + 1} ELSE 0 END)`;
  const rows = (from: string) => `(SELECT i AS lead, i * ${K} + j AS id, hh(i * ${K} + j, 12) % 100 AS t FROM ${from})`;
  const activityRows = keyed
    ? rows(`(SELECT range AS i, unnest(range(nact(range))) AS j FROM range(${leads}))`)
    : rows(`range(${K}) AS r(j) CROSS JOIN range(${leads}) AS l(i) WHERE j < nact(i)`);
  const typeOf = (t: string) =>
    `CASE WHEN ${t} < 40 THEN 'email_open' WHEN ${t} < 62 THEN 'web_visit' WHEN ${t} < 74 THEN 'email_click'
        WHEN ${t} < 82 THEN 'pricing_page' WHEN ${t} < 87 THEN 'webinar' WHEN ${t} < 91 THEN 'demo_request'
        WHEN ${t} < 95 THEN 'unsubscribe' ELSE 'bounce' END`;
  const created = (i: string) => `(TIMESTAMP '2023-01-01 00:00:00' + to_seconds(CAST(hh(${i}, 1) % ${365 * DAY} AS BIGINT)))`;
  const occurred = `${created("lead")} + to_seconds(CAST(hh(id, 13) % ${75 * DAY} AS BIGINT) - ${5 * DAY})`;
  return [
    "CREATE OR REPLACE MACRO mix32(x) AS ((xor(x, x >> 16) * 73244475) % 4294967296)",
    "CREATE OR REPLACE MACRO hh(i, k) AS mix32(mix32(mix32(((i * 2654435761) + (k * 40503)) % 4294967296)))",
    nact,
    `CREATE OR REPLACE TABLE leads AS SELECT
      printf('L%07d', range) AS lead_id,
      ${created("range")} AS created_at,
      ${pick("range", 2, ["C-level", "VP", "Director", "Manager", "Manager", "Individual contributor", "Individual contributor", "Student"])} AS job_level,
      CAST(${pick("range", 3, ["10", "50", "200", "1000", "5000", null])} AS DOUBLE) AS company_size,
      ${pick("range", 4, ["Software", "Finance", "Insurance", "Education", "Retail", "Manufacturing", "Health", "Media", "Government", "Other"])} AS industry,
      ${pick("range", 5, ["US", "UK", "DE", "FR", "IN", "BR", "JP", "AU", "CA", "ES", "IT", "NL"])} AS country,
      ${pick("range", 6, ["corporate", "corporate", "free webmail", "education"])} AS email_domain_type,
      ${pick("range", 7, ["yes", "no", null])} AS budget_confirmed,
      ${pick("range", 8, ["< 3 months", "3-6 months", "> 6 months", null])} AS timeline,
      ${pick("range", 9, ["Referral", "Partner", "Paid search", "Paid social", "Organic", "Event", "Direct", "Email"])} AS lead_source,
      ${u("range", 10)} < 0.6 AS has_phone,
      CASE WHEN ${u("range", 14)} < 0.3 THEN NULL ELSE round(${u("range", 15)} * 1e7) END AS annual_revenue,
      range AS lead_no${keyed ? ", CAST(range AS INTEGER) AS lead_key" : ""}
    FROM range(${leads})`,
    ...(keyed
      ? [
          `CREATE OR REPLACE TABLE activity_types AS SELECT CAST(i - 1 AS UTINYINT) AS type_code, t AS activity_type
            FROM (SELECT unnest(${SORTED_TYPES}) AS t, generate_subscripts(${SORTED_TYPES}, 1) AS i)`,
          `CREATE OR REPLACE TABLE activity_events AS SELECT
            CAST(lead AS INTEGER) AS lead_key,
            CAST(list_position(${SORTED_TYPES}, ${typeOf("t")}) - 1 AS UTINYINT) AS type_code,
            ${occurred} AS occurred_at
          FROM ${activityRows}`,
          activitiesViewSql(),
        ]
      : [
          `CREATE OR REPLACE TABLE activities AS SELECT
            printf('L%07d', lead) AS lead_id,
            ${typeOf("t")} AS activity_type,
            ${occurred} AS occurred_at
          FROM ${activityRows}`,
        ]),
    `CREATE OR REPLACE TABLE deals AS SELECT
      'D' || lead_id AS deal_id, lead_id,
      CASE WHEN ${u("lead_no", 22)} < 0.1 THEN 'open'
        WHEN ${u("lead_no", 21)} < 0.1 + 0.3 * coalesce((job_level IN ('C-level', 'VP'))::INTEGER, 0)
          + 0.2 * coalesce((budget_confirmed = 'yes')::INTEGER, 0) + 0.15 * coalesce((industry = 'Software')::INTEGER, 0)
          + 0.1 * coalesce((company_size >= 1000)::INTEGER, 0) THEN 'won' ELSE 'lost' END AS status,
      1000.0 AS amount,
      created_at + to_days(31) AS created_at,
      CASE WHEN ${u("lead_no", 22)} < 0.1 THEN NULL ELSE created_at + to_seconds(CAST(${31 * DAY} + hh(lead_no, 23) % ${89 * DAY} AS BIGINT)) END AS closed_at
    FROM leads WHERE ${u("lead_no", 20)} < 0.45`,
    `CREATE OR REPLACE VIEW bench_outcomes AS SELECT lead_id,
      CASE WHEN bool_or(status = 'won') THEN 'won' WHEN bool_and(status = 'lost') THEN 'lost' ELSE 'open' END AS outcome
    FROM deals GROUP BY lead_id`,
  ];
}

export const OUTCOMES = { table: "bench_outcomes", column: "outcome" };

const ACTIVITY_TYPES = ["email_open", "email_click", "web_visit", "pricing_page", "webinar", "demo_request", "unsubscribe", "bounce"];

/**
 * Version v of the benchmark model (v = 1, 2, 3): v2 changes points and
 * thresholds; v3 also changes a half-life (one more feature).
 */
export function benchModel(version: number): Model {
  const k = version - 1;
  const fit = (id: string, rule: Record<string, unknown>, points: number, group?: string) => ({ id, label: id, category: "fit", ...(group ? { group } : {}), rule, points: points + (k % 2) * (points > 0 ? 2 : -1) });
  const beh = (id: string, rule: Record<string, unknown>, points: number, group?: string) => ({ id, label: id, category: "behaviour", ...(group ? { group } : {}), rule, points: points + k });
  const criteria = [
    fit("senior_title", { type: "in", column: "job_level", values: ["C-level", "VP"] }, 20, "title"),
    fit("director", { type: "equals", column: "job_level", value: "Director" }, 10, "title"),
    fit("manager", { type: "equals", column: "job_level", value: "Manager" }, 5, "title"),
    fit("student", { type: "equals", column: "job_level", value: "Student" }, -10),
    fit("size_large", { type: "in", column: "company_size", values: [1000, 5000] }, 15, "size"),
    fit("size_mid", { type: "equals", column: "company_size", value: 200 }, 8, "size"),
    fit("size_missing", { type: "missing", column: "company_size" }, -3),
    fit("industry_software", { type: "equals", column: "industry", value: "Software" }, 10),
    fit("industry_finance", { type: "in", column: "industry", values: ["Finance", "Insurance"] }, 6),
    fit("industry_education", { type: "equals", column: "industry", value: "Education" }, -4),
    fit("free_webmail", { type: "equals", column: "email_domain_type", value: "free webmail" }, -5),
    fit("budget_yes", { type: "equals", column: "budget_confirmed", value: "yes" }, 10),
    fit("budget_no", { type: "equals", column: "budget_confirmed", value: "no" }, -5),
    fit("timeline_short", { type: "equals", column: "timeline", value: "< 3 months" }, 10),
    fit("timeline_missing", { type: "missing", column: "timeline" }, -2),
    fit("source_referral", { type: "in", column: "lead_source", values: ["Referral", "Partner"] }, 8),
    fit("source_paid", { type: "notIn", column: "lead_source", values: ["Referral", "Partner", "Organic", "Direct"] }, 3),
    fit("has_phone", { type: "flag", column: "has_phone" }, 4),
    fit("country_core", { type: "in", column: "country", values: ["US", "UK", "DE", "FR"] }, 5),
    fit("revenue_present", { type: "present", column: "annual_revenue" }, 3),
    beh("email_opens", { type: "activityPoints", activity: "email_open", withinDays: 30, maxCount: 10, decay: { halfLifeDays: version === 3 ? 14 : 7 } }, 2, "email"),
    beh("email_clicks", { type: "activityPoints", activity: "email_click", withinDays: 30, maxCount: 4, decay: { halfLifeDays: 14 } }, 5, "email"),
    beh("opens_90d", { type: "activityPoints", activity: "email_open", withinDays: 90, maxCount: 20, decay: { halfLifeDays: 30 } }, 1, "email"),
    beh("web_visits", { type: "activityPoints", activity: "web_visit", withinDays: 30, maxCount: 10, decay: { halfLifeDays: 7 } }, 2, "web"),
    beh("web_recent", { type: "activityPoints", activity: "web_visit", withinDays: 7, decay: { halfLifeDays: 1 } }, 3, "web"),
    beh("pricing_page", { type: "activityPoints", activity: "pricing_page", withinDays: 30, maxCount: 3, decay: { halfLifeDays: 3.5 } }, 10),
    beh("webinar", { type: "hasActivity", activity: "webinar", withinDays: 90, decay: { halfLifeDays: 30 } }, 10),
    beh("demo_request", { type: "hasActivity", activity: "demo_request", withinDays: 30, decay: { halfLifeDays: 14 } }, 30),
    beh("unsubscribed", { type: "hasActivity", activity: "unsubscribe", decay: { halfLifeDays: 60 } }, -20),
    beh("bounced", { type: "hasActivity", activity: "bounce", decay: { halfLifeDays: 30 } }, -15),
  ];
  return parseModel(
    {
      id: "bench",
      version,
      parent: version === 1 ? null : version - 1,
      status: version === 1 ? "published" : "draft",
      effectiveFrom: "2024-01-01",
      author: "bench/synthetic.ts",
      changeNote: `benchmark model, variant ${version}`,
      dataset: {
        columns: {
          job_level: "string", company_size: "number", industry: "string", country: "string", email_domain_type: "string",
          budget_confirmed: "string", timeline: "string", lead_source: "string", has_phone: "boolean", annual_revenue: "number",
        },
        activityTypes: ACTIVITY_TYPES,
      },
      criteria,
      caps: { category: { fit: 60, behaviour: 80 }, group: { title: 25, size: 15, email: 20, web: 15 } },
      thresholds: { nurture: 30 + 5 * k, salesReady: 65 + 5 * k },
    },
    `benchModel(${version})`,
  );
}
