import type { Model } from "../../lib/model/schema.js";
import type { SuggestOptions, SuggestResult } from "../../lib/suggest/run.js";
import { listOption, versionId } from "../models.js";
import { runFromData } from "./suggest-from-data.js";
import { UsageError, type Command } from "./types.js";
import { terminalSafe } from "../terminal.js";
import { PG_OPTIONS, PG_USAGE } from "../postgres.js";

export const suggest: Command = {
  summary: "suggest integer points and thresholds from a logistic fit on older leads, validated on newer ones; write a draft model",
  usage: `Usage: leadscore suggest [--dataset FILE] [--models DIR] [--version ID@N] [--split YYYY-MM-DD|random]
                        [--min-points N] [--capacity N_PER_WEEK] [--target-win-rate R]
                        [--add-candidates none|clean|COL,COL…] [--shrink L] [--drop-spanning-zero]
                        [--replicates B] [--seed S] [--out FILE] [--json] [--engine wasm|native|postgres] [--window DAYS] [--pg URL]
       leadscore suggest --from-data [--dataset FILE] [--split date|random|YYYY-MM-DD] [--max-criteria K]
                        [--pdo P] [--capacity N] [--target-win-rate R] [--exclude COL,COL…] [--seed S] [--out FILE] [--json]

--from-data proposes a whole first model from the data, no starting model
needed (the models folder may be empty or missing): every usable column
becomes a candidate (categories with rare levels as "other" and missing as a
level; numbers in optimal bands with a monotonic or peaked win rate; per
activity type the count in the window, has-activity and recency bands),
forward selection on the penalised likelihood picks at most 15 of them, k is
chosen by 5-fold cross-validated AUC (one-standard-error rule), points on a
PDO scale (20 points double the odds by default), thresholds tuned on the
training leads from the capacity (default: the top 10 % of leads) or a target
win rate, and everything judged on the test leads. Prints the AUC-vs-criteria
curve, the half-life of each activity type and the draft model.

Recomputes the version's scores, turns every points slot into a 0/1
criterion (count criteria become "at least one"), splits the labelled leads
by creation date (default: the day at 70 % of them), fits L2 logistic
regression on the older leads and scales it to integer points in the current
score range, bootstraps the points (200 seeded refits), tunes the thresholds
on the older leads and compares current and suggested points on the newer
ones (AUC with
the paired DeLong test, Brier and calibration slope after a map fitted on the
older leads, wins captured by the sales-ready tier).

Prints the diagnostics of every criterion and candidate column (IV band,
leakage flags), the points table with bootstrap intervals, the thresholds,
the comparison and a verdict that says plainly when the suggestion is NOT
better. --out writes the draft model (version = highest + 1, status draft).

Exit code 0 when a suggestion was made (better or not), 1 when the data or
models are unusable or the fit fails, 2 for a wrong command line.

Options:
  --dataset FILE         dataset description   [default: $LEADSCORE_DATASET, else the bundled sample]
  --models DIR           folder of model files   [default: data/models]
  --version ID@N         the version to improve   [default: the current one (newest published)]
  --split DATE|random    first day of the test period, YYYY-MM-DD, or random (stratified, seeded)   [default: the day at 70 % of labelled leads]
  --from-data            propose a whole model from the data (see above)
  --max-criteria K       --from-data: at most K criteria   [default: 15]
  --pdo P                --from-data: points that double the odds   [default: 20]
  --exclude COLS         --from-data: columns or activity types never offered (comma list)
  --columns COLS         --from-data: offer only these columns / activity types, even when flagged as leakage (comma list)
  --allow-leakage        --from-data: keep every column flagged as possible leakage (IV > 0.5 or AUC > 0.9):
                         for columns known before the outcome, e.g. behaviour in the scoring window
  --min-points N         drop criteria worth fewer than N points (workshop rule)   [default: 0]
  --capacity N           sales capacity, leads per week   [default: the current model's sales-ready volume]
  --target-win-rate R    sales-ready cut: lowest score whose leads' Wilson lower bound reaches R (0–1)
  --nurture-win-rate R   nurture cut: same rule for the nurture tier   [default: the current ignored share]
  --add-candidates A     candidate criteria from unused columns: none, clean (not flagged as leakage) or a comma list of columns   [default: none]
  --shrink L             shrink toward the current points with penalty L (e.g. 1)   [default: 0, no shrinking]
  --drop-spanning-zero   drop criteria whose bootstrap 95 % interval contains 0
  --replicates B         bootstrap refits, at least 2   [default: 200]
  --seed S               bootstrap seed   [default: 1]
  --out FILE             write the draft model JSON to FILE
  --json                 print everything as one JSON object instead of text
  --engine E             wasm, native, or postgres (scores and lead_features computed in PostgreSQL
                         on the tables \`leadscore load --engine postgres\` put there; per-lead rows come
                         back, no activity)   [default: wasm]
  --window DAYS          scoring window after lead creation, whole days   [default: 30]
${PG_USAGE}`,
  options: {
    dataset: { type: "string" },
    models: { type: "string" },
    version: { type: "string", multiple: true },
    split: { type: "string" },
    "from-data": { type: "boolean" },
    "max-criteria": { type: "string" },
    pdo: { type: "string" },
    exclude: { type: "string" },
    columns: { type: "string" },
    "allow-leakage": { type: "boolean" },
    "min-points": { type: "string" },
    capacity: { type: "string" },
    "target-win-rate": { type: "string" },
    "nurture-win-rate": { type: "string" },
    "add-candidates": { type: "string" },
    shrink: { type: "string" },
    "drop-spanning-zero": { type: "boolean" },
    replicates: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
    engine: { type: "string" },
    ...PG_OPTIONS,
    window: { type: "string" },
  },
  async run(values, positionals) {
    if (positionals.length) throw new UsageError(`unexpected argument(s): ${positionals.join(" ")}`);
    const versions = listOption(values.version);
    if (versions.length > 1) throw new UsageError(`--version takes one version (the one to improve); got ${versions.length}`);
    if (values["from-data"]) return runFromData(values);
    const options = suggestOptions(values);
    if (values.out !== undefined) {
      const { existsSync, statSync } = await import("node:fs");
      const dir = (await import("node:path")).dirname(values.out as string);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`cannot write ${values.out}: the folder ${dir} does not exist`);
    }
    const { openSession } = await import("../session.js");
    const session = values.engine === "postgres" ? await (await import("../postgres.js")).openPgSession(values, { inputs: true }) : await openSession(values);
    if (session.code !== null) return session.code;
    const { db } = session;
    try {
      const { currentVersion } = await import("../../lib/workbench/models.js");
      const { readSuggestData, runSuggest, buildDraft } = await import("../../lib/suggest/index.js");
      const scoredModels = session.scored.map((v) => v.model);
      const model = versions.length ? scoredModels[0] : currentVersion(scoredModels);
      if (!model) throw new Error("no model version could be scored");
      const err = (line: string) => process.stderr.write(`${terminalSafe(line)}\n`);
      if (!values.json) err(`suggest: improving ${versionId(model)} on "${session.report.dataset}"…`);
      const data = await readSuggestData(db, model);
      const result = runSuggest(data, options);
      const maxVersion = Math.max(...session.loaded.models.filter((m) => m.id === model.id).map((m) => m.version));
      const draft = buildDraft(data, result, options, { maxVersion });
      if (values.out !== undefined) {
        const { writeFileSync } = await import("node:fs");
        writeFileSync(values.out as string, `${JSON.stringify({ $schema: "./model.schema.json", ...draft.model }, null, 2)}\n`);
        err(`wrote ${values.out} (${versionId(draft.model)}, draft)`);
      }
      if (values.json) {
        const { scores: _scores, ...rest } = result;
        const split = { ...rest.split, isTest: undefined };
        process.stdout.write(`${JSON.stringify({ version: versionId(model), ...rest, split, draft: draft.model, diff: draft.diff }, jsonReplacer, 2)}\n`);
      } else process.stdout.write(terminalSafe(formatText(model, data.columns, result, draft.model)));
      return session.failed.length ? 1 : 0;
    } finally {
      await db.close();
    }
  },
};

function numberOption(values: Record<string, unknown>, name: string, check: (x: number) => boolean, rule: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} must be ${rule}, got ${JSON.stringify(v)}`);
  return x;
}

/** The SuggestOptions of a command line (usage errors for bad values). */
export function suggestOptions(values: Record<string, unknown>): SuggestOptions {
  const split = values.split as string | undefined;
  if (split === "random") throw new UsageError("--split random needs --from-data (improving a model splits by date, or at random when the leads carry no dates)");
  if (split !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(split)) throw new UsageError(`--split must be a date YYYY-MM-DD, got ${JSON.stringify(split)}`);
  const add = values["add-candidates"] as string | undefined;
  const rate = (x: number) => x > 0 && x < 1;
  return {
    split,
    minPoints: numberOption(values, "min-points", (x) => x >= 0, "a number ≥ 0"),
    shrink: numberOption(values, "shrink", (x) => x >= 0, "a number ≥ 0"),
    replicates: numberOption(values, "replicates", (x) => Number.isInteger(x) && x >= 2, "a whole number ≥ 2"),
    seed: numberOption(values, "seed", Number.isInteger, "a whole number"),
    dropIfIntervalSpansZero: values["drop-spanning-zero"] === true,
    addCandidates: add === undefined || add === "none" ? "none" : add === "clean" ? "clean" : add.split(",").map((s) => s.trim()).filter(Boolean),
    thresholds: {
      capacityPerWeek: numberOption(values, "capacity", (x) => x > 0, "a number of leads per week > 0"),
      targetWinRate: numberOption(values, "target-win-rate", rate, "a rate between 0 and 1 (e.g. 0.3)"),
      nurtureWinRate: numberOption(values, "nurture-win-rate", rate, "a rate between 0 and 1 (e.g. 0.1)"),
    },
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : "–");
const f = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(d));

/** The text report. */
function formatText(model: Model, cols: readonly { converted: boolean }[], r: SuggestResult, draft: Model): string {
  const out: string[] = [];
  const s = r.split;
  out.push(`${versionId(model)} → draft ${versionId(draft)}`);
  out.push(s.kind === "date" ? `Split ${s.date}: training ${s.train.n} labelled leads (${s.train.won} won) created ${s.train.from} to ${s.train.to}; test ${s.test.n} (${s.test.won} won) created ${s.test.from} to ${s.test.to}.` : `Random split (no creation dates): training ${s.train.n} (${s.train.won} won), test ${s.test.n} (${s.test.won} won).`);
  out.push("", "Diagnostics (training period; IV bands after Siddiqi, leakage = IV > 0.5 or AUC > 0.9)");
  const w = Math.min(48, Math.max(10, ...r.attributes.map((a) => a.name.length)));
  out.push(`  ${pad("criterion / column", w)}  source     ${lpad("IV", 6)}  ${pad("band", 10)}  ${lpad("AUC", 5)}`);
  for (const a of r.attributes) out.push(`  ${pad(a.name, w)}  ${pad(a.source, 9)}  ${lpad(f(a.iv), 6)}  ${pad(a.band, 10)}  ${lpad(f(a.auc), 5)}${a.leakage ? "  LEAKAGE?" : ""}`);
  out.push("", `Suggested points (scale: current range, ${f(r.factor, 1)} points per logit, effective PDO ${f(r.effectivePdo, 1)}; ${r.bootstrap.replicates} bootstrap refits)`);
  const shown = r.points.map((p) => ({ ...p, converted: cols[p.column].converted })).filter((p) => p.included || p.source === "model");
  const kw = Math.min(48, Math.max(10, ...shown.map((p) => p.key.length)));
  out.push(`  ${pad("criterion", kw)}  ${lpad("current", 7)}  ${lpad("suggested", 9)}  ${pad("95 % interval", 16)}  ${lpad("kept", 7)}  note`);
  for (const p of shown) out.push(`  ${pad(p.key, kw)}  ${lpad(f(p.current, 0), 7)}  ${lpad(p.kept ? String(p.suggested) : "–", 9)}  ${pad(p.included ? `[${f(p.lo, 1)}, ${f(p.hi, 1)}]` : "", 16)}  ${lpad(p.included ? pct(p.keepRate) : "", 7)}  ${[p.dropReason ? `dropped: ${p.dropReason}` : "", p.converted ? "count → at least one (current = points × mean count)" : ""].filter(Boolean).join("; ")}`);
  const t = r.thresholds;
  out.push("", `Thresholds (tuned on the training period, judged on the test period): sales-ready ≥ ${t.salesReady} (${t.salesReadyRule}), nurture ≥ ${t.nurture} (${t.nurtureRule})`);
  for (const x of t.salesReadyByRule) out.push(`  sales-ready by ${pad(x.rule, 12)} ${lpad(x.cut === null ? "–" : String(x.cut), 5)}  ${x.note}`);
  for (const x of t.nurtureByRule) out.push(`  nurture by ${pad(x.rule, 16)} ${lpad(x.cut === null ? "–" : String(x.cut), 5)}  ${x.note}`);
  const c = r.comparison;
  const perWeek = s.weeks === null ? "per test period" : "per week";
  out.push("", `Test period (${c.nTest} leads, ${c.nTestWon} won)      current   suggested`);
  out.push(`  AUC                                 ${lpad(f(c.current.auc), 7)}   ${lpad(f(c.suggested.auc), 9)}`);
  out.push(`  Brier (map fitted on training)      ${lpad(f(c.current.brier, 4), 7)}   ${lpad(f(c.suggested.brier, 4), 9)}`);
  out.push(`  calibration slope (out of time)     ${lpad(f(c.current.slope, 2), 7)}   ${lpad(f(c.suggested.slope, 2), 9)}`);
  out.push(`  sales-ready leads ${pad(perWeek, 18)}${lpad(f(c.current.tier.leadsPerWeek, 1), 7)}   ${lpad(f(c.suggested.tier.leadsPerWeek, 1), 9)}`);
  out.push(`  wins captured by sales-ready        ${lpad(pct(c.current.tier.winShare), 7)}   ${lpad(pct(c.suggested.tier.winShare), 9)}`);
  out.push(`  integer vs unrounded AUC (test)     ${f(r.rounding.testInteger)} vs ${f(r.rounding.testUnrounded)}`);
  for (const x of r.warnings) out.push(`warning: ${x}`);
  out.push("", `Verdict: ${c.verdict}`, "");
  return out.join("\n");
}

/** Typed arrays as plain arrays. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
