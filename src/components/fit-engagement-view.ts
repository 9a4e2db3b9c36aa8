/**
 * DOM for the fit × engagement grid and the fit-only / engagement-only /
 * total comparison (data: lib/grid). Used by the Fit & engagement page and
 * the report.
 */
import type { Grid, GridCell } from "../lib/grid/cells.js";
import type { SubScoreComparison } from "../lib/grid/compare.js";
import type { CohortWeight } from "../lib/grid/report.js";
import { weightVerdict } from "../lib/grid/verdict.js";
import { Flag, Table, el, fmtCi, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { TIER_LABEL } from "../lib/model/tiers.js";
import { pairedDelongP } from "../lib/metrics/delong-text.js";

const cut = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
/** The score range of band b (0 = A/1 … 3 = D/4) of cut points [c1, c2, c3]. */
const range = (cuts: readonly number[], b: number) =>
  b === 0 ? `≥ ${cut(cuts[2])}` : b === 3 ? `< ${cut(cuts[0])}` : `${cut(cuts[2 - b])} to < ${cut(cuts[3 - b])}`;

/** Background for a win rate: white at 0, full green at `max`. */
function shade(rate: number | null, max: number): string {
  if (rate === null || !(max > 0)) return "#f4f4f4";
  const t = Math.min(1, rate / max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 27)}, ${mix(255, 127)}, ${mix(255, 75)})`;
}

function cellNode(c: GridCell, max: number) {
  const dark = c.winRate !== null && max > 0 && c.winRate / max > 0.6;
  const style = [
    `background:${shade(c.winRate, max)}`, `color:${dark ? "#fff" : "inherit"}`, "padding:0.4rem 0.5rem", "vertical-align:top", "min-width:8.5rem",
    c.toSales ? "outline:3px solid #1f2d3d;outline-offset:-3px" : "border:1px solid #ddd",
  ].join(";");
  return el("td", { style, class: `grid-cell${c.toSales ? " to-sales" : ""}${c.small ? " small" : ""}`, "data-cell": c.cell, title: `${c.cell}: ${c.won} won, ${c.lost} lost, ${c.open} open` },
    el("div", { style: "font-weight:600" }, c.cell, " · ", c.winRate === null ? "no labelled leads" : fmtPct(c.winRate)),
    c.ci ? el("div", { style: "font-size:0.8rem" }, `CI ${fmtCi(c.ci)}`) : null,
    el("div", { style: "font-size:0.8rem" }, `${fmtInt(c.leads)} leads (${fmtInt(c.won)} won)`),
    el("div", { style: "font-size:0.8rem" }, `${c.shareOfWins === null ? "–" : fmtPct(c.shareOfWins)} of all wins`),
    c.small ? Flag("< 30 leads") : null);
}

/** The 4 × 4 grid: fit bands A–D as rows, engagement bands 1–4 as columns; outlined cells are sent to sales. */
export function GridView(grid: Grid, options: { routed?: boolean } = {}) {
  const max = Math.max(0, ...grid.cells.map((c) => c.winRate ?? 0));
  const source = (s: "model" | "quartiles") => (s === "model" ? "the version's cut points" : "quartiles of the scored leads (the version states no cut points)");
  const head = el("tr", {}, el("th", {}, "Fit ↓ / Engagement →"), ...[0, 1, 2, 3].map((e) => el("th", {}, `${e + 1}: ${range(grid.cuts.engagement, e)}`)));
  const rows = [0, 1, 2, 3].map((f) => el("tr", {}, el("th", { style: "text-align:left" }, `${"ABCD"[f]}: ${range(grid.cuts.fit, f)}`), ...grid.cells.slice(4 * f, 4 * f + 4).map((c) => cellNode(c, max))));
  return el("div", { class: "fe-grid" },
    el("table", { class: "compact", style: "border-collapse:separate;border-spacing:3px" }, el("thead", {}, head), el("tbody", {}, ...rows)),
    el("p", { class: "muted" },
      `Fit bands from ${source(grid.cuts.source.fit)}; engagement bands from ${source(grid.cuts.source.engagement)}. `,
      `Colour: win rate (darker = higher, up to ${fmtPct(max)}). Outlined: cells ${options.routed ? "the version routes to sales" : "at least half of whose leads the version scores sales-ready"}. `,
      `${fmtInt(grid.leads)} labelled leads (${fmtInt(grid.won)} won, ${fmtInt(grid.lost)} lost; ${fmtInt(grid.open)} open leads are counted apart).`));
}

const KIND = { fit: "Fit only", engagement: "Engagement only", total: "Total (fit + engagement)" } as const;

/** AUC per kind with tiers at matched volume, the paired tests and the relative weight. */
export function ComparisonView(c: SubScoreComparison) {
  const tier = (k: SubScoreComparison["kinds"][number], name: string) => {
    const t = k.tiers.find((r) => r.tier === name)!;
    return el("span", {}, t.winRate === null ? "–" : `${fmtPct(t.winRate)} of ${fmtInt(t.leads)}`, t.small && t.leads > 0 ? " " : "", t.small && t.leads > 0 ? Flag("< 30") : "");
  };
  const v = weightVerdict(c.weight);
  return el("div", { class: "fe-comparison" },
    Table([
      { key: "kind", label: "Score" }, { key: "auc", label: "AUC (95 % CI)", align: "right" },
      { key: "sr", label: `${TIER_LABEL["sales-ready"]} win rate`, align: "right" }, { key: "nu", label: TIER_LABEL.nurture, align: "right" }, { key: "ig", label: TIER_LABEL.ignore, align: "right" },
    ], c.kinds.map((k) => ({ kind: KIND[k.kind], auc: `${fmtNum(k.auc)} (${fmtNum(k.ci95[0])}–${fmtNum(k.ci95[1])})`, sr: tier(k, "sales-ready"), nu: tier(k, "nurture"), ig: tier(k, "ignore") }))),
    el("p", { class: "muted" }, "The total uses the version's own tiers; fit only and engagement only are cut so that each tier holds as many leads as the version's (ties at a cut go up), so the win rates compare at the same hand-over volume."),
    Table([{ key: "pair", label: "Paired DeLong test" }, { key: "diff", label: "ΔAUC (95 % CI)", align: "right" }, { key: "p", label: "p", align: "right" }],
      c.paired.map((t) => ({ pair: `${KIND[t.a]} − ${KIND[t.b]}`, diff: `${fmtNum(t.diff)} (${fmtNum(t.ci95[0])} to ${fmtNum(t.ci95[1])})`, p: pairedDelongP(t.p) }))),
    el("p", { class: "fe-verdict" }, el("strong", {}, "Is the mix right? "), v.text,
      c.weight.ratio !== null ? ` (Two-variable logistic fit on ${fmtInt(c.weight.n)} labelled leads: ${fmtNum(c.weight.bFit, 4)} log-odds per fit point, ${fmtNum(c.weight.bEngagement, 4)} per engagement point.)` : ""));
}

/** Per cohort: AUC of fit, engagement and total, and the relative weight with its interval (lib/grid cohortWeights). */
export function CohortWeightTable(rows: CohortWeight[]) {
  return Table([
    { key: "period", label: "Cohort" }, { key: "n", label: "Won / lost", align: "right" },
    { key: "auc", label: "AUC fit / engagement / total", align: "right" }, { key: "ratio", label: "1 engagement point = … fit points (95 % CI)", align: "right" },
  ], rows.map((r) => ({
    period: r.period,
    n: `${fmtInt(r.won)} / ${fmtInt(r.lost)}`,
    auc: r.aucTotal === null ? (r.note ?? "–") : `${fmtNum(r.aucFit!)} / ${fmtNum(r.aucEngagement!)} / ${fmtNum(r.aucTotal)}`,
    ratio: r.weight?.ratio != null ? el("span", {}, `${fmtNum(r.weight.ratio, 2)} (${fmtNum(r.weight.ci95![0], 2)}–${fmtNum(r.weight.ci95![1], 2)})`, r.won < 30 || r.lost < 30 ? " " : "", r.won < 30 || r.lost < 30 ? Flag("< 30 won or lost") : "") : (r.weight?.note ?? "–"),
  })));
}
