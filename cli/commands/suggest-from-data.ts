/**
 * `leadscore suggest --from-data`: a whole first model from the data, no
 * starting model needed (lib/suggest suggestFromData).
 */
import type { FromDataOptions, FromDataResult } from "../../lib/suggest/from-data.js";
import { UsageError } from "./types.js";

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "–");
const f = (x: number | null | undefined, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(d));

function num(values: Record<string, unknown>, name: string, ok: (x: number) => boolean, rule: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`--${name} must be ${rule}, got ${JSON.stringify(v)}`);
  return x;
}

/** FromDataOptions of a command line (usage errors for bad values). */
export function fromDataOptions(values: Record<string, unknown>): FromDataOptions {
  const split = values.split as string | undefined;
  if (split !== undefined && split !== "random" && split !== "date" && !/^\d{4}-\d{2}-\d{2}$/.test(split)) throw new UsageError(`--split must be date, random or a date YYYY-MM-DD, got ${JSON.stringify(split)}`);
  for (const bad of ["add-candidates", "shrink", "drop-spanning-zero", "min-points", "version"]) if (values[bad] !== undefined && values[bad] !== false) throw new UsageError(`--${bad} improves an existing model; it does not go with --from-data`);
  const rate = (x: number) => x > 0 && x < 1;
  return {
    split: split === "random" ? "random" : "date",
    ...(split !== undefined && /^\d/.test(split) && { splitDate: split }),
    seed: num(values, "seed", Number.isInteger, "a whole number"),
    maxCriteria: num(values, "max-criteria", (x) => Number.isInteger(x) && x >= 1 && x <= 100, "a whole number from 1 to 100"),
    pdo: num(values, "pdo", (x) => x > 0, "a number of points > 0"),
    ...(values.columns !== undefined && { only: String(values.columns).split(",").map((s) => s.trim()).filter(Boolean), allowLeakage: true }),
    ...(values["allow-leakage"] === true && { allowLeakage: true }),
    exclude: values.exclude === undefined ? undefined : String(values.exclude).split(",").map((s) => s.trim()).filter(Boolean),
    thresholds: {
      capacityPerWeek: num(values, "capacity", (x) => x > 0, "a number of leads per week > 0"),
      targetWinRate: num(values, "target-win-rate", rate, "a rate between 0 and 1 (e.g. 0.3)"),
      nurtureWinRate: num(values, "nurture-win-rate", rate, "a rate between 0 and 1 (e.g. 0.1)"),
    },
  };
}

export async function runFromData(values: Record<string, unknown>): Promise<number> {
  const options = fromDataOptions(values);
  const { existsSync, statSync, writeFileSync } = await import("node:fs");
  if (values.out !== undefined) {
    const dir = (await import("node:path")).dirname(values.out as string);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`cannot write ${values.out}: the folder ${dir} does not exist`);
  }
  const { openEngine, readSource, windowOption } = await import("../session.js");
  const windowDays = windowOption(values.window);
  const source = await readSource(values.dataset as string | undefined);
  const db = await openEngine(values.engine as string | undefined);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const { loadDataset } = await import("../../lib/dataset/load.js");
    const report = await loadDataset(db, source.description, source.files);
    if (!report.usable) {
      err(`error: the dataset "${report.dataset}" is not usable; nothing was fitted. Run \`leadscore validate\` for the full report.`);
      return 1;
    }
    const { recompute } = await import("../../lib/scoring/recompute.js");
    await recompute(db, [], windowDays === undefined ? {} : { scoringDates: { kind: "firstCloseOrWindow", windowDays } });
    const { readFromDataInput } = await import("../../lib/suggest/from-data-read.js");
    const { suggestFromData } = await import("../../lib/suggest/from-data.js");
    const input = await readFromDataInput(db, { windowDays, dataset: report.dataset });
    if (!values.json) err(`suggest --from-data: ${input.n} labelled leads, ${input.columns.length} columns, ${input.activities.length} activity types of "${report.dataset}"…`);
    const r = suggestFromData(input, options);
    if (values.out !== undefined) {
      writeFileSync(values.out as string, `${JSON.stringify({ $schema: "./model.schema.json", ...r.draft }, null, 2)}\n`);
      err(`wrote ${values.out} (${r.draft.id}@${r.draft.version}, draft)`);
    }
    if (values.json) {
      const { scores: _s, ...rest } = r;
      process.stdout.write(`${JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`);
    } else process.stdout.write(formatFromData(r, options.allowLeakage === true));
    return 0;
  } finally {
    await db.close();
  }
}

/** The text report of a model from data. */
export function formatFromData(r: FromDataResult, leakageKept = false): string {
  const out: string[] = [];
  const s = r.split;
  out.push(s.kind === "date" ? `Split by date ${s.date}: training ${s.nTrain} leads (${s.trainWon} won), test ${s.nTest} (${s.testWon} won).` : `Stratified random split (seed ${s.seed}): training ${s.nTrain} leads (${s.trainWon} won), test ${s.nTest} (${s.testWon} won).`);
  out.push("", "Candidates (training leads; IV, AUC alone, shape of the win rate)");
  for (const c of r.candidates) out.push(`  ${c.key.padEnd(40)} IV ${f(c.iv).padStart(6)}  AUC ${f(c.auc)}  ${(c.trend ?? "").padEnd(10)} ${c.bands.length} bands${c.leakage ? (leakageKept ? "  LEAKAGE? kept (--allow-leakage or --columns)" : "  LEAKAGE? left out") : ""}${c.selectedAt ? `  → criterion ${c.selectedAt}` : ""}`);
  for (const x of r.skipped) out.push(`  ${x.column.padEnd(40)} skipped: ${x.reason}`);
  out.push("", "AUC against the number of criteria (forward selection; CV = 5-fold on training leads, ± 1 SE)");
  for (const p of r.curve) out.push(`  ${String(p.k).padStart(2)}  + ${p.added.padEnd(36)} CV ${f(p.cvAuc, 4)} ± ${f(p.cvSe, 4)}   test ${f(p.testAuc, 4)}${p.k === r.k ? "   ← chosen (one-standard-error rule)" : ""}`);
  if (r.halfLives.length) {
    out.push("", "Decay half-life per activity type (profile likelihood, 95 % interval)");
    for (const h of r.halfLives) out.push(`  ${h.activity.padEnd(20)} ${f(h.halfLife, 1).padStart(6)} days  [${h.lo === null ? "<1" : f(h.lo, 1)}, ${h.hi === null ? ">180" : f(h.hi, 1)}]  LR ${f(h.lrt, 1)}${h.lrt < 3.84 ? "  (timing adds nothing significant)" : ""}`);
  }
  out.push("", `Draft ${r.draft.id}@${r.draft.version} (${r.draft.criteria.length} rules from ${r.k} criteria, ${r.factor.toFixed(1)} points per logit)`);
  for (const c of r.draft.criteria) {
    const p = c.points ?? (c.rule.type === "bands" || c.rule.type === "recency" ? c.rule.bands.reduce((a, b) => a + b.points, 0) + (c.rule.type === "bands" ? c.rule.missing.points : c.rule.never.points) : 0);
    out.push(`  ${String(p).padStart(5)}  ${c.label}`);
  }
  const t = r.thresholds;
  out.push("", `Thresholds (tuned on the training leads): sales-ready ≥ ${t.salesReady} (${t.salesReadyRule}), nurture ≥ ${t.nurture} (${t.nurtureRule})`);
  out.push("", `Test leads (${s.nTest}, ${s.testWon} won)`);
  out.push(`  AUC integer points ${f(r.test.aucInteger, 4)}, unrounded ${f(r.test.aucUnrounded, 4)} (training ${f(r.train.aucInteger, 4)})`);
  out.push(`  calibration slope ${f(r.test.figures.slope)}, Brier ${f(r.test.figures.brier, 4)}`);
  out.push(`  sales-ready: ${r.test.tier.leads} leads, win rate ${pct(r.test.tier.winRate)}, ${pct(r.test.tier.winShare)} of wins`);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push("");
  return out.join("\n");
}
