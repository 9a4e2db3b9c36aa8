/**
 * A complete first model from data, with no starting model (pure: no
 * database, no DOM; runs in a Web Worker):
 *  0. the rows put in lead-id order (canonicalInput), so the result does not
 *     depend on the order they were read in; activities kept only inside the
 *     scoring window (age < windowDays), as the draft's rules count them;
 *  1. split (by date, or stratified at random with a seed);
 *  2. candidates from every usable column, binned on the training leads
 *     (data-candidates.ts);
 *  3. forward selection of at most maxK columns, k by cross-validated AUC
 *     and the one-standard-error rule (select.ts);
 *  4. the chosen columns refitted with the lowest band of each as reference
 *     (so points are ≥ 0 where the fit allows), scaled to points (PDO, 20 by
 *     default) and refined to integers (lib/fit suggestPoints);
 *  5. decay half-lives per activity type (decay.ts; the count enters as one
 *     level per count 0 … 5+, the rest of the model as offset), reported;
 *  6. thresholds tuned on the training leads, everything judged on the test
 *     leads; the draft model (from-data-draft.ts).
 */
import { collapseRows } from "../fit/collapse.js";
import { suggestPoints } from "../fit/points.js";
import { weeksSpanned } from "../fit/score-table.js";
import { auc } from "../metrics/auc.js";
import type { Model } from "../model/schema.js";
import { tierFigures, versionFigures, type TierFigures, type VersionFigures } from "./compare.js";
import { dataCandidates, type BandEvidence, type Candidate, type CandidateOptions, type CandidateSkip } from "./data-candidates.js";
import { fitHalfLife } from "./decay.js";
import { buildDataDraft } from "./from-data-draft.js";
import { canonicalInput, checkInput, type FromDataInput } from "./from-data-input.js";
import { dataSplit, stratifiedSplit } from "./from-data-split.js";
import { forwardSelect, groupDesign, groupEta } from "./select.js";
import { chooseThresholds, type ThresholdChoice, type ThresholdOptions } from "./thresholds.js";
import { lapTimer } from "../lap.js";

export interface FromDataOptions extends CandidateOptions {
  /** "date" (default; falls back to random when the leads carry no dates) or "random" (stratified, seeded). */
  split?: "date" | "random";
  /** First day of the test period for a date split (default: the day at `trainShare` of the leads). */
  splitDate?: string;
  trainShare?: number;
  seed?: number;
  /** At most this many criteria (columns) (default 15). */
  maxCriteria?: number;
  folds?: number;
  /** Inverse L2 penalty (default 1). */
  C?: number;
  /** Points that double the odds (default 20). */
  pdo?: number;
  thresholds?: ThresholdOptions;
  /** Columns / activity types the selection may use (default: all not flagged as leakage). */
  only?: readonly string[];
  /** Also offer the columns flagged as leakage (default false). */
  allowLeakage?: boolean;
  /** Fit half-lives on at most this many training leads (default 50,000). */
  halfLifeRows?: number;
  cvMaxRows?: number;
  /** For the draft: model id (default "from-data"), author, effectiveFrom. */
  modelId?: string;
  author?: string;
}

export type FromDataProgress = (message: string, fraction: number) => void;

export interface CandidateSummary {
  key: string;
  source: Candidate["source"];
  column: string | null;
  activity: string | null;
  bands: BandEvidence[];
  iv: number;
  auc: number;
  leakage: boolean;
  trend: Candidate["trend"];
  reference: number;
  /** 0 = not in the model; else its position among the chosen criteria. */
  selectedAt: number;
  /** 0 = not on the selection path; else its step. */
  pathAt: number;
  /** Integer points of each band (empty when not in the model). */
  points: number[];
}

export interface CurvePoint {
  k: number;
  added: string;
  cvAuc: number;
  cvSe: number;
  /** AUC on the test leads of the unrounded fit of the first k criteria. */
  testAuc: number;
}

export interface FromDataResult {
  split: { kind: "date" | "random"; date: string | null; seed: number | null; nTrain: number; nTest: number; trainWon: number; testWon: number; trainWeeks: number; testWeeks: number };
  candidates: CandidateSummary[];
  skipped: CandidateSkip[];
  curve: CurvePoint[];
  k: number;
  halfLives: { activity: string; halfLife: number; lo: number | null; hi: number | null; beta: number; lrt: number }[];
  factor: number;
  base: number;
  test: { aucInteger: number; aucUnrounded: number; figures: VersionFigures; tier: TierFigures };
  train: { aucInteger: number; aucUnrounded: number };
  thresholds: ThresholdChoice;
  draft: Model;
  /** Integer score of every lead (in the order of the input given). */
  scores: Int32Array;
  timings: { candidatesMs: number; selectionMs: number; refinementMs: number; halfLifeMs: number; evaluationMs: number };
  warnings: string[];
}

const pickRows = (v: ArrayLike<number>, rows: ArrayLike<number>) => Float64Array.from({ length: rows.length }, (_, t) => v[rows[t]]);

/**
 * Proposes a whole points model from the data. See the module comment.
 * @throws when a side of the split has no won or no lost lead, or no column gives a candidate.
 * @example suggestFromData(input, { split: "random", seed: 1 }, (msg, f) => console.log(msg, f)).draft
 */
export function suggestFromData(given: FromDataInput, options: FromDataOptions = {}, onProgress: FromDataProgress = () => {}): FromDataResult {
  checkInput(given);
  const lap = lapTimer(); // the first lap (candidatesMs) counts the ordering and the split too
  // rows in lead-id order: the split, the CV folds and every tie are then the same whatever order the
  // rows were read in (the CLI and the browser worker give the same model for the same seed)
  const canonical = canonicalInput(given);
  // only activities inside the scoring window count, as the draft's rules ("… in the last 30 days": age < 30 days)
  // will count them; a reader may pass older ones (every activity at or before the scoring date)
  const input: FromDataInput = { ...canonical.input, activities: canonical.input.activities.map((a) => ({ type: a.type, ...windowAges(a.offsets, a.ages, canonical.input.windowDays) })) };
  const warnings: string[] = [];
  const labels = input.labels;
  const seed = options.seed ?? 1;
  onProgress("Splitting the leads…", 0.01);
  const split = dataSplit(labels, input.createdMs, { kind: options.split, date: options.splitDate, share: options.trainShare, seed });
  if ((options.split ?? "date") === "date" && split.kind === "random") warnings.push("the leads carry no creation dates (all share one date): a stratified random split is used instead of a split by date");
  const count = (rows: Int32Array) => rows.reduce((s, i) => s + labels[i], 0);
  const trainWon = count(split.train);
  const testWon = count(split.test);
  for (const [name, rows, won] of [["training", split.train, trainWon], ["test", split.test, testWon]] as const)
    if (won === 0 || won === rows.length) throw new Error(`suggestFromData: the ${name} leads (${rows.length}) have ${won} won; both outcomes are needed on each side. ${split.kind === "date" ? "Move the split date or use --split random." : "Use more labelled leads."}`);

  onProgress("Binning every column…", 0.03);
  const { candidates, skipped } = dataCandidates(input, split.train, options);
  const only = options.only ? new Set(options.only) : null;
  const usable = candidates.filter((c) => (options.allowLeakage || !c.leakage) && (!only || only.has(c.column ?? c.activity ?? "")));
  for (const c of candidates) if (c.leakage && !options.allowLeakage) warnings.push(`${c.key} is left out as possible leakage (IV ${c.iv.toFixed(2)}, AUC alone ${c.auc.toFixed(3)}); if it is known before the outcome (e.g. behaviour in the scoring window), keep it: "Keep columns flagged as possible leakage" on the Suggestions page, --allow-leakage in the CLI`);
  if (!usable.length) throw new Error("suggestFromData: no column gives a usable candidate (all constant, identifier-like or flagged as leakage).");
  const candidatesMs = lap();

  const selection = forwardSelect(usable, labels, split.train, {
    maxK: options.maxCriteria ?? 15,
    C: options.C,
    folds: options.folds,
    seed,
    cvMaxRows: options.cvMaxRows,
    onProgress: (m, f) => onProgress(m, 0.05 + 0.75 * f),
  });
  const selectionMs = lap();
  const yTest = Uint8Array.from(split.test, (i) => labels[i]);
  const yTrain = Uint8Array.from(split.train, (i) => labels[i]);
  const curve: CurvePoint[] = selection.path.map((s, k) => ({ k: s.k, added: s.group, cvAuc: s.cvAuc, cvSe: s.cvSe, testAuc: auc(groupEta(usable, selection.order.slice(0, k + 1), selection.fits[k], split.test), yTest) }));

  onProgress("Integer points…", 0.82);
  const sel = selection.order.slice(0, selection.k);
  // reference = the band with the lowest β (counts: no activity), so points are ≥ 0 where the fit allows
  const chosen: Candidate[] = sel.map((g, s) => {
    const c = usable[g];
    const beta = selection.fits[selection.k - 1].coef[s];
    let ref = c.reference;
    if (c.source !== "count" && c.source !== "has") for (let b = 0; b < c.nBins; b++) if (c.bands[b].n > 0 && beta[b] < beta[ref]) ref = b;
    return { ...c, reference: ref };
  });
  const all = chosen.map((_, s) => s);
  const { design, colOf } = groupDesign(chosen, all, split.train, labels);
  const sp = suggestPoints(collapseRows(design), { scale: { kind: "pdo", pdo: options.pdo ?? 20 }, C: options.C ?? 1 });
  for (const w of sp.warnings) warnings.push(w.message);
  const bandPoints = colOf.map((cols) => Array.from(cols, (col) => (col >= 0 ? sp.points[col] : 0)));
  const bandBeta = colOf.map((cols) => Float64Array.from(cols, (col) => (col >= 0 ? sp.fit.coef[col] : 0)));
  const scores = new Int32Array(input.n);
  const eta = new Float64Array(input.n).fill(sp.fit.intercept);
  chosen.forEach((c, s) => {
    for (let i = 0; i < input.n; i++) (scores[i] += bandPoints[s][c.codes[i]]), (eta[i] += bandBeta[s][c.codes[i]]);
  });
  const refinementMs = lap();

  onProgress("Decay half-lives…", 0.88);
  const halfLives: FromDataResult["halfLives"] = [];
  const hlRows = split.train.length > (options.halfLifeRows ?? 50_000) ? subsample(split.train, labels, options.halfLifeRows ?? 50_000, seed) : split.train;
  for (const a of input.activities) {
    const cnt = candidates.find((c) => c.source === "count" && c.activity === a.type);
    if (!cnt) continue;
    // the rest of the model as offset: η without this type's criteria
    const offset = Float64Array.from(eta);
    chosen.forEach((c, s) => {
      if (c.activity !== a.type) return;
      for (let i = 0; i < input.n; i++) offset[i] -= bandBeta[s][c.codes[i]];
    });
    // the count as nuisance: one level per count 0, 1, …, 5 or more (finer than its bands, so x_h measures timing, not count)
    const perCount = Uint8Array.from({ length: input.n }, (_, i) => Math.min(5, a.offsets[i + 1] - a.offsets[i]));
    const h = fitHalfLife(a.offsets, a.ages, perCount, 6, labels, offset, hlRows);
    if (Number.isFinite(h.lrt) && Number.isFinite(h.halfLife)) halfLives.push({ activity: a.type, halfLife: h.halfLife, lo: h.lo, hi: h.hi, beta: h.beta, lrt: h.lrt });
    else warnings.push(`no half-life for ${a.type}: the profile likelihood could not be fitted (too few activities in the window)`);
  }
  const halfLifeMs = lap();

  onProgress("Thresholds (training leads) and test figures…", 0.95);
  const weeksOf = (rows: Int32Array) => (split.kind === "date" || hasDates(input.createdMs) ? weeksSpanned(pickRows(input.createdMs, rows)) : 1);
  const trainWeeks = weeksOf(split.train);
  const testWeeks = weeksOf(split.test);
  const sTrain = pickRows(scores, split.train);
  const sTest = pickRows(scores, split.test);
  const capacity = 0.1 * split.train.length / trainWeeks;
  const thresholds = chooseThresholds(sTrain, yTrain, trainWeeks, { a: sp.map.a, b: sp.map.b }, { salesReadyPerWeek: capacity, ignoredShare: 0.5 }, options.thresholds);
  warnings.push(...thresholds.warnings);
  const cut = { nurture: thresholds.nurture, salesReady: thresholds.salesReady };
  const figures = versionFigures({ scores: sTrain, labels: yTrain }, { scores: sTest, labels: yTest }, cut, testWeeks);
  const tier = tierFigures(sTest, yTest, cut, testWeeks);
  const test = { aucInteger: figures.auc, aucUnrounded: auc(pickRows(eta, split.test), yTest), figures, tier };
  const train = { aucInteger: auc(sTrain, yTrain), aucUnrounded: auc(pickRows(eta, split.train), yTrain) };

  const summaries: CandidateSummary[] = candidates.map((c) => {
    const u = usable.indexOf(c);
    const at = u < 0 ? -1 : sel.indexOf(u);
    const pathAt = u < 0 ? -1 : selection.order.indexOf(u);
    return { key: c.key, source: c.source, column: c.column, activity: c.activity, bands: c.bands, iv: c.iv, auc: c.auc, leakage: c.leakage, trend: c.trend, reference: at >= 0 ? chosen[at].reference : c.reference, selectedAt: at >= 0 ? at + 1 : 0, pathAt: pathAt + 1, points: at >= 0 ? bandPoints[at] : [] };
  });
  const s = { kind: split.kind, date: split.date, seed: split.seed, nTrain: split.train.length, nTest: split.test.length, trainWon, testWon, trainWeeks, testWeeks };
  // chosen although flagged (allowLeakage, or named in options.only): said on the page and the CLI, and in the change note
  const flaggedKept = chosen.filter((c) => c.leakage);
  if (flaggedKept.length) warnings.push(`kept although flagged as possible leakage; check that each is known before the outcome (not entered by sales afterwards): ${flaggedKept.map((c) => `${c.key} (IV ${c.iv.toFixed(2)}, AUC alone ${c.auc.toFixed(3)})`).join(", ")}`);
  const draft = buildDataDraft(input, chosen.map((c, k) => ({ candidate: c, points: bandPoints[k] })), {
    id: options.modelId ?? "from-data",
    author: options.author ?? "leadscore suggest --from-data",
    thresholds: cut,
    map: { a: figures.map.a, b: figures.map.b },
    trainRows: split.train,
    note: changeNote(input, s, selection.k, curve, test, train, thresholds, options, flaggedKept.map((c) => c.key)),
  });
  const evaluationMs = lap();
  onProgress("Done", 1);
  const order = canonical.order;
  const givenScores = order ? new Int32Array(input.n) : scores;
  if (order) for (let k = 0; k < input.n; k++) givenScores[order[k]] = scores[k];
  return { split: s, candidates: summaries, skipped, curve, k: selection.k, halfLives, factor: sp.factor, base: sp.base, test, train, thresholds, draft, scores: givenScores, timings: { candidatesMs, selectionMs, refinementMs, halfLifeMs, evaluationMs }, warnings };
}

function hasDates(ms: Float64Array): boolean {
  for (let i = 1; i < ms.length; i++) if (ms[i] !== ms[0]) return true;
  return false;
}

function subsample(rows: Int32Array, labels: ArrayLike<number>, max: number, seed: number): Int32Array {
  const y = Uint8Array.from(rows, (i) => labels[i]);
  const part = stratifiedSplit(y, max / rows.length, seed + 11).train;
  return Int32Array.from(part, (t) => rows[t]);
}

function windowAges(offsets: Int32Array, ages: Float32Array, windowDays: number): { offsets: Int32Array; ages: Float32Array } {
  let inside = 0;
  for (let e = 0; e < ages.length; e++) if (ages[e] < windowDays) inside++;
  if (inside === ages.length) return { offsets, ages }; // nothing outside the window: no copy
  const o = new Int32Array(offsets.length);
  const out = new Float32Array(inside);
  let k = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (ages[e] < windowDays) out[k++] = ages[e];
    o[i + 1] = k;
  }
  return { offsets: o, ages: out };
}

function changeNote(input: FromDataInput, s: FromDataResult["split"], k: number, curve: CurvePoint[], test: FromDataResult["test"], train: FromDataResult["train"], t: ThresholdChoice, o: FromDataOptions, flaggedKept: string[]): string {
  const f3 = (x: number | null) => (x === null || !Number.isFinite(x) ? "n/a" : x.toFixed(3));
  const how = s.kind === "date" ? `split by date at ${s.date}` : `stratified random split (seed ${s.seed})`;
  return [
    `Proposed from data by leadscore suggest --from-data${input.dataset ? ` on "${input.dataset}"` : ""}: ${s.nTrain} training leads (${s.trainWon} won), ${s.nTest} test leads (${s.testWon} won), ${how}.`,
    `Every usable column binned (optimal bands, min share ${((o.minShare ?? 0.05) * 100).toFixed(0)} %), forward selection on the L2-penalised likelihood, ${k} of at most ${o.maxCriteria ?? 15} criteria chosen by ${o.folds ?? 5}-fold cross-validated AUC (one-standard-error rule; best CV AUC ${f3(Math.max(...curve.map((c) => c.cvAuc)))}).`,
    `Points: ${o.pdo ?? 20} points double the odds, integer refinement. Test AUC ${f3(test.aucInteger)} (unrounded ${f3(test.aucUnrounded)}; training ${f3(train.aucInteger)}), calibration slope ${f3(test.figures.slope)}.`,
    `Thresholds tuned on the training leads: sales-ready by ${t.salesReadyRule}, nurture by ${t.nurtureRule}.`,
    flaggedKept.length ? `Kept although flagged as possible leakage (IV > 0.5 or AUC > 0.9; check they are known before the outcome): ${flaggedKept.join(", ")}.` : "",
  ].filter(Boolean).join(" ");
}
