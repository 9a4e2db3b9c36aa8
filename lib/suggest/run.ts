/**
 * The suggestion itself (pure, no database, no DOM: runs in a Web Worker):
 * out-of-time split, diagnostics, the points fit on the older leads
 * (lib/fit suggestPoints, scale "current-range"), the seeded bootstrap,
 * thresholds tuned on the older (training) leads and judged on the newer
 * ones, and the comparison with the current
 * model on them.
 */
import { collapseRows } from "../fit/collapse.js";
import type { BinomialRows } from "../fit/design.js";
import { designFromCsr, rowSums, type Design } from "../fit/design.js";
import type { CriterionDiagnostic } from "../fit/diagnostics.js";
import { suggestPoints, type DropReason, type SuggestedPoints } from "../fit/points.js";
import { fitScoreMap } from "../fit/score-map.js";
import { weeksSpanned } from "../fit/score-table.js";
import { auc } from "../metrics/auc.js";
import { delongPaired } from "../metrics/delong-paired.js";
import { withSharedScoreTables } from "../metrics/score-table.js";
import { bootstrapChunk, bootstrapPlan, mergeBootstrap, type BootstrapJob, type ChunkResult, type PointsIntervals } from "./bootstrap.js";
import { compareVersions, tierFigures, versionFigures, type Comparison } from "./compare.js";
import type { SuggestData } from "./data.js";
import { suggestDiagnostics, type AttributeDiagnostic } from "./diagnostics.js";
import { splitLeads, type Split } from "./split.js";
import { chooseThresholds, tradeoffPoints, type ThresholdChoice, type ThresholdOptions, type TradeoffPoint } from "./thresholds.js";
import { scoreTable } from "../fit/score-table.js";

export interface SuggestOptions {
  /** First day of the test period, YYYY-MM-DD (default: the day at 70 % of labelled leads by creation). */
  split?: string;
  /** Share of leads to train on when no date is given (default 0.7). */
  trainShare?: number;
  /** Seed of the bootstrap (and of the random split of undated data) (default 1). */
  seed?: number;
  /** Workshop rule: drop criteria worth fewer than this many points (default 0). */
  minPoints?: number;
  /** Drop criteria whose bootstrap 95 % interval contains 0 (default false). */
  dropIfIntervalSpansZero?: boolean;
  /** Shrink strength toward the current points: penalty λ = shrink on (β − β_current) (default 0: penalty λ = 1/C toward 0). */
  shrink?: number;
  /** Inverse L2 penalty when not shrinking (default 1). */
  C?: number;
  /** Bootstrap refits (default 200). */
  replicates?: number;
  /** Candidate columns to add: none (default), every column not flagged as leakage, or a list of column names. */
  addCandidates?: "none" | "clean" | readonly string[];
  thresholds?: ThresholdOptions;
}

export interface PointsRow {
  column: number;
  key: string;
  label: string;
  source: "model" | "candidate";
  /** Current points as a 0/1 criterion (count slots: points × mean count when fired). */
  current: number;
  /** Suggested integer points (0 when dropped or not included). */
  suggested: number;
  /** factor·β before rounding. */
  continuous: number;
  lo: number;
  hi: number;
  keepRate: number;
  included: boolean;
  kept: boolean;
  dropReason: DropReason | "empty" | "not added" | "rounds to 0" | null;
}

export interface SuggestResult {
  split: Omit<Split, "test"> & { isTest: Uint8Array; train: Period; test: Period; weeks: number | null };
  diagnostics: CriterionDiagnostic[];
  attributes: AttributeDiagnostic[];
  points: PointsRow[];
  /** Offset the suggested Σ points would need to keep the current 5th percentile (the model format has no constant; reported only). */
  base: number;
  factor: number;
  effectivePdo: number;
  bootstrap: Omit<PointsIntervals, "lo" | "hi" | "median" | "keepRate">;
  /** AUC of the unrounded fit and of the integer points, training and test. */
  rounding: { trainUnrounded: number; trainInteger: number; testUnrounded: number; testInteger: number };
  thresholds: ThresholdChoice;
  tradeoff: { suggested: TradeoffPoint[]; current: TradeoffPoint[] };
  comparison: Comparison;
  /** Suggested Σ points of every labelled lead (data order). */
  scores: Int32Array;
  warnings: string[];
}

export interface Period { n: number; won: number; from: string; to: string }

export type Progress = (message: string, fraction: number) => void;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function subset(data: SuggestData, pick: Uint8Array, want: number): { design: Design; rows: number[] } {
  const rows: number[] = [];
  for (let i = 0; i < data.n; i++) if (pick[i] === want) rows.push(i);
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, k) => (offsets[k + 1] = offsets[k] + data.offsets[r + 1] - data.offsets[r]));
  const indices = new Int32Array(offsets[rows.length]);
  rows.forEach((r, k) => indices.set(data.indices.subarray(data.offsets[r], data.offsets[r + 1]), offsets[k]));
  return { design: designFromCsr(offsets, indices, Uint8Array.from(rows, (r) => data.labels[r]), data.columns.length), rows };
}

function period(data: SuggestData, rows: number[]): Period {
  let lo = Infinity;
  let hi = -Infinity;
  let won = 0;
  for (const r of rows) (lo = Math.min(lo, data.createdMs[r])), (hi = Math.max(hi, data.createdMs[r])), (won += data.labels[r]);
  return { n: rows.length, won, from: day(lo), to: day(hi) };
}

/** Attributes: model criteria (all their slots) and candidate columns (all their values). */
export function attributeGroups(data: SuggestData): { name: string; source: "model" | "candidate"; members: number[] }[] {
  const groups = new Map<string, { name: string; source: "model" | "candidate"; members: number[] }>();
  const columnOf = new Map<string, string>();
  for (const c of data.candidateColumns) for (const id of c.criteria) columnOf.set(id, c.column);
  data.columns.forEach((c, j) => {
    const name = c.source === "model" ? c.criterionId : columnOf.get(c.criterionId) ?? c.criterionId;
    const key = `${c.source}:${name}`;
    if (!groups.has(key)) groups.set(key, { name, source: c.source, members: [] });
    groups.get(key)!.members.push(j);
  });
  return [...groups.values()];
}

/**
 * The suggestion's first phase: the out-of-time split, the collapsed
 * training rows, diagnostics, which criteria enter the fit and the penalty.
 * Deterministic: run again on the same data and options (e.g. in another
 * worker) it gives the same rows, so bootstrap chunks can run there (bootstrapJobOf).
 */
export interface SuggestPrep {
  split: ReturnType<typeof splitLeads>;
  train: { design: Design; rows: number[] };
  test: { design: Design; rows: number[] };
  trainPeriod: Period;
  testPeriod: Period;
  rows: BinomialRows;
  diag: ReturnType<typeof suggestDiagnostics>;
  include: Uint8Array;
  reason: PointsRow["dropReason"][];
  current: Float64Array;
  C: number;
  priorMean: Float64Array | undefined;
  base: Parameters<typeof suggestPoints>[1] & { include: Uint8Array; minPoints: number };
  warnings: string[];
}

/** @throws when a period has no won or no lost lead, or a split date leaves a side empty. */
export function prepareSuggest(data: SuggestData, options: SuggestOptions = {}, progress: Progress = () => {}): SuggestPrep {
  const warnings: string[] = [];
  const p = data.columns.length;
  progress("Splitting by creation date…", 0.02);
  const split = splitLeads(data.createdMs, { date: options.split, share: options.trainShare, seed: options.seed });
  if (split.kind === "random") warnings.push("the leads carry no creation dates (all share one date): a seeded random split is used instead of an out-of-time split");
  const train = subset(data, split.test, 0);
  const test = subset(data, split.test, 1);
  const trainPeriod = period(data, train.rows);
  const testPeriod = period(data, test.rows);
  for (const [name, per] of [["training", trainPeriod], ["test", testPeriod]] as const)
    if (per.won === 0 || per.won === per.n) throw new Error(`runSuggest: the ${name} period (${per.from} to ${per.to}) has ${per.won} won of ${per.n} labelled leads; both outcomes are needed. Move the split date.`);
  const rows = collapseRows(train.design);

  progress("Diagnostics…", 0.05);
  const groups = attributeGroups(data);
  const diag = suggestDiagnostics(rows, groups);
  const add = options.addCandidates ?? "none";
  const include = new Uint8Array(p);
  const reason: PointsRow["dropReason"][] = new Array(p).fill(null);
  for (const a of diag.attributes) {
    const on = a.source === "model" || (add === "clean" ? !a.leakage : add !== "none" && (add as readonly string[]).includes(a.name));
    for (const j of a.members) {
      if (!on) reason[j] = "not added";
      else if (diag.columns[j].nWith === 0 || diag.columns[j].nWithout === 0) reason[j] = "empty";
      else include[j] = 1;
    }
  }
  if (add !== "none" && add !== "clean") {
    const known = new Set(data.candidateColumns.map((c) => c.column));
    for (const name of add as readonly string[]) if (!known.has(name)) warnings.push(`candidate column ${JSON.stringify(name)} is not among the candidates (${[...known].join(", ") || "none"}); ignored`);
  }

  const current = Float64Array.from(data.columns, (c, j) => (c.source === "model" ? c.currentPoints * data.meanUnit[j] : 0));
  const shrink = options.shrink ?? 0;
  let expertFactor: number | undefined;
  let priorMean: Float64Array | undefined;
  if (shrink > 0) {
    const m = fitScoreMap(rowSums(rows, current), rows.won, rows.lost);
    if (m.b > 0) {
      expertFactor = 1 / m.b;
      priorMean = current.map((v) => v / (expertFactor as number));
    } else warnings.push("the current points do not rank won above lost leads on the training period: no shrinking toward them");
  }
  const C = shrink > 0 && priorMean ? 1 / shrink : options.C ?? 1;
  const base = { scale: { kind: "current-range" as const, currentPoints: current }, C, include, minPoints: options.minPoints ?? 0, ...(priorMean && { expertPoints: current, expertFactor }) };
  return { split, train, test, trainPeriod, testPeriod, rows, diag, include, reason, current, C, priorMean, base, warnings };
}

/** The bootstrap's options (without the points scale: chunks give coefficients, mergeBootstrap scales them). */
export function bootstrapJobOf(prep: SuggestPrep, options: SuggestOptions): BootstrapJob {
  return { replicates: options.replicates ?? 200, seed: options.seed, minPoints: options.minPoints, C: prep.C, include: prep.include, ...(prep.priorMean && { priorMean: prep.priorMean }) };
}

/** The points fitted on the training rows (before the bootstrap; the final ones unless intervals decide drops). */
export function fitSuggestion(prep: SuggestPrep): SuggestedPoints {
  return suggestPoints(prep.rows, prep.base);
}

/** What the suggested points give: scores, AUC before and after rounding, thresholds, the comparison and trade-offs. */
export interface SuggestEvaluation {
  scores: Int32Array;
  rounding: SuggestResult["rounding"];
  thresholds: ThresholdChoice;
  comparison: Comparison;
  tradeoff: SuggestResult["tradeoff"];
  weeks: number;
  warnings: string[];
}

/**
 * Thresholds tuned on the training leads and both versions judged on the test leads, for the points `sp`.
 * The metrics on the same scores (AUC, the Platt map, DeLong, each version's figures) sort them once
 * (withSharedScoreTables: exact, this runs synchronously on arrays nobody changes).
 */
export function evaluateSuggestion(data: SuggestData, options: SuggestOptions, prep: SuggestPrep, sp: SuggestedPoints): SuggestEvaluation {
  return withSharedScoreTables(() => evaluateOnce(data, options, prep, sp));
}

function evaluateOnce(data: SuggestData, options: SuggestOptions, prep: SuggestPrep, sp: SuggestedPoints): SuggestEvaluation {
  const { split, train, test, testPeriod } = prep;
  const warnings: string[] = [];
  const points = Array.from(sp.points);
  const sums = rowSums({ nRows: data.n, offsets: data.offsets, indices: data.indices }, points);
  const scores = new Int32Array(sums.length);
  for (let i = 0; i < sums.length; i++) scores[i] = Math.round(sums[i]);
  const pick = (rs: ArrayLike<number>, v: ArrayLike<number>) => {
    const out = new Float64Array(rs.length);
    for (let k = 0; k < rs.length; k++) out[k] = v[rs[k]];
    return out;
  };
  const yTrain = train.design.labels;
  const yTest = test.design.labels;
  const sTrain = pick(train.rows, scores);
  const sTest = pick(test.rows, scores);
  const cTrain = pick(train.rows, data.currentScore);
  const cTest = pick(test.rows, data.currentScore);
  const etaTrain = rowSums(train.design, sp.fit.coef);
  const etaTest = rowSums(test.design, sp.fit.coef);
  const rounding = { trainUnrounded: auc(etaTrain, yTrain), trainInteger: auc(sTrain, yTrain), testUnrounded: auc(etaTest, yTest), testInteger: auc(sTest, yTest) };

  const dated = split.kind === "date";
  const weeks = dated ? weeksSpanned(pick(test.rows, data.createdMs)) : 1;
  if (!dated) warnings.push("without creation dates, 'per week' figures are per test period");
  const m = data.model.thresholds;
  // thresholds are tuned on the training leads (the current model's training volumes as defaults) and judged on the test leads
  const trainWeeks = dated ? weeksSpanned(pick(train.rows, data.createdMs)) : 1;
  const currentTier = tierFigures(cTrain, yTrain, m, trainWeeks);
  // The same maximum-likelihood map as one fitted lead by lead, on the won / lost counts per distinct score.
  const trainTable = scoreTable(sTrain, yTrain);
  const mapTrain = fitScoreMap(trainTable.score, trainTable.won, trainTable.lost);
  const thresholds = chooseThresholds(sTrain, yTrain, trainWeeks, mapTrain, { salesReadyPerWeek: currentTier.leadsPerWeek, ignoredShare: currentTier.ignoredShare }, options.thresholds);
  warnings.push(...thresholds.warnings);
  const chosen = { nurture: thresholds.nurture, salesReady: thresholds.salesReady };
  const cur = versionFigures({ scores: cTrain, labels: yTrain }, { scores: cTest, labels: yTest }, m, weeks);
  const sug = versionFigures({ scores: sTrain, labels: yTrain }, { scores: sTest, labels: yTest }, chosen, weeks);
  const comparison = compareVersions(cur, sug, delongPaired(sTest, cTest, yTest), test.rows.length, testPeriod.won, dated ? "newer leads" : "held-out test leads");
  const tradeoff = { suggested: tradeoffPoints(scoreTable(sTest, yTest), weeks), current: tradeoffPoints(scoreTable(cTest, yTest), weeks) };
  return { scores, rounding, thresholds, comparison, tradeoff, weeks, warnings };
}

/** The intervals of a suggestion whose bootstrap has not run yet: NaN everywhere, no replicate. */
export function pendingIntervals(nCols: number): PointsIntervals {
  const nan = () => new Float64Array(nCols).fill(NaN);
  return { replicates: 0, lo: nan(), median: nan(), hi: nan(), keepRate: nan(), notConverged: 0 };
}

/** The final points: the first fit, or refitted with the bootstrap intervals when criteria whose interval spans 0 are dropped. */
export function finalPoints(options: SuggestOptions, prep: SuggestPrep, first: SuggestedPoints, boot: PointsIntervals): SuggestedPoints {
  return options.dropIfIntervalSpansZero ? suggestPoints(prep.rows, { ...prep.base, intervals: { lo: boot.lo, hi: boot.hi } }) : first;
}

/** Puts the phases together into the result (warnings in the order the steps meet them). */
export function assembleSuggestion(data: SuggestData, prep: SuggestPrep, sp: SuggestedPoints, boot: PointsIntervals, ev: SuggestEvaluation): SuggestResult {
  const { split, include, reason, current, diag } = prep;
  // suggestPoints reports "interval" for excluded columns too: keep our own reason for those
  const dropOf = new Map(sp.dropped.map((d) => [d.criterion, d.reason]));
  const warnings = [...prep.warnings, ...sp.warnings.map((w) => w.message), ...ev.warnings];
  const dated = split.kind === "date";
  const pointsRows: PointsRow[] = data.columns.map((c, j) => ({
    column: j,
    key: c.key,
    label: c.label,
    source: c.source,
    current: current[j],
    suggested: sp.points[j],
    continuous: sp.continuousPoints[j],
    lo: boot.lo[j],
    hi: boot.hi[j],
    keepRate: boot.keepRate[j],
    included: include[j] === 1,
    kept: sp.kept[j] === 1 && sp.points[j] !== 0,
    dropReason: reason[j] ?? (sp.kept[j] ? (sp.points[j] === 0 ? "rounds to 0" : null) : dropOf.get(j) ?? null),
  }));
  return {
    split: { kind: split.kind, date: split.date, nTrain: split.nTrain, nTest: split.nTest, isTest: split.test, train: prep.trainPeriod, test: prep.testPeriod, weeks: dated ? ev.weeks : null },
    diagnostics: diag.columns,
    attributes: diag.attributes,
    points: pointsRows,
    base: sp.base,
    factor: sp.factor,
    effectivePdo: sp.effectivePdo,
    bootstrap: { replicates: boot.replicates, notConverged: boot.notConverged },
    rounding: ev.rounding,
    thresholds: ev.thresholds,
    tradeoff: ev.tradeoff,
    comparison: ev.comparison,
    scores: ev.scores,
    warnings,
  };
}

/**
 * Runs the suggestion on `data` (see SuggestOptions for the defaults), every
 * phase in turn. The phases are exported so that they can run apart (the
 * bootstrap's chunks are independent: bootstrapChunk in any order, in any
 * worker, then mergeBootstrap gives the same result). `onFirst`, when given
 * and criteria are not dropped by their intervals, receives the suggestion
 * before the bootstrap runs: the same as the final one but for the intervals
 * (NaN) and the bootstrap's counts (0).
 * @throws when a period has no won or no lost lead, or a split date leaves a side empty.
 */
export function runSuggest(data: SuggestData, options: SuggestOptions = {}, progress: Progress = () => {}, onFirst?: (early: SuggestResult) => void): SuggestResult {
  const prep = prepareSuggest(data, options, progress);
  progress("Fitting points on the training period…", 0.1);
  const first = fitSuggestion(prep);
  // Unless criteria are dropped by their intervals, the points, thresholds and comparison do not depend on
  // the bootstrap: they can be shown while it runs (its intervals NaN, replicates 0 until then).
  const early = options.dropIfIntervalSpansZero ? null : evaluateSuggestion(data, options, prep, first);
  if (early && onFirst) onFirst(assembleSuggestion(data, prep, first, pendingIntervals(prep.rows.nCols), early));
  progress("Bootstrap…", 0.15);
  const job = bootstrapJobOf(prep, options);
  const plan = bootstrapPlan(job);
  const B = job.replicates ?? 200;
  const chunks: ChunkResult[] = [];
  for (const c of plan) {
    chunks.push(bootstrapChunk(prep.rows, job, c));
    progress(`Bootstrap: ${c.at + c.take} of ${B} refits…`, 0.15 + 0.75 * ((c.at + c.take) / B));
  }
  const boot = mergeBootstrap(prep.rows.nCols, { ...job, factor: first.factor }, chunks);
  const sp = finalPoints(options, prep, first, boot);
  progress("Thresholds (training period) and comparison on the test period…", 0.92);
  const ev = early ?? evaluateSuggestion(data, options, prep, sp);
  progress("Done", 1);
  return assembleSuggestion(data, prep, sp, boot, ev);
}
