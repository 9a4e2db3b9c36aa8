/**
 * The Suggestions page's components: running the fit in a Web Worker (with a
 * main-thread fallback), the diagnostics table, the current vs suggested
 * points chart with bootstrap intervals, the trade-off chart, and the
 * test-period comparison. The numbers come from lib/suggest.
 */
import type { SuggestData } from "../lib/suggest/data.js";
import type { DraftOptions } from "../lib/suggest/draft.js";
import type { PointsRow, SuggestOptions, SuggestResult } from "../lib/suggest/run.js";
import type { Model } from "../lib/model/schema.js";
import type { ModelDiff } from "../lib/model/diff.js";
import { pairedDelongCi, pairedDelongP } from "../lib/metrics/delong-text.js";
import { Chart } from "./chart.js";
import type { Channel, Layer } from "./vega-types.js";
import { keptEntry, type KeptContext } from "./kept-results.js";
import { handleSuggest, SUGGEST_WORKER_URL, type SuggestReply, type SuggestRequest } from "./suggest-worker.js";
import { dropPrestarted, prestartWorker, runInWorker, type Where } from "./worker-run.js";
import { el, Flag, fmtInt, fmtNum, fmtPct, Table } from "./ui.js";

export interface SuggestRun { result: SuggestResult; draft: { model: Model; diff: ModelDiff }; where: Where | "kept in this browser" }

/** Starts the suggestion's worker while the page opens and reads its data (keptSuggestion takes it, or ends it when the fit is kept). */
export function prestartSuggestWorker(): void {
  prestartWorker(SUGGEST_WORKER_URL);
}

/** The Suggestions page's settings form (src/suggest.md), without the version. */
export interface SuggestForm {
  split: string;
  minPoints: number;
  dropZero: boolean;
  shrink: number;
  capacity: number;
  target: number;
  candidates: "none" | "clean";
}

/** The form as the page opens: what the Overview prepares (prepare.ts) is the suggestion with these. */
export const SUGGEST_FORM_DEFAULTS: Readonly<SuggestForm> = { split: "", minPoints: 0, dropZero: false, shrink: 0, capacity: 0, target: 0, candidates: "none" };

/** The fit's options for the form's settings (200 bootstrap refits). */
export function suggestOptionsOf(form: SuggestForm): SuggestOptions {
  const thresholds = {
    ...(form.capacity > 0 && { capacityPerWeek: form.capacity }),
    ...(form.target > 0 && { targetWinRate: form.target }),
  };
  return { split: form.split || undefined, minPoints: form.minPoints, dropIfIntervalSpansZero: form.dropZero, shrink: form.shrink, replicates: 200, addCandidates: form.candidates, thresholds };
}

/** The draft's options for a suggestion on `model`: the next version number of its id, by the Suggestions page. */
export function suggestDraftOptions(models: readonly Model[], model: Model): DraftOptions {
  return { maxVersion: Math.max(...models.filter((m) => m.id === model.id).map((m) => m.version)), author: "Suggestions page" };
}

/** What the suggestion was fitted on: labelled leads, yes/no criteria, of which candidates from unused columns. */
export interface SuggestDataSize {
  n: number;
  columns: number;
  candidates: number;
}

/** A step of keptSuggestion: the suggestion before its bootstrap (final false), then with it (final true), with the size of its data. */
export type SuggestStep = SuggestRun & { final: boolean; data: SuggestDataSize };

/** What is kept of a suggestion: the last step reached, with its data size; `final` false when the page was left before the bootstrap ended (absent in results kept before it was recorded: final). */
type KeptSuggestion = SuggestRun & { data: SuggestDataSize; final?: boolean };

/**
 * The suggestion as it arrives: first without its bootstrap intervals (the
 * points, thresholds and comparison do not depend on them unless criteria
 * are dropped by their intervals), then the final one; or only the final
 * one, kept in this browser from an earlier visit on the same scores
 * (kept-results.ts: the data, every model file and this code) with the same
 * version, options and draft options (its data then never read: `read` is
 * called only to fit). The first step is kept as soon as it arrives, the
 * final one replaces it: a page left before its bootstrap ended (a
 * million leads take minutes) shows the points at once on the next visit
 * and fits again in the background for the intervals.
 */
export async function* keptSuggestion(ctx: KeptContext, model: Model, read: () => Promise<SuggestData>, options: SuggestOptions, draftOptions: DraftOptions, progress: (message: string, fraction: number) => void, onCancel?: Promise<unknown>): AsyncGenerator<SuggestStep> {
  const inputs = { model: `${model.id}@${model.version}`, options, draftOptions };
  const entry = await keptEntry<KeptSuggestion>(ctx, SUGGEST_WORKER_URL, "suggestion", inputs);
  const kept = entry.value;
  if (kept && kept.final !== false) {
    dropPrestarted(SUGGEST_WORKER_URL);
    yield { ...kept, where: "kept in this browser", final: true };
    return;
  }
  if (kept) yield { ...kept, where: "kept in this browser", final: false };
  const data = await read();
  const size: SuggestDataSize = { n: data.n, columns: data.columns.length, candidates: data.columns.filter((c) => c.source === "candidate").length };
  let early: SuggestRun | null = null;
  let wake = () => {};
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const final = runSuggestAsync(data, options, draftOptions, progress, onCancel, (r) => ((early = r), wake()));
  // Whichever comes first: the early suggestion, or the final one (or its error).
  await Promise.race([woken, final.then(() => {}, () => {})]);
  // (Already shown from this browser when kept: the same fit on the same data gives the same step.)
  if (early && !kept) {
    // Written before the points are shown (a few milliseconds): the page is marked ready with them, and a page
    // left at once (at a million leads, before its bootstrap ends) would cut the write short.
    await entry.keep({ ...(early as SuggestRun), data: size, final: false });
    yield { ...(early as SuggestRun), final: false, data: size };
  }
  const run = await final;
  void entry.keep({ ...run, data: size, final: true });
  yield { ...run, final: true, data: size };
}

/**
 * Runs runSuggest + buildDraft in a module Web Worker (worker-run.ts); falls
 * back to the main thread (between animation frames is not possible for one
 * synchronous fit, so the page shows the progress line before it starts) when
 * workers fail. `onCancel` terminates the worker (e.g. Framework's
 * invalidation); `onFirst` receives the suggestion before its bootstrap.
 */
export async function runSuggestAsync(data: SuggestData, options: SuggestOptions, draftOptions: DraftOptions, progress: (message: string, fraction: number) => void, onCancel?: Promise<unknown>, onFirst?: (early: SuggestRun) => void): Promise<SuggestRun> {
  const { reply, where } = await runInWorker<SuggestRequest, SuggestReply>({
    url: SUGGEST_WORKER_URL, request: { data, options, draftOptions }, handle: handleSuggest, name: "suggest", onCancel,
    onFallback: () => progress("Fitting on the main thread…", 0.1),
    onMessage: (r, at) => {
      if (r.type === "progress") progress(r.message, r.fraction);
      else if (r.type === "first") onFirst?.({ result: r.result, draft: r.draft, where: at });
    },
  });
  return { result: reply.result, draft: reply.draft, where };
}

const BAND_FLAG: Record<string, "ok" | "warn" | "bad"> = { useless: "warn", weak: "warn", medium: "ok", strong: "ok", suspicious: "bad" };

/** Diagnostics per attribute (criterion or candidate column), strongest first, leakage flagged. */
export function DiagnosticsTable(result: SuggestResult) {
  const added = (members: number[]) => members.some((j) => result.points[j].included);
  const rows = [...result.attributes].sort((a, b) => b.iv - a.iv);
  return Table(
    [
      { key: "name", label: "Criterion / column", wrap: true }, { key: "source", label: "Source" }, { key: "cells", label: "Values / bands", align: "right" },
      { key: "iv", label: "IV", align: "right" }, { key: "band", label: "IV band" }, { key: "auc", label: "AUC alone", align: "right" },
      { key: "rate", label: "Win rate with (best value)", align: "right", wrap: true }, { key: "flag", label: "", wrap: true },
    ],
    rows.map((a) => {
      const best = a.members.map((j) => result.diagnostics[j]).filter((d) => d.nWith >= 30).sort((x, y) => y.winRateWith - x.winRateWith)[0];
      return {
        name: a.name,
        source: a.source === "model" ? "model" : added(a.members) ? "candidate, added" : "candidate",
        cells: a.members.length,
        iv: fmtNum(a.iv),
        band: Flag(a.band, BAND_FLAG[a.band]),
        auc: fmtNum(a.auc),
        rate: best ? el("span", {}, `${fmtPct(best.winRateWith)} of ${fmtInt(best.nWith)} (lift ${fmtNum(best.lift, 1)})`,
          // A high lift beside a low IV is no contradiction: the value is rare, so it moves few leads. Say so.
          (a.band === "useless" || a.band === "weak") && best.lift >= 1.5 ? el("span", {}, " ", Flag(`rare: ${fmtPct(best.nWith / Math.max(1, result.split.train.n))} of leads`)) : "") : "–",
        flag: a.leakage ? Flag("leakage? IV > 0.5 or AUC > 0.9", "bad") : "",
      };
    }),
  );
}

/** Dot/interval chart: current points (grey), suggested integer points (blue) with the bootstrap 95 % interval, per criterion. */
export function PointsChart(rows: PointsRow[], { width = 640 } = {}) {
  const shown = rows.filter((r) => r.included || r.source === "model");
  const values = shown.flatMap((r) => [
    { key: r.key, label: r.label, kind: "current", points: r.current, lo: null, hi: null },
    { key: r.key, label: r.label, kind: r.kept ? "suggested" : "suggested (dropped)", points: r.kept ? r.suggested : 0, lo: r.included && Number.isFinite(r.lo) ? r.lo : null, hi: r.included && Number.isFinite(r.hi) ? r.hi : null, keep: Number.isFinite(r.keepRate) ? r.keepRate : null },
  ]);
  // the y axis shows the labels; keys keep criteria with equal labels apart
  const labelOf = new Map(shown.map((r) => [r.key, r.label]));
  const y: Channel<"y"> = { field: "key", type: "nominal", sort: shown.map((r) => r.key), title: null, axis: { labelLimit: 300, labelExpr: `${JSON.stringify(Object.fromEntries(labelOf))}[datum.value] || datum.value` } };
  return Chart(
    {
      data: { values },
      layer: [
        // No interval layer before the bootstrap has given any (an empty layer makes vega warn of an infinite extent).
        ...(values.some((v) => v.lo !== null) ? [{ transform: [{ filter: "datum.lo !== null" }], mark: { type: "rule" as const, color: "#4c78a8", strokeWidth: 2, opacity: 0.45 }, encoding: { y, x: { field: "lo", type: "quantitative" as const }, x2: { field: "hi" } } }] : []),
        {
          mark: { type: "point", filled: true, size: 60, tooltip: true },
          encoding: {
            y,
            x: { field: "points", type: "quantitative", title: values.some((v) => v.lo !== null) ? "Points (current: grey; suggested: blue, line = bootstrap 95 % interval)" : "Points (current: grey; suggested: blue; bootstrap intervals being computed)" },
            color: { field: "kind", type: "nominal", scale: { domain: ["current", "suggested", "suggested (dropped)"], range: ["#8a8f98", "#1f5fa8", "#e0a030"] }, title: null },
            shape: { field: "kind", type: "nominal", scale: { domain: ["current", "suggested", "suggested (dropped)"], range: ["circle", "diamond", "cross"] }, title: null },
            tooltip: [{ field: "label", title: "Criterion" }, { field: "kind" }, { field: "points", title: "Points" }, { field: "lo", title: "2.5 %", format: ".1f" }, { field: "hi", title: "97.5 %", format: ".1f" }, { field: "keep", title: "Kept in refits", format: ".0%" }],
          },
        },
        { mark: { type: "rule", color: "#333", strokeDash: [2, 2] }, data: { values: [{ x: 0 }] }, encoding: { x: { field: "x", type: "quantitative" } } },
      ],
    },
    { width, height: Math.max(160, 18 * shown.length), title: "Current vs suggested points per criterion" },
  );
}

/** Leads handed over per week vs share of wins captured, current and suggested, the chosen cuts marked. */
export function TradeoffChart(result: SuggestResult, current: Model, { width = 640 } = {}) {
  const line = (name: string, pts: SuggestResult["tradeoff"]["suggested"]) => pts.map((p) => ({ version: name, cut: p.cut, x: p.leadsPerWeek, y: p.winShare, precision: p.precision }));
  const values = [...line(`current v${current.version}`, result.tradeoff.current), ...line("suggested", result.tradeoff.suggested)];
  const c = result.comparison;
  const marks = [
    { version: `current v${current.version}`, x: c.current.tier.leadsPerWeek, y: c.current.tier.winShare, dy: 14, label: `current: sales-ready ≥ ${current.thresholds.salesReady} (${(100 * c.current.tier.winShare).toFixed(0)} % of wins)` },
    { version: "suggested", x: c.suggested.tier.leadsPerWeek, y: c.suggested.tier.winShare, dy: -14, label: `suggested: sales-ready ≥ ${result.thresholds.salesReady} (${(100 * c.suggested.tier.winShare).toFixed(0)} % of wins)` },
  ];
  const perWeek = result.split.weeks === null ? "Leads handed over in the test period" : "Leads handed over per week (test period)";
  const color: Channel<"color"> = { field: "version", type: "nominal", scale: { domain: marks.map((m) => m.version), range: ["#8a8f98", "#1f5fa8"] }, title: null };
  return Chart(
    {
      layer: [
        { data: { values }, mark: { type: "line", interpolate: "step-after", tooltip: true }, encoding: { x: { field: "x", type: "quantitative", title: perWeek }, y: { field: "y", type: "quantitative", title: "Share of the wins captured", axis: { format: "%" }, scale: { domain: [0, 1] } }, color, tooltip: [{ field: "version" }, { field: "cut", title: "score ≥" }, { field: "x", title: "leads", format: ".1f" }, { field: "y", title: "share of wins", format: ".1%" }, { field: "precision", title: "win rate", format: ".1%" }] } },
        { data: { values: marks }, mark: { type: "point", filled: true, size: 90 }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, color } },
        ...marks.map((m): Layer => ({ data: { values: [m] }, mark: { type: "text", align: "left", dx: 10, dy: m.dy, fontSize: 11 }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, text: { field: "label" } } })),
      ],
    },
    { width, height: 280, title: "Trade-off: sales workload vs wins captured" },
  );
}

/** The test-period comparison table and the verdict. */
export function ComparisonView(result: SuggestResult, current: Model) {
  const c = result.comparison;
  const perWeek = result.split.weeks === null ? "in the test period" : "per week";
  const row = (what: string, a: string, b: string, note = "") => ({ what, a, b, note });
  const slope = (x: number | null) => (x === null ? "–" : fmtNum(x, 2));
  const d = c.delong;
  const table = Table(
    [{ key: "what", label: `Test period: ${fmtInt(c.nTest)} leads, ${fmtInt(c.nTestWon)} won` }, { key: "a", label: `Current v${current.version}`, align: "right" }, { key: "b", label: "Suggested", align: "right" }, { key: "note", label: "" }],
    [
      row("AUC", fmtNum(c.current.auc), fmtNum(c.suggested.auc), `ΔAUC ${fmtNum(d.diff)} (${pairedDelongCi(d)}), paired DeLong ${pairedDelongP(d.p)}`),
      row("Brier score (map fitted on training)", fmtNum(c.current.brier, 4), fmtNum(c.suggested.brier, 4), "lower is better"),
      row("Calibration slope (out of time)", slope(c.current.slope), slope(c.suggested.slope), "ideal 1; 0.9–1.1 is well calibrated"),
      row("Thresholds (nurture / sales-ready)", `${current.thresholds.nurture} / ${current.thresholds.salesReady}`, `${result.thresholds.nurture} / ${result.thresholds.salesReady}`),
      row(`Sales-ready leads ${perWeek}`, fmtNum(c.current.tier.leadsPerWeek, 1), fmtNum(c.suggested.tier.leadsPerWeek, 1)),
      row("Win rate of sales-ready leads", fmtPct(c.current.tier.winRate), fmtPct(c.suggested.tier.winRate)),
      row("Share of wins captured by sales-ready", fmtPct(c.current.tier.winShare), fmtPct(c.suggested.tier.winShare)),
      row("Share of leads ignored", fmtPct(c.current.tier.ignoredShare), fmtPct(c.suggested.tier.ignoredShare)),
    ],
  );
  const style = c.better ? "border-left:4px solid #1b7f4b;background:#e3f4ea" : "border-left:4px solid #c0392b;background:#fde2e1";
  const verdict = el("div", { class: "card", style: `${style};padding:0.6rem 0.9rem`, "data-verdict": c.better ? "better" : "not-better" }, el("strong", {}, c.better ? "Verdict: better. " : "Verdict: NOT better. "), c.verdict.replace(/^(Better|NOT better): /, ""));
  return el("div", {}, verdict, table);
}

/** The thresholds every rule gives, the chosen ones first. */
export function ThresholdRules(result: SuggestResult) {
  const t = result.thresholds;
  return Table(
    [{ key: "cut", label: "Cut" }, { key: "rule", label: "Rule" }, { key: "score", label: "Score ≥", align: "right" }, { key: "note", label: "On the training period (where the cut is tuned)" }],
    [
      ...t.salesReadyByRule.map((r) => ({ cut: "sales-ready", rule: r.rule === t.salesReadyRule ? el("strong", {}, `${r.rule} (chosen)`) : r.rule, score: r.cut ?? "–", note: r.note })),
      ...t.nurtureByRule.map((r) => ({ cut: "nurture", rule: r.rule === t.nurtureRule ? el("strong", {}, `${r.rule} (chosen)`) : r.rule, score: r.cut ?? "–", note: r.note })),
    ],
  );
}
