/**
 * The timed steps of the scoring benchmark, over any `Db`, so that native
 * DuckDB in Node and DuckDB-WASM in the browser run exactly the same SQL:
 * generate → scoring dates → (optional) the straightforward single query →
 * features once → each version from features → units → WhatIf → rescores.
 */
import { keyTables, readActivityCodes } from "../lib/canonical.js";
import type { Db } from "../lib/db/types.js";
import { as, col, count, createView, drop, eq, lit, render, script, select, sum as sqlSum, table } from "../lib/sql/index.js";
import { readDataShape } from "../lib/scoring/check-data.js";
import { scoreTableSql } from "../lib/scoring/compile.js";
import { FEATURES_TABLE, featureSpecs, leadFeaturesSelect, leadFeaturesSql } from "../lib/scoring/features.js";
import { inputColumns } from "../lib/scoring/recompute.js";
import { scoringDatesSql } from "../lib/scoring/scoring-dates.js";
import { unitSlots, unitsSql } from "../lib/scoring/units.js";
import { WhatIf, whatIfInput, type WhatIfInput } from "../lib/scoring/whatif.js";
import { OUTCOMES, benchModel, syntheticSql } from "./synthetic.js";
import { lapTimer } from "../lib/lap.js";

export interface PipelineOptions {
  leads: number;
  activities: number;
  /** Also time the straightforward single query (activities joined in, no feature table). */
  straight: boolean;
  /** Number of what-if input changes to time. */
  rescores: number;
}

export interface PipelineResult {
  engine: string;
  generateMs: number;
  scoringDatesMs: number;
  straightMs: number | null;
  featuresMs: number;
  versionMs: number[];
  unitsReadMs: number;
  whatIfBuildMs: number;
  whatIfMode: string;
  whatIfRows: number;
  slots: number;
  rescoreFirstMs: number;
  rescoreMs: number[];
  /** |what-if − SQL| of the summed v1 scores, and whether the tier counts agree. */
  check: { sumDiff: number; tiersAgree: boolean };
  auc: number | null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export { median };

/** A what-if input change: a few points and the thresholds moved (deterministic in k). */
function change(base: WhatIfInput, k: number): WhatIfInput {
  const points = Array.from(base.points);
  for (let j = 0; j < 3; j++) points[(k * 7 + j * 11) % points.length] += ((k + j) % 5) - 2;
  return { ...base, points, thresholds: { nurture: base.thresholds.nurture + (k % 3), salesReady: base.thresholds.salesReady + (k % 4) } };
}

export interface LoadPhaseResult {
  engine: string;
  /** The data as a dataset load leaves it before its last step (activities as text). */
  generateMs: number;
  /** keyTables: the load's last step (once per dataset). */
  keyMs: number;
  unkeyed: number;
}

/** The load phase: text data, then keyTables (lib/canonical.ts), as the end of every dataset load. */
export async function runLoadPhase(db: Db, o: Pick<PipelineOptions, "leads" | "activities">, log: (s: string) => void = () => {}): Promise<LoadPhaseResult> {
  let t = performance.now();
  for (const s of syntheticSql(o.leads, o.activities)) await db.exec(s);
  const generateMs = performance.now() - t;
  log(`load phase: generated ${o.leads} leads, ${o.activities} activities (text) in ${generateMs.toFixed(0)} ms`);
  t = performance.now();
  const keyed = await keyTables(db);
  const keyMs = performance.now() - t;
  log(`load phase: keyed the tables in ${keyMs.toFixed(0)} ms (${keyed.unkeyed} activities unkeyed)`);
  return { engine: db.engine, generateMs, keyMs, unkeyed: keyed.unkeyed };
}

/**
 * The scoring phase, from the data as loaded (keyed, generated directly:
 * the same rows keyTables makes, test/bench/synthetic.test.ts).
 */
export async function runPipeline(db: Db, o: PipelineOptions, log: (s: string) => void = () => {}): Promise<PipelineResult> {
  const models = [1, 2, 3].map(benchModel);
  const lap = lapTimer();
  for (const s of syntheticSql(o.leads, o.activities, true)) await db.exec(s);
  const generateMs = lap();
  log(`generated ${o.leads} leads, ${o.activities} activities (keyed) in ${generateMs.toFixed(0)} ms`);
  await db.exec(render(scoringDatesSql()));
  const scoringDatesMs = lap();

  let straightMs: number | null = null;
  const specs = featureSpecs(models);
  // As recompute does: the leads columns a rule could read (not timed, like recompute's dataset check).
  const featureOptions = { columns: inputColumns(await readDataShape(db), models), activityCodes: await readActivityCodes(db) };
  lap();
  if (o.straight) {
    // lead_features as a VIEW: the score query then joins and aggregates activities itself.
    await db.exec(render(createView(FEATURES_TABLE, leadFeaturesSelect(specs, featureOptions))));
    lap();
    await db.exec(render(scoreTableSql(models[0], "bench_straight")));
    straightMs = lap();
    await db.exec(render(script(drop("view", FEATURES_TABLE, false), drop("table", "bench_straight", false))));
    log(`straightforward single query: ${straightMs.toFixed(0)} ms`);
    lap();
  }
  await db.exec(leadFeaturesSql(specs, featureOptions));
  const featuresMs = lap();
  log(`features: ${featuresMs.toFixed(0)} ms`);
  const versionMs: number[] = [];
  for (const m of models) {
    await db.exec(render(scoreTableSql(m, `bench_scores_v${m.version}`)));
    versionMs.push(lap());
  }
  log(`versions: ${versionMs.map((x) => x.toFixed(0)).join(", ")} ms`);

  const v1 = models[0];
  const cols = await db.queryColumns(unitsSql(v1, { outcomes: OUTCOMES, ids: false, ordered: false }));
  const unitsReadMs = lap();
  const slots = unitSlots(v1);
  const w = WhatIf.fromColumns(slots, cols, cols.columns.outcome as ArrayLike<number>, { caps: v1.caps });
  const whatIfBuildMs = lap();
  log(`units read ${unitsReadMs.toFixed(0)} ms, WhatIf built (${w.mode}, ${w.rows} rows) ${whatIfBuildMs.toFixed(0)} ms`);

  const base = whatIfInput(v1);
  const own = w.rescore(base);
  const rescoreFirstMs = own.ms;
  const rescoreMs: number[] = [];
  for (let k = 1; k <= o.rescores; k++) rescoreMs.push(w.rescore(change(base, k)).ms);

  const tierCount = (tier: string) => count(null, { filter: eq(col("tier"), lit(tier)) });
  const [sql] = await db.query(
    render(select({ columns: [as(sqlSum(col("score")), "s"), as(tierCount("sales-ready"), "sr"), as(tierCount("nurture"), "nu")], from: table("bench_scores_v1") })),
  );
  const sum = (c: { won: number; lost: number; open: number }) => c.won + c.lost + c.open;
  const check = {
    sumDiff: Math.abs(own.mean * own.n - Number(sql.s)),
    tiersAgree: sum(own.tiers["sales-ready"]) === Number(sql.sr) && sum(own.tiers.nurture) === Number(sql.nu),
  };
  return {
    engine: db.engine, generateMs, scoringDatesMs, straightMs, featuresMs, versionMs, unitsReadMs, whatIfBuildMs,
    whatIfMode: w.mode, whatIfRows: w.rows, slots: slots.length, rescoreFirstMs, rescoreMs, check, auc: own.auc,
  };
}
