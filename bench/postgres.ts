/**
 * Scoring where the data lives (issue 18): the benchmark model's features
 * and each of its 3 versions in PostgreSQL, beside native DuckDB, on the
 * synthetic data of bench/synthetic.ts (1,000,000 leads × 20,000,000
 * activities by default).
 *
 *   npm run bench -- postgres                        # 1M × 20M
 *   npm run bench -- postgres --small                # 20,000 × 400,000 (proves it works)
 *   npx tsx bench/postgres.ts 20000 400000           # any size (or --leads=N --activities=N)
 *
 * PostgreSQL: $LEADSCORE_PG (or $LEADSCORE_TEST_PG) when set, else a private
 * server started with scripts/pg.sh for the run and stopped after it. The
 * data is generated in native DuckDB, copied into PostgreSQL with the
 * `leadscore load` code (COPY), then scored on both engines from the same
 * source tables: DuckDB as `leadscore score --engine native` does (keying
 * included in its load, timed apart), PostgreSQL as `--engine postgres`
 * (temp tables, rows left there). Prints per stage the times and the ratio
 * PostgreSQL / DuckDB, and the hot spots of PostgreSQL's features plan
 * (EXPLAIN ANALYZE: the nodes with the most time of their own).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keyTables } from "../lib/canonical.js";
import { openNativeDb } from "../lib/db/native.js";
import { openPg } from "../lib/db/postgres.js";
import { recompute } from "../lib/scoring/recompute.js";
import { featuresParts } from "../lib/scoring/warehouse.js";
import { inputColumns } from "../lib/scoring/recompute.js";
import { explainAnalyzeJson } from "../lib/sql/copy.js";
import { postgres, render, withCtes } from "../lib/sql/index.js";
import { DEFAULT_SOURCES } from "../lib/scoring/warehouse.js";
import { loadIntoPostgres, readPgShape, scoreInPostgres } from "../lib/warehouse/postgres.js";
import { benchModel, syntheticSql } from "./synthetic.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const small = process.argv.includes("--small");
const LEADS = Number(args[0] ?? flag("leads") ?? (small ? 20_000 : 1_000_000));
const ACTIVITIES = Number(args[1] ?? flag("activities") ?? (small ? 400_000 : 20_000_000));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface PlanNode {
  "Node Type": string;
  "Actual Total Time": number;
  "Actual Loops": number;
  "Relation Name"?: string;
  "Join Type"?: string;
  Strategy?: string;
  Plans?: PlanNode[];
}
/** Nodes by time of their own (their total minus their children's), largest first. */
function hotSpots(root: PlanNode): { node: string; ownMs: number }[] {
  const out: { node: string; ownMs: number }[] = [];
  const walk = (n: PlanNode) => {
    const total = n["Actual Total Time"] * n["Actual Loops"];
    const children = (n.Plans ?? []).reduce((sum, c) => sum + c["Actual Total Time"] * c["Actual Loops"], 0);
    const name = [n["Node Type"], n.Strategy, n["Join Type"], n["Relation Name"] && `on ${n["Relation Name"]}`].filter(Boolean).join(" ");
    out.push({ node: name, ownMs: Math.max(0, total - children) });
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root);
  return out.sort((a, b) => b.ownMs - a.ownMs);
}

async function main() {
  let url = process.env.LEADSCORE_PG || process.env.LEADSCORE_TEST_PG || "";
  let started: string | null = null;
  if (!url) {
    const r = spawnSync("bash", [path.join(here, "../scripts/pg.sh"), "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    if (r.status !== 0) throw new Error("could not start PostgreSQL (scripts/pg.sh start)");
    started = r.stdout.trim().split("\n").pop()!;
    url = readFileSync(path.join(started, "url"), "utf8").trim();
  }
  const duck = await openNativeDb();
  const pg = await openPg(url);
  try {
    const [{ server_version: v }] = await pg.query<{ server_version: string }>("SHOW server_version");
    console.log(`${LEADS.toLocaleString("en")} leads × ${ACTIVITIES.toLocaleString("en")} activities; ${os.cpus().length} cores; native DuckDB (default threads) vs PostgreSQL ${v}`);
    const models = [1, 2, 3].map(benchModel);
    let t = performance.now();
    for (const sql of syntheticSql(LEADS, ACTIVITIES, false)) await duck.exec(sql);
    console.log(`generate (DuckDB): ${s(performance.now() - t)}`);
    t = performance.now();
    const loaded = await loadIntoPostgres(duck, pg);
    console.log(`load into PostgreSQL (COPY + ANALYZE): ${s(performance.now() - t)} (${loaded.tables.map((x) => `${x.name} ${x.rows.toLocaleString("en")} rows ${s(x.ms)}`).join(", ")})`);

    const keyed = await keyTables(duck);
    const d = await recompute(duck, models);
    const p = await scoreInPostgres(pg, models, { rows: false });
    if (p.failed.length) throw new Error(`PostgreSQL: ${p.failed.map((f) => f.error).join("; ")}`);

    const rows: [string, number, number][] = [
      ["scoring dates", d.timings.scoringDatesMs, p.timings.scoringDatesMs],
      ["features (once)", d.timings.featuresMs, p.timings.featuresMs],
      ...d.versions.map((dv, i): [string, number, number] => [`version bench@${dv.model.version}`, dv.ms, p.versions[i].ms]),
    ];
    console.log(`\n(DuckDB keyed the tables first, as its load does: ${s(keyed.ms)})`);
    console.log(`${"stage".padEnd(20)} ${"DuckDB".padStart(10)} ${"PostgreSQL".padStart(12)} ${"ratio".padStart(8)}`);
    for (const [name, a, b] of rows) console.log(`${name.padEnd(20)} ${s(a).padStart(10)} ${s(b).padStart(12)} ${`${(b / a).toFixed(1)}×`.padStart(8)}`);

    // The hot spot of the features plan (EXPLAIN ANALYZE runs the query once more).
    const shape = await readPgShape(pg, DEFAULT_SOURCES);
    const f = featuresParts(models, DEFAULT_SOURCES, { columns: inputColumns(shape, models) });
    const [plan] = await pg.query(explainAnalyzeJson(render(withCtes(f.ctes, f.select), postgres)));
    const root = (plan["QUERY PLAN"] as unknown as { Plan: PlanNode; "Execution Time": number }[])[0];
    console.log(`\nPostgreSQL features plan (EXPLAIN ANALYZE ${s(root["Execution Time"])}), nodes by own time:`);
    for (const h of hotSpots(root.Plan).slice(0, 5)) console.log(`  ${s(h.ownMs).padStart(9)}  ${((100 * h.ownMs) / root["Execution Time"]).toFixed(0).padStart(3)} %  ${h.node}`);
  } finally {
    await pg.close();
    await duck.close();
    if (started) spawnSync("bash", [path.join(here, "../scripts/pg.sh"), "stop", started], { stdio: "inherit" });
  }
}

await main();
