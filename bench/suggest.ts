/**
 * Quality-bar figures of the suggestions (printed):
 * 1. sample (24,000 leads): ground-truth recovery (signs, Spearman of points),
 *    integer vs unrounded AUC on 0/1 criteria (bar ≤ 0.005), starting v2 vs its
 *    suggestion out of time, and the time of each step;
 * 2. X Education (when ../shared/data is present): test AUC and calibration
 *    slope of the suggested integer model on leak-free columns (70/30 split);
 * (the 1,000,000 × 40 fit timings are bench/fit.ts, a separate entry of `npm run bench`).
 *
 *   npx tsx bench/suggest.ts
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { loadDataset } from "../lib/dataset/load.js";
import { readDescribedFiles } from "../lib/dataset/node.js";
import { openWasmDb } from "../lib/db/node-wasm.js";
import { recompute } from "../lib/scoring/recompute.js";
import { readSuggestData, runSuggest, type SuggestResult } from "../lib/suggest/index.js";
import { LEAK_FREE, openSampleDb, readModel, spearman } from "../test/suggest/helpers.js";

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined ? "–" : x.toFixed(d));

function rounding(name: string, r: SuggestResult) {
  const x = r.rounding;
  const loss = Math.max(x.trainUnrounded - x.trainInteger, x.testUnrounded - x.testInteger);
  console.log(`  ${name}: integer vs unrounded AUC train ${f(x.trainInteger)} vs ${f(x.trainUnrounded)}, test ${f(x.testInteger)} vs ${f(x.testUnrounded)} → loss ${f(loss)} (bar ≤ 0.005: ${loss <= 0.005 ? "met" : "NOT met"})`);
}

console.log("Suggestions: quality bar");
{
  let t = performance.now();
  const db = await openSampleDb();
  const gt = readModel("data/models/ground-truth-v1.json");
  const v2 = readModel("data/models/starting-v2.json");
  await recompute(db, [gt, v2]);
  console.log(`sample: load + recompute ${ms(t)}`);
  t = performance.now();
  const gtData = await readSuggestData(db, gt, { candidates: false });
  console.log(`  read ground-truth criteria: ${gtData.n} labelled leads × ${gtData.columns.length} criteria in ${ms(t)}`);
  t = performance.now();
  const g = runSuggest(gtData, { replicates: 200 });
  console.log(`  fit + 200 bootstrap refits + thresholds + comparison: ${ms(t)}`);
  const pts = new Map(g.points.map((p) => [p.key, p.suggested]));
  const ref = pts.get("company_size#2")!;
  const truth: number[] = [];
  const fitted: number[] = [];
  const wrong: string[] = [];
  for (const c of gt.criteria) {
    const r = c.rule;
    if (r.type === "activityPoints" || c.id === "lead_source_paid_search") continue;
    const pairs: [string, number, number][] = r.type === "bands" ? [...r.bands.map((b, i) => [`${c.id}#${i}`, b.points, pts.get(`${c.id}#${i}`)! - ref] as [string, number, number]), [`${c.id}#missing`, r.missing.points, pts.get(`${c.id}#missing`)! - ref]] : [[c.id, c.points!, pts.get(c.id)!]];
    for (const [key, tv, fv] of pairs) {
      if (key === "company_size#2") continue;
      truth.push(tv);
      fitted.push(fv);
      if (Math.abs(tv) >= 9 && Math.sign(tv) !== Math.sign(fv)) wrong.push(key);
    }
  }
  console.log(`  ground-truth recovery: ${truth.length} 0/1 terms, Spearman ${f(spearman(truth, fitted), 3)}, sign errors (|truth| ≥ 9 points): ${wrong.length ? wrong.join(", ") : "none"}`);
  rounding("ground truth re-fit", g);
  t = performance.now();
  const v2Data = await readSuggestData(db, v2);
  const s = runSuggest(v2Data, { replicates: 200, addCandidates: "clean" });
  const c = s.comparison;
  console.log(`  starting v2 + clean candidates (${ms(t)}): test AUC ${f(c.current.auc)} → ${f(c.suggested.auc)} (ΔAUC ${f(c.delong.diff)}, p ${c.delong.p.toExponential(2)}), slope ${f(c.suggested.slope, 3)}, sales-ready wins ${c.current.tier.wins} → ${c.suggested.tier.wins}`);
  rounding("starting v2 suggestion", s);
  await db.close();
}

const XED = "../shared/data/x-education-leads/Leads.csv";
if (existsSync(XED)) {
  const t = performance.now();
  const db = await openWasmDb();
  const read = await readDescribedFiles("test/dataset/fixtures/x-education.dataset.json");
  await loadDataset(db, read.description, read.files);
  const model = readModel("data/x-education/models/handmade-v1.json");
  await recompute(db, [model]);
  const data = await readSuggestData(db, model, { includeUsedColumns: true, bands: 10 });
  const r = runSuggest(data, { addCandidates: LEAK_FREE, replicates: 200 });
  const c = r.comparison;
  console.log(`X Education (${ms(t)}, random 70/30 split, leak-free columns): test AUC ${f(c.suggested.auc)} (target ≥ 0.88: ${c.suggested.auc >= 0.88 ? "met" : "NOT met"}), calibration slope ${f(c.suggested.slope, 3)} (0.9–1.1: ${c.suggested.slope !== null && c.suggested.slope >= 0.9 && c.suggested.slope <= 1.1 ? "met" : "NOT met"}), handmade v1 ${f(c.current.auc)}`);
  rounding("X Education", r);
  const leaky = r.attributes.filter((a) => a.leakage).map((a) => a.name);
  console.log(`  flagged as leakage: ${leaky.join(", ")}`);
  await db.close();
} else console.log(`X Education: SKIPPED (${XED} absent)`);
// The 1,000,000 × 40 timings are bench/fit.ts (its own entry in `npm run bench`).
