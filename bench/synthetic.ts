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
import { activitiesView } from "../lib/canonical.js";
import { parseModel } from "../lib/model/parse.js";
import type { Model } from "../lib/model/schema.js";
import {
  add, agg, and, as, binary, call, caseWhen, cast, cmp, coalesce, col, concat, createMacro, createTable, createView, crossJoin, div, eq, fn,
  inList, listValue, lit, mod, mul, numeral, render, select, shiftRight, sub, subquery, table, tableFunction, typedLit,
  type Expr, type Select, type Statement,
} from "../lib/sql/index.js";

const DAY = 86_400;
/** The activity types as a SQL list in code order (keyTables numbers them in sorted order). */
const SORTED_TYPES = listValue(["bounce", "demo_request", "email_click", "email_open", "pricing_page", "unsubscribe", "web_visit", "webinar"].map((t) => lit(t)));

/** The integer hash hh(i, k) (a macro, see syntheticStatements). */
const hh = (i: Expr, k: number) => fn("hh", i, lit(k));
/** A uniform number in [0, 1) from hh(i, k); the divisor a DECIMAL as written, as before. */
const u = (i: Expr, k: number) => div(hh(i, k), numeral("4294967296.0"));
/** One of `values`, picked by hh(i, k) (list_extract: 1-based, as list[…]). */
const pick = (i: Expr, k: number, values: (string | null)[]) =>
  fn("list_extract", listValue(values.map((v) => lit(v))), add(lit(1), cast(mod(hh(i, k), lit(values.length)), "INTEGER")));
const lt = (a: Expr, b: Expr) => cmp("<", a, b);

/**
 * The statements creating leads, activities and deals (in order), as lib/sql
 * trees; syntheticSql renders them.
 */
export function syntheticStatements(leads: number, activities: number, keyed = false): Statement[] {
  // Activities per lead (see the module comment): base b, the first r leads one more, pairs trade ±d.
  const b = Math.floor(activities / leads), r = activities - b * leads, K = 2 * b + 2;
  const x = col("x"), i = col("i"), k = col("k");
  const mix32 = createMacro("mix32", ["x"], mod(mul(fn("xor", x, shiftRight(x, lit(16))), lit(73244475)), lit(4294967296)));
  const hhMacro = createMacro("hh", ["i", "k"],
    fn("mix32", fn("mix32", fn("mix32", mod(add(mul(i, lit(2654435761)), mul(k, lit(40503))), lit(4294967296))))));
  const half = hh(binary("//", i, lit(2)), 16);
  const nact = createMacro("nact", ["i"], add(
    add(lit(b), caseWhen([{ when: lt(i, lit(r)), then: lit(1) }], lit(0))),
    caseWhen([
      { when: and(eq(mod(i, lit(2)), lit(0)), lt(add(i, lit(1)), lit(leads))), then: sub(mod(half, lit(2 * b + 1)), lit(b)) },
      { when: eq(mod(i, lit(2)), lit(1)), then: sub(lit(b), mod(half, lit(2 * b + 1))) },
    ], lit(0)),
  ));
  const rows = (inner: Pick<Select, "from"> & Partial<Select>) => {
    const id = add(mul(col("i"), lit(K)), col("j"));
    return subquery(select({ ...inner, columns: [as(col("i"), "lead"), as(id, "id"), as(mod(hh(id, 12), lit(100)), "t")] }), "a");
  };
  const activityRows = keyed
    ? rows({
        from: subquery(select({
          columns: [as(col("range"), "i"), as(fn("unnest", fn("range", fn("nact", col("range")))), "j")],
          from: tableFunction("range", [lit(leads)]),
        }), "g"),
      })
    : rows({
        from: tableFunction("range", [lit(K)], "r", ["j"]),
        joins: [crossJoin(tableFunction("range", [lit(leads)], "l", ["i"]))],
        where: lt(col("j"), fn("nact", col("i"))),
      });
  const t = col("t");
  const typeOf = caseWhen(
    ([[40, "email_open"], [62, "web_visit"], [74, "email_click"], [82, "pricing_page"], [87, "webinar"], [91, "demo_request"], [95, "unsubscribe"]] as const)
      .map(([n, type]) => ({ when: lt(t, lit(n)), then: lit(type) })),
    lit("bounce"),
  );
  const created = (e: Expr) => add(typedLit("TIMESTAMP", "2023-01-01 00:00:00"), fn("to_seconds", cast(mod(hh(e, 1), lit(365 * DAY)), "BIGINT")));
  const occurred = add(created(col("lead")), fn("to_seconds", sub(cast(mod(hh(col("id"), 13), lit(75 * DAY)), "BIGINT"), lit(5 * DAY))));
  const range = col("range");
  const leadsTable = createTable("leads", select({
    columns: [
      as(fn("printf", lit("L%07d"), range), "lead_id"),
      as(created(range), "created_at"),
      as(pick(range, 2, ["C-level", "VP", "Director", "Manager", "Manager", "Individual contributor", "Individual contributor", "Student"]), "job_level"),
      as(cast(pick(range, 3, ["10", "50", "200", "1000", "5000", null]), "DOUBLE"), "company_size"),
      as(pick(range, 4, ["Software", "Finance", "Insurance", "Education", "Retail", "Manufacturing", "Health", "Media", "Government", "Other"]), "industry"),
      as(pick(range, 5, ["US", "UK", "DE", "FR", "IN", "BR", "JP", "AU", "CA", "ES", "IT", "NL"]), "country"),
      as(pick(range, 6, ["corporate", "corporate", "free webmail", "education"]), "email_domain_type"),
      as(pick(range, 7, ["yes", "no", null]), "budget_confirmed"),
      as(pick(range, 8, ["< 3 months", "3-6 months", "> 6 months", null]), "timeline"),
      as(pick(range, 9, ["Referral", "Partner", "Paid search", "Paid social", "Organic", "Event", "Direct", "Email"]), "lead_source"),
      as(lt(u(range, 10), numeral("0.6")), "has_phone"),
      as(caseWhen([{ when: lt(u(range, 14), numeral("0.3")), then: lit(null) }], fn("round", mul(u(range, 15), numeral("1e7")))), "annual_revenue"),
      as(range, "lead_no"),
      ...(keyed ? [as(cast(range, "INTEGER"), "lead_key")] : []),
    ],
    from: tableFunction("range", [lit(leads)]),
  }));
  const flag = (e: Expr) => coalesce(cast(e, "INTEGER"), lit(0));
  const lateOpen = lt(u(col("lead_no"), 22), numeral("0.1"));
  const winChance = [
    [numeral("0.3"), inList(col("job_level"), [lit("C-level"), lit("VP")])],
    [numeral("0.2"), eq(col("budget_confirmed"), lit("yes"))],
    [numeral("0.15"), eq(col("industry"), lit("Software"))],
    [numeral("0.1"), cmp(">=", col("company_size"), lit(1000))],
  ].reduce((acc: Expr, [w, c]) => add(acc, mul(w, flag(c))), numeral("0.1"));
  return [
    mix32,
    hhMacro,
    nact,
    leadsTable,
    ...(keyed
      ? [
          createTable("activity_types", select({
            columns: [as(cast(sub(col("i"), lit(1)), "UTINYINT"), "type_code"), as(col("t"), "activity_type")],
            from: subquery(select({ columns: [as(fn("unnest", SORTED_TYPES), "t"), as(fn("generate_subscripts", SORTED_TYPES, lit(1)), "i")], from: null }), "s"),
          })),
          createTable("activity_events", select({
            columns: [
              as(cast(col("lead"), "INTEGER"), "lead_key"),
              as(cast(sub(fn("list_position", SORTED_TYPES, typeOf), lit(1)), "UTINYINT"), "type_code"),
              as(occurred, "occurred_at"),
            ],
            from: activityRows,
          })),
          activitiesView(),
        ]
      : [
          createTable("activities", select({
            columns: [as(fn("printf", lit("L%07d"), col("lead")), "lead_id"), as(typeOf, "activity_type"), as(occurred, "occurred_at")],
            from: activityRows,
          })),
        ]),
    createTable("deals", select({
      columns: [
        as(concat(lit("D"), col("lead_id")), "deal_id"),
        as(col("lead_id")),
        as(caseWhen([{ when: lateOpen, then: lit("open") }, { when: lt(u(col("lead_no"), 21), winChance), then: lit("won") }], lit("lost")), "status"),
        as(numeral("1000.0"), "amount"),
        as(add(col("created_at"), call("to_days", lit(31))), "created_at"),
        as(caseWhen([{ when: lateOpen, then: lit(null) }],
          add(col("created_at"), fn("to_seconds", cast(add(lit(31 * DAY), mod(hh(col("lead_no"), 23), lit(89 * DAY))), "BIGINT")))), "closed_at"),
      ],
      from: table("leads"),
      where: lt(u(col("lead_no"), 20), numeral("0.45")),
    })),
    createView("bench_outcomes", select({
      columns: [
        as(col("lead_id")),
        as(caseWhen([
          { when: agg("bool_or", [eq(col("status"), lit("won"))]), then: lit("won") },
          { when: agg("bool_and", [eq(col("status"), lit("lost"))]), then: lit("lost") },
        ], lit("open")), "outcome"),
      ],
      from: table("deals"),
      groupBy: [col("lead_id")],
    })),
  ];
}

/**
 * SQL statements creating leads, activities and deals (in order).
 * keyed = false: as a dataset load leaves them before its last step
 * (activities as text); keyed = true: as they are after it (lib/canonical.ts
 * keyTables: lead_key, activity_types, activity_events sorted by lead, the
 * activities view), the same rows generated directly (test/bench/synthetic.test.ts
 * checks that keyTables of the first gives the second).
 */
export function syntheticSql(leads: number, activities: number, keyed = false): string[] {
  return syntheticStatements(leads, activities, keyed).map((s) => render(s));
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
