/**
 * Issue 18: scoring in PostgreSQL equals scoring in DuckDB. The sample (the
 * bundled dataset, 24,000 leads with activities and deals) and X Education
 * (../shared/data, leads only) are loaded into native DuckDB, copied into
 * PostgreSQL with loadIntoPostgres (COPY), and scored on both engines for
 * the built-in versions plus random models (test/scoring/random-model.ts):
 * every lead's scoring_at, every criterion's points, fit_score,
 * engagement_score, score and tier are equal (===, no tolerance), in the
 * same lead order. Also: `leadscore load` + `score --engine postgres` write
 * the same bytes as `--engine native`, and `evaluate` / `suggest --engine
 * postgres` print the same JSON.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetSource } from "../../lib/dataset/source.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { openNativeDb } from "../../lib/db/native.js";
import { openPg, type Pg } from "../../lib/db/postgres.js";
import type { Db, Row } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { quoteIdent, quoteString } from "../../lib/sql/quote.js";
import { ACTIVITY_TYPES } from "../../lib/tables.js";
import { loadIntoPostgres, scoreInPostgres, type PgVersionScores } from "../../lib/warehouse/postgres.js";
import { randomModel, readCatalog } from "../scoring/random-model.js";
import { PG_URL, requirePg, testDatabase } from "./pg-env.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const readModels = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")).map((f) => parseModel(JSON.parse(readFileSync(path.join(dir, f), "utf8")), f));

/** Mismatches between DuckDB's rows and PostgreSQL's columns for one version (empty = equal). */
function compare(model: Model, duck: Row[], pg: PgVersionScores): string[] {
  const problems: string[] = [];
  const c = pg.columns;
  if (duck.length !== c.numRows) problems.push(`${duck.length} DuckDB rows vs ${c.numRows} PostgreSQL rows`);
  const names = ["lead_id", "scoring_at", ...model.criteria.map((x) => x.id), "fit_score", "engagement_score", "score", "tier"];
  for (let i = 0; i < Math.min(duck.length, c.numRows) && problems.length < 10; i++) {
    for (const n of names) {
      const a = duck[i][n];
      const b = (c.columns[n] as ArrayLike<unknown>)[i];
      if (a !== b) problems.push(`${model.id}@${model.version} row ${i} (lead ${String(duck[i].lead_id)}) ${JSON.stringify(n)}: DuckDB ${JSON.stringify(a)} vs PostgreSQL ${JSON.stringify(b)}`);
    }
  }
  return problems;
}

async function parity(duck: Db, pg: Pg, models: Model[]) {
  const d = await recompute(duck, models, { rows: true });
  const p = await scoreInPostgres(pg, models);
  expect(p.failed.map((f) => f.error)).toEqual([]);
  expect(p.versions.map((v) => v.model)).toEqual(d.versions.map((v) => v.model));
  let leads = 0, criteria = 0;
  for (const [i, v] of d.versions.entries()) {
    expect(compare(v.model, v.rows!, p.versions[i])).toEqual([]);
    leads += v.rows!.length;
    criteria += v.rows!.length * v.model.criteria.length;
  }
  return { leads, criteria, timings: p.timings, duck: d.timings };
}

requirePg();

describe.skipIf(!PG_URL)("PostgreSQL scores equal DuckDB scores", () => {

  describe("the sample (bundled dataset, 24,000 leads)", () => {
    let duck: Db, pg: Pg, db: Awaited<ReturnType<typeof testDatabase>>;
    beforeAll(async () => {
      db = await testDatabase("ls_parity_sample");
      duck = await openNativeDb();
      const src = await datasetSource(undefined);
      const report = await loadDataset(duck, src.description, src.files);
      expect(report.usable).toBe(true);
      pg = await openPg(db.url);
      const t = performance.now();
      const loaded = await loadIntoPostgres(duck, pg);
      console.info(`sample into PostgreSQL (COPY): ${loaded.tables.map((x) => `${x.name} ${x.rows}`).join(", ")} in ${(performance.now() - t).toFixed(0)} ms`);
    }, 120_000);
    afterAll(async () => {
      await pg?.close();
      await duck?.close();
      await db?.drop();
    });

    it("loads every row", async () => {
      const count = async (q: Pg | Db, t: string) => Number((await q.query(`SELECT count(*) AS n FROM ${t}`))[0].n);
      for (const t of ["leads", "activities", "deals"]) expect(await count(pg, t), t).toBe(await count(duck, t));
    });

    it("built-in versions: every lead, every criterion", async () => {
      const r = await parity(duck, pg, readModels(path.join(ROOT, "data/models")));
      console.info(`sample, built-in: ${r.leads} lead scores, ${r.criteria} criterion points equal; PostgreSQL features ${r.timings.featuresMs.toFixed(0)} ms, versions ${r.timings.scoresMs.toFixed(0)} ms`);
      expect(r.leads).toBeGreaterThan(0);
    }, 120_000);

    it("20 random models: every lead, every criterion", async () => {
      const catalog = await readCatalog(duck, [...ACTIVITY_TYPES]);
      const models = Array.from({ length: 20 }, (_, i) => randomModel(catalog, 18_000 + i));
      const r = await parity(duck, pg, models);
      console.info(`sample, random: ${r.leads} lead scores, ${r.criteria} criterion points equal`);
    }, 180_000);

    it("leadscore load + score / evaluate / suggest --engine postgres write the same bytes as --engine native", () => {
      const out = mkdtempSync(path.join(tmpdir(), "ls-pg-cli-"));
      try {
        const cli = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, "bin/leadscore.js"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        cli("load", "--engine", "postgres", "--pg", db.url, "--table", "leads=cli_leads", "--table", "activities=cli_activities", "--table", "deals=cli_deals");
        const tables = ["--table", "leads=cli_leads", "--table", "activities=cli_activities", "--table", "deals=cli_deals"];
        cli("score", "--engine", "postgres", "--pg", db.url, ...tables, "--version", "starting@2", "--version", "ground-truth@1", "--out", path.join(out, "pg.csv"));
        cli("score", "--engine", "native", "--version", "starting@2", "--version", "ground-truth@1", "--out", path.join(out, "native.csv"));
        const a = readFileSync(path.join(out, "pg.csv"), "utf8");
        const b = readFileSync(path.join(out, "native.csv"), "utf8");
        expect(a.split("\n").length).toBe(2 * 24_000 + 2);
        expect(a === b).toBe(true);
        // evaluate: scores computed in PostgreSQL, calibrated locally: the same JSON as native
        const versions = ["--version", "starting@2", "--version", "ground-truth@1"];
        const evPg = cli("evaluate", "--engine", "postgres", "--pg", db.url, ...tables, ...versions);
        const evNative = cli("evaluate", "--engine", "native", ...versions);
        expect(JSON.parse(evPg).versions.length).toBe(2);
        expect(evPg === evNative).toBe(true);
        // suggest (with candidate criteria from unused columns): the same JSON as native
        const sg = ["--json", "--replicates", "10", "--add-candidates", "clean"];
        const sgPg = cli("suggest", "--engine", "postgres", "--pg", db.url, ...tables, ...sg);
        const sgNative = cli("suggest", "--engine", "native", ...sg);
        expect(JSON.parse(sgPg).draft.criteria.length).toBeGreaterThan(0);
        expect(sgPg === sgNative).toBe(true);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 180_000);
  });

  const XE = path.join(ROOT, "../shared/data/x-education-leads/Leads.csv");
  describe.skipIf(!existsSync(XE))("X Education (9,240 leads, no activities or deals)", () => {
    const TEXT = ["Lead Origin", "Lead Source", "Last Activity", "Country", "Specialization", "What is your current occupation", "City", "Tags", "Lead Quality", "Asymmetrique Activity Index"];
    const NUMBER = ["TotalVisits", "Total Time Spent on Website", "Page Views Per Visit", "Asymmetrique Activity Score"];
    const YES_NO = ["Do Not Email", "Search", "A free copy of Mastering The Interview"];
    let duck: Db, pg: Pg, db: Awaited<ReturnType<typeof testDatabase>>;
    beforeAll(async () => {
      db = await testDatabase("ls_parity_xe");
      duck = await openNativeDb();
      const c = quoteIdent;
      const cols = [
        `${c("Prospect ID")} AS lead_id`,
        `TIMESTAMP '2024-01-01 00:00:00' AS created_at`,
        ...TEXT.map((n) => `${c(n)} AS ${c(n)}`),
        ...NUMBER.map((n) => `CAST(${c(n)} AS DOUBLE) AS ${c(n)}`),
        ...YES_NO.map((n) => `(${c(n)} = 'Yes') AS ${c(n)}`),
      ];
      await duck.exec(`CREATE OR REPLACE TABLE leads AS SELECT ${cols.join(", ")} FROM read_csv(${quoteString(XE)}, header = true, all_varchar = true, nullstr = ['', 'Select'])`);
      pg = await openPg(db.url);
      await loadIntoPostgres(duck, pg);
    }, 120_000);
    afterAll(async () => {
      await pg?.close();
      await duck?.close();
      await db?.drop();
    });

    it("the built-in X Education version and 30 random models: every lead, every criterion", async () => {
      const catalog = await readCatalog(duck, ["email_open", "web_visit"]);
      const models = [...readModels(path.join(ROOT, "data/x-education/models")), ...Array.from({ length: 30 }, (_, i) => randomModel(catalog, 18_500 + i))];
      const r = await parity(duck, pg, models);
      expect(r.leads).toBe(31 * 9240);
      console.info(`X Education: ${r.leads} lead scores, ${r.criteria} criterion points equal`);
    }, 180_000);
  });
});
