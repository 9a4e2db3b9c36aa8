/**
 * Issue 18: `leadscore sql`. The view text of every dialect parses
 * (node-sql-parser); --dbt writes the features model, one model per version
 * and a schema.yml naming every column; the DuckDB output, run on plain
 * source tables in native DuckDB, and the PostgreSQL output, run in a real
 * PostgreSQL, give every lead the same row as recompute (===).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import NSP from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetSource } from "../../lib/dataset/source.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { openNativeDb } from "../../lib/db/native.js";
import { openPg } from "../../lib/db/postgres.js";
import type { Db, Row } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { featureName, featureSpecs } from "../../lib/scoring/features.js";
import { loadIntoPostgres, sortByLeadId } from "../../lib/warehouse/postgres.js";
import { PG_URL, requirePg, testDatabase } from "./pg-env.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, "bin/leadscore.js"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const model = (f: string) => parseModel(JSON.parse(readFileSync(path.join(ROOT, "data/models", f), "utf8")), f);
const parser = new NSP.Parser();
const PARSER_DB: Record<string, string> = { duckdb: "PostgresQL", postgres: "PostgresQL", bigquery: "BigQuery", snowflake: "Snowflake" };
const TABLES = ["--table", "leads=src_leads", "--table", "activities=src_activities", "--table", "deals=src_deals"];

describe("leadscore sql", () => {
  it("prints one view per version that parses in each dialect", () => {
    for (const d of Object.keys(PARSER_DB)) {
      const text = cli("sql", "--dialect", d, "--version", "starting@2", "--version", "ground-truth@1");
      const statements = text.split(";\n\n");
      expect(statements.length, d).toBe(2);
      expect(() => parser.astify(text.trim().replace(/;$/, ""), { database: PARSER_DB[d] }), d).not.toThrow();
      expect(text).toContain(d === "bigquery" ? "`leadscore_scores_starting_v2`" : '"leadscore_scores_starting_v2"');
    }
  });

  it("takes the source tables' names from the dataset description's \"tables\", --table overriding", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ls-desc-"));
    try {
      const d = JSON.parse(readFileSync(path.join(ROOT, "data/sample.dataset.json"), "utf8"));
      const file = path.join(dir, "crm.dataset.json");
      writeFileSync(file, JSON.stringify({ ...d, tables: { leads: "crm_leads", activities: "crm_events" } }));
      const text = cli("sql", "--dialect", "postgres", "--version", "starting@2", "--dataset", file, "--table", "deals=crm_deals");
      expect(text).toContain('FROM "crm_leads" AS "l"');
      expect(text).toContain('FROM "crm_events" AS "a"');
      expect(text).toContain('"crm_deals"');
      expect(text).not.toMatch(/FROM "(leads|activities|deals)"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects an unknown dialect with a usage error", () => {
    let code = 0;
    try {
      cli("sql", "--dialect", "oracle");
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(2);
  });

  it("--dbt writes the features model, a model per version and schema.yml with their columns", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ls-dbt-"));
    try {
      cli("sql", "--dialect", "bigquery", "--version", "starting@1", "--version", "starting@2", "--dbt", dir, "--schema", "crm");
      const files = ["leadscore_lead_features.sql", "leadscore_scores_starting_v1.sql", "leadscore_scores_starting_v2.sql", "schema.yml"];
      for (const f of files) expect(existsSync(path.join(dir, f)), f).toBe(true);
      const yml = readFileSync(path.join(dir, "schema.yml"), "utf8");
      const modelBlock = (name: string) => yml.split(`  - name: ${name}\n`)[1].split("\n  - name: ")[0];
      const names = (block: string) => [...block.matchAll(/^ {6}- name: "(.*)"$/gm)].map((m) => m[1]);
      for (const v of [1, 2]) {
        const m = model(`starting-v${v}.json`);
        expect(names(modelBlock(`leadscore_scores_starting_v${v}`))).toEqual(["lead_id", "scoring_at", ...m.criteria.map((c) => c.id), "fit_score", "engagement_score", "score", "tier"]);
        const body = readFileSync(path.join(dir, `leadscore_scores_starting_v${v}.sql`), "utf8");
        expect(body).toContain("{{ ref('leadscore_lead_features') }}");
        const plain = body.replace(/\{\{ config\([^)]*\) \}\}/, "").replace(/\{\{ ref\('([^']+)'\) \}\}/g, "`$1`");
        expect(() => parser.astify(plain, { database: "BigQuery" })).not.toThrow();
      }
      const features = names(modelBlock("leadscore_lead_features"));
      for (const s of featureSpecs([model("starting-v1.json"), model("starting-v2.json")])) expect(features).toContain(featureName(s));
      expect(features.slice(0, 3)).toEqual(["lead_key", "lead_id", "scoring_at"]);
      expect(features.some((f) => f.startsWith("_at_"))).toBe(true); // BigQuery's spelling of the "@" attribute columns
      const f = readFileSync(path.join(dir, "leadscore_lead_features.sql"), "utf8");
      expect(f).toContain("{{ source('leadscore', 'leads') }}");
      expect(yml).toContain('schema: "crm"');
      const plain = f.replace(/\{\{ config\([^)]*\) \}\}/, "").replace(/\{\{ source\('leadscore', '([^']+)'\) \}\}/g, "`$1`");
      expect(() => parser.astify(plain, { database: "BigQuery" })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Rows of a view, as the score rows of recompute: same order, same values. */
function sameRows(got: Row[], want: Row[]): string[] {
  const problems: string[] = [];
  if (got.length !== want.length) problems.push(`${got.length} rows vs ${want.length}`);
  for (let i = 0; i < Math.min(got.length, want.length) && problems.length < 10; i++)
    for (const k of Object.keys(want[i])) if (got[i][k] !== want[i][k]) problems.push(`row ${i} ${k}: ${JSON.stringify(got[i][k])} vs ${JSON.stringify(want[i][k])}`);
  return problems;
}

describe("the exported SQL runs and gives recompute's rows", () => {
  let duck: Db;
  let want: Map<string, Row[]>;
  const versions = ["starting@2", "ground-truth@1"];
  beforeAll(async () => {
    duck = await openNativeDb();
    const src = await datasetSource(undefined);
    expect((await loadDataset(duck, src.description, src.files)).usable).toBe(true);
    const r = await recompute(duck, [model("starting-v2.json"), model("ground-truth-v1.json")], { rows: true });
    want = new Map(r.versions.map((v) => [`${v.model.id}@${v.model.version}`, v.rows!]));
    await duck.exec(
      "CREATE TABLE src_leads AS SELECT * EXCLUDE (lead_key) FROM leads; CREATE TABLE src_activities AS SELECT * FROM activities; CREATE TABLE src_deals AS SELECT * FROM deals",
    );
  }, 120_000);
  afterAll(async () => duck?.close());

  it("DuckDB: the views over plain source tables", async () => {
    await duck.exec(cli("sql", "--dialect", "duckdb", ...versions.flatMap((v) => ["--version", v]), ...TABLES));
    for (const [view, id] of [["leadscore_scores_starting_v2", "starting@2"], ["leadscore_scores_ground_truth_aa8274_v1", "ground-truth@1"]]) {
      const rows = await duck.query(`SELECT * FROM "${view}" ORDER BY lead_id`);
      expect(rows.length).toBe(24_000);
      expect(sameRows(rows, want.get(id)!)).toEqual([]);
    }
  }, 60_000);

  requirePg();
  describe.skipIf(!PG_URL)("PostgreSQL", () => {
    it("the views over the loaded tables", async () => {
      const db = await testDatabase("ls_sql_export");
      const pg = await openPg(db.url);
      try {
        await loadIntoPostgres(duck, pg, { schema: null, leads: "src_leads", activities: "src_activities", deals: "src_deals" });
        await pg.exec(cli("sql", "--dialect", "postgres", ...versions.flatMap((v) => ["--version", v]), ...TABLES));
        for (const [view, id] of [["leadscore_scores_starting_v2", "starting@2"], ["leadscore_scores_ground_truth_aa8274_v1", "ground-truth@1"]]) {
          const rows = sortByLeadId(await pg.query(`SELECT * FROM "${view}"`));
          expect(sameRows(rows, want.get(id)!)).toEqual([]);
        }
      } finally {
        await pg.close();
        await db.drop();
      }
    }, 120_000);
  });
});
