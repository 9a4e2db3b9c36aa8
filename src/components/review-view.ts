/**
 * The periodic review's views: the review-due banner, cohort charts (AUC
 * with DeLong intervals, win rate per tier, share of wins through
 * sales-ready, handover per week), PSI drift with its bands, per-criterion
 * drift, best customers, lost high-scorers, and the decision log with a form
 * that drafts a new decision file. Every figure comes from lib/monitoring; these
 * functions only draw.
 */
import { periodRange } from "../lib/monitoring/periods.js";
import type { CohortRow, CriterionDrift, LostHighScorers, ReviewDue, ScoreDrift, BestCustomers } from "../lib/monitoring/index.js";
import { describeDecision, draftReview, reviewFileName, type OtherReview, type ReviewEntry } from "../lib/decisions/index.js";
import type { PointsGap } from "../lib/workbench/review-input.js";
import { Chart } from "./chart.js";
import type { Layer } from "./vega-types.js";
import { parseReviewFiles, sortNewestFirst } from "../lib/decisions/index.js";
import { downloadText, ErrorBox, Flag, Table, el, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { TIER_COLOR, TIERS, tierLabel } from "../lib/model/tiers.js";

/** The active workspace's decision files (Workbench.reviews), parsed, newest first. */
export async function loadReviews(files: readonly { file: string; text: string }[]): Promise<ReviewEntry[]> {
  return sortNewestFirst(parseReviewFiles(files));
}

const VERSION_SCHEME = "tableau10";
const TIER_COLORS = { domain: [...TIERS], range: TIERS.map((t) => TIER_COLOR[t]) };
/** PSI bands of METHODS.md §8. */
export const PSI_BANDS = [
  { lo: 0, hi: 0.1, band: "< 0.10 no significant change", color: "#e3f4ea" },
  { lo: 0.1, hi: 0.25, band: "0.10–0.25 investigate", color: "#fff3cd" },
  { lo: 0.25, hi: 1, band: "≥ 0.25 significant change", color: "#fde2e1" },
];

/** The banner at the top of the review: due or not, why, and when next. */
export function ReviewDueBanner(due: ReviewDue, ctx: { asOf: string; version: string; effectiveFrom: string; lastReview: string | null; stableMonths: number; laterReviews?: number }) {
  const logged = ctx.lastReview
    ? ctx.lastReview < ctx.effectiveFrom ? `the last review logged (${ctx.lastReview}) predates this version` : `last review logged on ${ctx.lastReview}`
    : `no review logged between ${ctx.effectiveFrom} and ${ctx.asOf}`;
  const later = ctx.laterReviews ? ` The decision log below also holds ${ctx.laterReviews} review(s) dated after ${ctx.asOf}: they are not counted, since the data stop on that day.` : "";
  const facts = `Judged on the dataset's end date ${ctx.asOf} (not today's date). ${ctx.version} took effect on ${ctx.effectiveFrom}; ` +
    `${logged}; cadence once proven: every ${ctx.stableMonths} months.${later}`;
  const style = due.due ? "border-left:6px solid #c0392b;background:#fdf1f0" : "border-left:6px solid #1b7f4b;background:#eef8f2";
  return el("div", { class: `review-banner ${due.due ? "due" : "ok"}`, role: "status", style: `${style};padding:0.6rem 1rem;margin:1rem 0;max-width:900px` },
    el("strong", { style: "font-size:1.15rem" }, due.due ? `Review due (since ${due.nextDate})` : `No review due: next one on ${due.scheduledDate}`),
    due.reasons.length ? el("ul", {}, ...due.reasons.map((r) => el("li", {}, r))) : null,
    el("div", { class: "muted" }, facts));
}

export interface CohortSeries {
  version: string;
  rows: CohortRow[];
}

/** AUC per period with DeLong 95 % intervals (error bars), one colour per version; rough periods hollow. */
export function CohortAucChart(series: CohortSeries[], { width = 640, height = 260, reference = null as [string, string] | null } = {}) {
  const values = series.flatMap((s) => s.rows.filter((r) => r.auc !== null).map((r) => ({
    version: s.version, period: r.period, auc: r.auc, lo: r.aucCi95?.[0] ?? r.auc, hi: r.aucCi95?.[1] ?? r.auc, small: r.small, n: r.won + r.lost, won: r.won,
  })));
  const periods = [...new Set(series.flatMap((s) => s.rows.map((r) => r.period)))].sort();
  const lows = values.map((v) => v.lo as number);
  const lo = Math.max(0, Math.floor((Math.min(...lows, 0.6) - 0.02) * 20) / 20);
  return Chart({
    layer: [
      ...(reference ? [referenceLayer(periods, reference)] : []),
      {
        data: { values },
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          x: { field: "period", type: "ordinal", sort: periods, title: "Leads created in", scale: { domain: periods } },
          xOffset: { field: "version" },
          y: { field: "lo", type: "quantitative", scale: { domain: [lo, 1] }, title: "AUC (95 % CI)" },
          y2: { field: "hi" },
          color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" },
        },
      },
      {
        data: { values },
        mark: { type: "point", size: 50, filled: true, tooltip: true },
        encoding: {
          x: { field: "period", type: "ordinal", sort: periods },
          xOffset: { field: "version" },
          y: { field: "auc", type: "quantitative" },
          color: { field: "version", type: "nominal" },
          fillOpacity: { condition: { test: "datum.small", value: 0 }, value: 1 },
          tooltip: [{ field: "version" }, { field: "period" }, { field: "auc", title: "AUC", format: ".3f" }, { field: "lo", title: "CI low", format: ".3f" }, { field: "hi", title: "CI high", format: ".3f" }, { field: "n", title: "Labelled leads", format: "," }, { field: "won", title: "Won", format: "," }],
        },
      },
    ],
  }, { width, height, title: "AUC per cohort" });
}

/** Shaded reference window behind a period axis. */
function referenceLayer(periods: string[], [from, to]: [string, string]): Layer {
  const start = periodRange(from).start;
  const end = periodRange(to).end;
  const inRef = periods.filter((p) => periodRange(p).start < end && periodRange(p).end > start);
  return {
    data: { values: inRef.map((p) => ({ period: p })) },
    mark: { type: "rect", color: "#eef2f7" },
    encoding: { x: { field: "period", type: "ordinal", sort: periods } },
  };
}

/** Win rate per tier per period with Wilson intervals; one panel per version. */
export function TierWinRateChart(series: CohortSeries[], { width = 640, height = 200 } = {}) {
  const values = series.flatMap((s) => s.rows.flatMap((r) => r.tiers.filter((t) => t.winRate !== null).map((t) => ({
    version: s.version, period: r.period, tier: t.tier, rate: t.winRate, lo: t.ci?.[0] ?? t.winRate, hi: t.ci?.[1] ?? t.winRate, leads: t.leads, small: t.small,
  }))));
  const periods = [...new Set(values.map((v) => v.period))].sort();
  return Chart({
    data: { values },
    facet: { row: { field: "version", type: "nominal", title: null } },
    spec: {
      width, height,
      layer: [
        { mark: { type: "rule", opacity: 0.6 }, encoding: { x: { field: "period", type: "ordinal", sort: periods, title: "Leads created in" }, xOffset: { field: "tier", sort: TIER_COLORS.domain }, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color: { field: "tier", type: "nominal", scale: TIER_COLORS, sort: TIER_COLORS.domain, title: "Tier" } } },
        {
          mark: { type: "point", filled: true, size: 40, tooltip: true },
          encoding: {
            x: { field: "period", type: "ordinal", sort: periods }, xOffset: { field: "tier", sort: TIER_COLORS.domain },
            y: { field: "rate", type: "quantitative", title: "Win rate", axis: { format: "%" } },
            color: { field: "tier", type: "nominal", scale: TIER_COLORS, sort: TIER_COLORS.domain },
            tooltip: [{ field: "version" }, { field: "period" }, { field: "tier" }, { field: "rate", title: "Win rate", format: ".1%" }, { field: "lo", format: ".1%", title: "CI low" }, { field: "hi", format: ".1%", title: "CI high" }, { field: "leads", title: "Labelled leads", format: "," }],
          },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  }, { width, height, title: "Win rate per tier per cohort" });
}

/** One cohort figure over time per version: a line with points. */
export function CohortLineChart(series: CohortSeries[], field: "salesReadyShareOfWins" | "handedOverPerWeek", { width = 320, height = 220 } = {}) {
  const values = series.flatMap((s) => s.rows.filter((r) => r[field] !== null).map((r) => ({ version: s.version, period: r.period, value: r[field], weeks: r.weeks })));
  const pct = field === "salesReadyShareOfWins";
  const periods = [...new Set(values.map((v) => v.period))].sort();
  return Chart({
    data: { values },
    mark: { type: "line", point: true, tooltip: true },
    encoding: {
      x: { field: "period", type: "ordinal", sort: periods, title: "Leads created in" },
      y: { field: "value", type: "quantitative", title: pct ? "Wins via sales-ready" : "Sales-ready per week", ...(pct ? { axis: { format: "%" }, scale: { domain: [0, 1] } } : {}) },
      color: { field: "version", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: "Version" },
      tooltip: [{ field: "version" }, { field: "period" }, { field: "value", title: pct ? "Share of wins" : "Per week", format: pct ? ".1%" : ".1f" }],
    },
  }, { width, height, title: pct ? "Share of wins through sales-ready" : "Leads handed over per week" });
}

/** PSI per period with the three bands drawn behind; reference periods hollow. */
export function PsiChart(rows: { series: string; period: string; psi: number; inReference: boolean }[], { width = 640, height = 240, title = "Score drift (PSI vs the reference)" } = {}) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const top = Math.max(0.3, ...rows.map((r) => r.psi)) * 1.05;
  return Chart({
    layer: [
      { data: { values: PSI_BANDS.map((b, i) => ({ ...b, hi: i === PSI_BANDS.length - 1 ? top : Math.min(b.hi, top) })) }, mark: { type: "rect", opacity: 0.9 }, encoding: { y: { field: "lo", type: "quantitative", scale: { domain: [0, top] } }, y2: { field: "hi" }, color: { field: "color", type: "nominal", scale: null } } },
      { data: { values: [{ y: 0.1 }, { y: 0.25 }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#666" }, encoding: { y: { field: "y", type: "quantitative" } } },
      // "investigate" sits under its line, "significant" over its own: they never meet, however tall the axis.
      { data: { values: [{ y: 0.1, t: "0.10 investigate" }] }, mark: { type: "text", align: "left", baseline: "top", dy: 2, fontSize: 10, color: "#555" }, encoding: { y: { field: "y", type: "quantitative" }, x: { value: 4 }, text: { field: "t" } } },
      { data: { values: [{ y: 0.25, t: "0.25 significant" }] }, mark: { type: "text", align: "left", baseline: "bottom", dy: -2, fontSize: 10, color: "#555" }, encoding: { y: { field: "y", type: "quantitative" }, x: { value: 4 }, text: { field: "t" } } },
      {
        data: { values: rows },
        mark: { type: "line", point: { filled: true, size: 40 }, tooltip: true },
        encoding: {
          x: { field: "period", type: "ordinal", sort: periods, title: "Leads created in" },
          y: { field: "psi", type: "quantitative", title: "PSI", scale: { domain: [0, top] } },
          color: { field: "series", type: "nominal", scale: { scheme: VERSION_SCHEME }, title: null },
          tooltip: [{ field: "series" }, { field: "period" }, { field: "psi", title: "PSI", format: ".3f" }, { field: "inReference", title: "In the reference window" }],
        },
      },
    ],
  }, { width, height, title });
}

/** Rows of score PSI per version for PsiChart. */
export function scorePsiRows(version: string, drift: ScoreDrift) {
  return drift.periods.filter((p) => p.psi !== null).map((p) => ({ series: version, period: p.period, psi: p.psi as number, inReference: p.inReference }));
}

/** Criterion × period heatmap of the 2-bin PSI; ▲/▼ marks a significant rise/fall of the lift. */
export function CriterionDriftHeatmap(drift: CriterionDrift[], { width = 640, title = "Per-criterion drift", rowHeight: asked = 22 } = {}) {
  // A row under 16 px makes neighbouring labels print over each other.
  const rowHeight = Math.max(16, asked);
  const values = drift.flatMap((c) => c.periods.map((p) => ({
    criterion: c.label, period: p.period, psi: p.psi ?? 0, fireRate: p.fireRate, winRate: p.winRateFired, lift: p.lift, liftChange: p.liftChange,
    mark: p.liftFlagged ? ((p.liftChange ?? 0) > 0 ? "▲" : "▼") : p.psiFlagged ? "●" : "", inReference: p.inReference,
  })));
  const periods = [...new Set(values.map((v) => v.period))].sort();
  const labels = drift.map((c) => c.label);
  return Chart({
    data: { values },
    encoding: {
      x: { field: "period", type: "ordinal", sort: periods, title: "Leads created in" },
      y: { field: "criterion", type: "nominal", sort: labels, title: null, axis: { labelLimit: 260, grid: false } },
    },
    layer: [
      {
        mark: { type: "rect", tooltip: true },
        encoding: {
          color: { field: "psi", type: "quantitative", title: "PSI (fired / not)", scale: { type: "threshold", domain: [0.1, 0.25], range: ["#f4f6f8", "#f3c969", "#e06b5b"] }, legend: { labelExpr: "datum.label" } },
          tooltip: [{ field: "criterion" }, { field: "period" }, { field: "psi", title: "PSI", format: ".3f" }, { field: "fireRate", title: "Fire rate", format: ".1%" }, { field: "winRate", title: "Win rate when fired", format: ".1%" }, { field: "lift", title: "Lift", format: ".2f" }, { field: "liftChange", title: "Lift change vs reference", format: "+.2f" }],
        },
      },
      { mark: { type: "text", fontSize: 11 }, encoding: { text: { field: "mark" }, color: { value: "#222" } } },
    ],
  }, { width, height: rowHeight * labels.length + 170, title });
}

/** Table of the drifting criteria: reference vs latest fire rate and win rate when fired, flagged periods. */
export function CriterionDriftTable(drift: CriterionDrift[]) {
  const rows = [...drift].sort((a, b) => b.flaggedPeriods.length - a.flaggedPeriods.length || maxPsi(b) - maxPsi(a));
  return Table([
    { key: "criterion", label: "Criterion" },
    { key: "fire", label: "Fire rate ref. → newest", align: "right" },
    { key: "win", label: "Win rate if fired ref. → later", align: "right" },
    { key: "psi", label: "Max PSI", align: "right" },
    { key: "flags", label: "Flagged periods" },
  ], rows.map((c) => {
    const later = c.periods.filter((p) => !p.inReference);
    const last = later.filter((p) => p.n > 0).at(-2) ?? later.at(-1);
    const pooled = pool(later);
    return {
      criterion: c.label,
      fire: `${fmtPct(c.reference.fireRate ?? NaN)} → ${fmtPct(last?.fireRate ?? NaN)}`,
      win: `${fmtPct(c.reference.winRateFired ?? NaN)} → ${fmtPct(pooled)}`,
      psi: el("span", {}, fmtNum(maxPsi(c)), " ", maxPsi(c) >= 0.1 ? Flag(maxPsi(c) >= 0.25 ? "significant" : "investigate", maxPsi(c) >= 0.25 ? "bad" : "warn") : ""),
      flags: c.flaggedPeriods.length ? el("span", { style: "white-space:normal" }, ...c.flaggedPeriods.map((p) => Flag(p, "bad")).flatMap((f) => [f, " "])) : "–",
    };
  }));
}

function maxPsi(c: CriterionDrift) {
  return Math.max(0, ...c.periods.filter((p) => !p.inReference && p.psi !== null).map((p) => p.psi as number));
}
function pool(periods: CriterionDrift["periods"]) {
  const won = periods.reduce((t, p) => t + p.wonFired, 0);
  const n = periods.reduce((t, p) => t + p.labelledFired, 0);
  return n > 0 ? won / n : NaN;
}

/** Won deals: amount against the lead's score percentile, tier colours. */
export function BestCustomersChart(points: { percentile: number; amount: number; tier: string }[], { width = 640, height = 260, currency = "" } = {}) {
  return Chart({
    data: { values: points },
    mark: { type: "circle", size: 14, opacity: 0.55, tooltip: true },
    encoding: {
      x: { field: "percentile", type: "quantitative", title: "Score percentile among labelled leads (0 = lowest)", scale: { domain: [0, 100] } },
      y: { field: "amount", type: "quantitative", title: currency ? `Won amount (${currency})` : "Won amount", scale: { type: "log" }, axis: { format: "~s" } },
      color: { field: "tier", type: "nominal", scale: TIER_COLORS, sort: TIER_COLORS.domain, title: "Tier" },
      tooltip: [{ field: "amount", format: ",.0f" }, { field: "percentile", format: ".1f" }, { field: "tier" }],
    },
  }, { width, height, title: "Won deals by amount and score percentile" });
}

/** Revenue share per score decile (bars) — where the money sits on the score scale. */
export function RevenueDecileChart(b: BestCustomers, { width = 320, height = 220 } = {}) {
  const values = b.deciles.map((d) => ({ band: `${d.lo}–${d.hi}`, share: d.revenueShare ?? 0, won: d.won, revenue: d.revenue }));
  return Chart({
    layer: [
      { data: { values: [{ y: 0.1 }] }, mark: { type: "rule", strokeDash: [4, 3], color: "#666" }, encoding: { y: { field: "y", type: "quantitative" } } },
      {
        data: { values },
        mark: { type: "bar", color: "#1b7f4b", tooltip: true },
        encoding: {
          x: { field: "band", type: "ordinal", sort: null, title: "Score percentile band" },
          y: { field: "share", type: "quantitative", title: "Revenue share", axis: { format: "%" } },
          tooltip: [{ field: "band" }, { field: "share", format: ".1%", title: "Revenue share" }, { field: "won", title: "Won deals" }, { field: "revenue", format: ",.0f" }],
        },
      },
    ],
  }, { width, height, title: "Revenue share per score decile" });
}

/** Revenue and won leads per tier. */
export function RevenueTierTable(b: BestCustomers, currency?: string) {
  return Table([
    { key: "tier", label: "Tier" }, { key: "won", label: "Won leads", align: "right" }, { key: "count", label: "Share of won leads", align: "right" },
    { key: "revenue", label: currency ? `Revenue (${currency})` : "Revenue", align: "right" }, { key: "share", label: "Share of revenue", align: "right" },
  ], [...b.tiers].reverse().map((t) => ({
    tier: tierLabel(t.tier), won: fmtInt(t.won), count: fmtPct(t.countShare ?? NaN), revenue: fmtInt(t.revenue), share: fmtPct(t.revenueShare ?? NaN),
  })));
}

/**
 * Over-representation of each criterion among lost sales-ready leads: fire
 * rates among lost sales-ready, won sales-ready and all won leads, sorted by
 * the z of lost vs won sales-ready (the fair comparison: both groups passed
 * the threshold).
 */
export function OverRepresentationChart(r: LostHighScorers, { width = 640, top = 12 } = {}) {
  const rows = sortByFairZ(r).slice(0, top);
  const labels = rows.map((c) => c.label);
  const values = rows.flatMap((c) => [
    { criterion: c.label, group: "lost, sales-ready", rate: c.rateLostHigh, z: c.vsWonSalesReady.z },
    { criterion: c.label, group: "won, sales-ready", rate: c.rateWonSalesReady, z: c.vsWonSalesReady.z },
    { criterion: c.label, group: "won, all", rate: c.rateWon, z: c.z },
  ]).filter((v) => v.rate !== null);
  return Chart({
    data: { values },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "criterion", type: "nominal", sort: labels, title: null, axis: { labelLimit: 260 } },
      yOffset: { field: "group", sort: ["lost, sales-ready", "won, sales-ready", "won, all"] },
      x: { field: "rate", type: "quantitative", title: "Share of the group's leads on which the criterion fired", axis: { format: "%" } },
      color: { field: "group", type: "nominal", sort: ["lost, sales-ready", "won, sales-ready", "won, all"], scale: { range: ["#c0392b", "#1b7f4b", "#9cc9ae"] }, title: "Leads" },
      tooltip: [{ field: "criterion" }, { field: "group" }, { field: "rate", format: ".1%", title: "Fire rate" }, { field: "z", format: ".1f", title: "z (lost vs won)" }],
    },
  }, { width, height: 36 * rows.length + 80, title: "Criteria among lost high-scorers vs won leads" });
}

export function sortByFairZ(r: LostHighScorers) {
  return [...r.criteria].sort((a, b) => (b.vsWonSalesReady.z ?? -Infinity) - (a.vsWonSalesReady.z ?? -Infinity));
}

/** Table of the criteria, with fire rates, mean points and the z-tests. */
export function OverRepresentationTable(r: LostHighScorers, gaps: PointsGap[], top = 8) {
  const gapOf = new Map(gaps.map((g) => [g.id, g]));
  return Table([
    { key: "criterion", label: "Criterion" },
    { key: "lost", label: "Lost SR", align: "right" }, { key: "wonsr", label: "Won SR", align: "right" }, { key: "won", label: "All won", align: "right" },
    { key: "ratio", label: "Ratio", align: "right" }, { key: "z", label: "z (p)", align: "right" },
    { key: "pts", label: "Mean pts lost / won SR", align: "right" },
  ], sortByFairZ(r).slice(0, top).map((c) => {
    const g = gapOf.get(c.id);
    const z = c.vsWonSalesReady.z;
    return {
      criterion: el("span", {}, c.label, " ", z !== null && z >= 1.96 ? Flag("misleading", "bad") : ""),
      lost: fmtPct(c.rateLostHigh ?? NaN), wonsr: fmtPct(c.rateWonSalesReady ?? NaN), won: fmtPct(c.rateWon ?? NaN),
      ratio: c.vsWonSalesReady.ratio === null ? "–" : `${fmtNum(c.vsWonSalesReady.ratio, 2)}×`,
      z: z === null ? "–" : `${fmtNum(z, 1)} (${(c.vsWonSalesReady.p ?? 1) < 0.0001 ? "< 0.0001" : fmtNum(c.vsWonSalesReady.p ?? NaN, 4)})`,
      pts: g ? `${fmtNum(g.lostSalesReady ?? NaN, 1)} / ${fmtNum(g.wonSalesReady ?? NaN, 1)}` : "–",
    };
  }));
}

/** The files of another dataset or of other model versions: named with the reason, never shown as this dataset's decisions. */
function OtherReviews(others: readonly OtherReview[]) {
  if (!others.length) return null;
  return el("details", { class: "muted", "data-other-reviews": "" },
    el("summary", {}, `${others.length} decision file${others.length === 1 ? " is" : "s are"} not shown: not for this dataset`),
    el("ul", {}, ...others.map((o) => el("li", {}, `${o.file}: ${o.reason}.`))));
}

/** The decision log of this dataset, newest first; an invalid file shows its error in place; files of other datasets are named apart. */
export function DecisionLog(entries: readonly ReviewEntry[], others: readonly OtherReview[] = []) {
  if (!entries.length) return el("div", {}, el("p", { class: "muted" }, "No decision logged yet for this dataset."), OtherReviews(others));
  return el("div", { class: "decision-log" }, OtherReviews(others), ...entries.map((e) => {
    if (!e.ok) return el("div", { class: "card decision", style: "max-width:900px" }, el("div", { style: "font-weight:600;font-size:1.05rem" }, e.file), ErrorBox(e.error, "Invalid decision file"));
    const r = e.review;
    const figures = Object.entries(r.figures);
    return el("div", { class: "card decision", style: "max-width:900px" },
      el("div", { style: "font-weight:600;font-size:1.05rem" }, `${r.date}: ${describeDecision(r.decision)}`),
      el("div", { class: "muted" }, `${e.file} · attendees: ${r.attendees.join(", ")} · versions reviewed: ${r.versionsReviewed.join(", ")} · next review: ${r.nextReview}`),
      figures.length ? el("div", { class: "figures" }, ...figures.map(([k, v]) => el("span", { class: "figure", style: "display:inline-block;margin:0.3rem 1.2rem 0 0" }, el("span", { class: "muted" }, `${k}: `), el("strong", {}, v === null ? "–" : String(v))))) : null,
      r.notes ? el("p", {}, r.notes) : null);
  }));
}

export interface DecisionFormOptions {
  /** The dataset's name, recorded in the file so the decision shows only with this dataset. */
  dataset?: string;
  asOf: string;
  versions: string[];
  current: string;
  draft: string | null;
  thresholds: { nurture: number; salesReady: number };
  /** The figures on the page now, recorded in the file. */
  figures: Record<string, number | string | null>;
  stableMonths: number;
}

/** A small form that drafts a decision file and offers it as a download (nothing is sent anywhere). */
export function DecisionForm(o: DecisionFormOptions) {
  const input = (attrs: Record<string, string>) => el("input", attrs) as HTMLInputElement;
  // Dates are typed as ISO YYYY-MM-DD, as shown everywhere else (a date picker shows the browser's local format).
  const isoInput = (value: string, name: string) => input({ type: "text", value, name, placeholder: "YYYY-MM-DD", pattern: "\\d{4}-\\d{2}-\\d{2}", size: "11" });
  const date = isoInput(o.asOf, "date");
  const attendees = input({ type: "text", placeholder: "Ann (marketing ops), Bo (sales lead)", name: "attendees", size: "40" });
  const versions = o.versions.map((v) => {
    const box = input({ type: "checkbox", value: v, name: "versions" });
    box.checked = v === o.current || v === o.draft;
    return { v, box };
  });
  const decision = el("select", { name: "decision" }, ...[["keep", "Keep the current version"], ["adopt", "Adopt another version"], ["move-threshold", "Move a threshold"], ["rerun", "Re-run the review in N weeks"]].map(([v, t]) => el("option", { value: v }, t))) as HTMLSelectElement;
  const version = el("select", { name: "version" }, ...o.versions.map((v) => el("option", { value: v }, v))) as HTMLSelectElement;
  version.value = o.draft ?? o.current;
  const nurture = input({ type: "number", value: String(o.thresholds.nurture), name: "nurture", step: "any" });
  const salesReady = input({ type: "number", value: String(o.thresholds.salesReady), name: "salesReady", step: "any" });
  const weeks = input({ type: "number", value: "4", min: "1", max: "52", name: "weeks" });
  const plusMonths = (d: string, m: number) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCMonth(t.getUTCMonth() + m);
    return Number.isNaN(t.getTime()) ? "" : t.toISOString().slice(0, 10);
  };
  const next = isoInput(plusMonths(o.asOf, o.stableMonths), "nextReview");
  const notes = el("textarea", { rows: "3", cols: "60", name: "notes", placeholder: "What was seen, why this decision" }) as HTMLTextAreaElement;
  const status = el("div", { class: "muted", role: "status" });
  const preview = el("pre", { class: "decision-preview" });
  const row = (label: string, ...nodes: Node[]) => el("div", { class: "form-row", style: "display:flex;gap:0.6rem;align-items:baseline;margin:0.3rem 0" }, el("span", { style: "min-width:11rem;color:var(--theme-foreground-muted)" }, label), ...nodes);
  const thresholdRow = row("New thresholds", nurture, document.createTextNode(" nurture, "), salesReady, document.createTextNode(" sales-ready"));
  const versionRow = row("Version", version);
  const weeksRow = row("Weeks", weeks);
  const fields = () => ({
    dataset: o.dataset, date: date.value, attendees: attendees.value, versionsReviewed: versions.filter((x) => x.box.checked).map((x) => x.v), figures: o.figures,
    decision: decision.value as "keep", version: version.value, nurture: nurture.value === "" ? null : Number(nurture.value),
    salesReady: salesReady.value === "" ? null : Number(salesReady.value), weeks: weeks.value === "" ? null : Number(weeks.value), nextReview: next.value, notes: notes.value,
  });
  let touched = false;
  const update = () => {
    const show = (node: HTMLElement, on: boolean) => (node.style.display = on ? "flex" : "none");
    show(versionRow, decision.value === "adopt" || decision.value === "move-threshold");
    show(thresholdRow, decision.value === "move-threshold");
    show(weeksRow, decision.value === "rerun");
    const start = Date.parse(`${date.value}T00:00:00Z`);
    if (decision.value === "rerun" && Number(weeks.value) > 0 && Number.isFinite(start)) next.value = new Date(start + Number(weeks.value) * 7 * 86_400_000).toISOString().slice(0, 10);
    const r = draftReview(fields());
    preview.textContent = r.ok ? r.text : "";
    // Nothing is red before the reader has typed: until then the form only says what it still needs.
    status.replaceChildren(r.ok ? `Valid. Save it as ${reviewFileName(date.value)} in this dataset's decision folder (data/reviews/ for the bundled sample, else the folder given as LEADSCORE_REVIEWS or --reviews) and rebuild the site: it then appears in the log above.`
      : touched ? ErrorBox(r.error, "Not valid yet") : `To make the file: ${r.error.replace(/^[^:]*: /, "")}`);
    download.disabled = !r.ok;
  };
  const download = el("button", { type: "button" }, "Download the decision file") as HTMLButtonElement;
  download.addEventListener("click", () => {
    const r = draftReview(fields());
    if (!r.ok) return;
    downloadText(reviewFileName(date.value), r.text);
  });
  const form = el("form", { class: "decision-form no-print" },
    row("Date of the review", date, el("span", { class: "muted" }, `set to the data's end date (${o.asOf}): change it to the meeting's date`)), row("Attendees", attendees),
    row("Versions reviewed", ...versions.flatMap(({ v, box }) => [el("label", { class: "inline" }, box, ` ${v}`)])),
    row("Decision", decision), versionRow, thresholdRow, weeksRow, row("Next review", next), row("Notes", notes),
    el("div", {}, download), status, el("details", {}, el("summary", {}, "The file's text"), preview));
  form.addEventListener("input", () => ((touched = true), update()));
  form.addEventListener("change", update);
  form.addEventListener("submit", (e) => e.preventDefault());
  update();
  return form;
}
