/**
 * The what-if editor: one slider per points slot of a version (a criterion,
 * or one band of a band rule) and the two thresholds; every change re-scores
 * all leads at once (lib/scoring/whatif.ts) and redraws the distribution,
 * the tier table and the AUC. The result downloads as a new draft version.
 */
import { routesByCell, tierRule } from "../lib/grid/bands.js";
import type { Model } from "../lib/model/schema.js";
import { unitSlots, type UnitSlot } from "../lib/scoring/units.js";
import { draftFromWhatIf, whatIfInput, type WhatIf, type WhatIfResult } from "../lib/scoring/whatif.js";
import { niceBinWidth, type HistogramBin } from "../lib/workbench/histogram.js";
import { DistributionChart } from "./charts.js";
import { SaveVersion } from "./save-version.js";
import { ErrorBox, Table, el, fmtInt, fmtNum, fmtPct } from "./ui.js";

function slotLabel(m: Model, s: UnitSlot): string {
  const c = m.criteria.find((x) => x.id === s.criterionId)!;
  if (s.bandIndex === null) return c.label;
  if (s.bandIndex === "missing") return `${c.label}: missing`;
  if (s.bandIndex === "never") return `${c.label}: never`;
  const r = c.rule as { bands: { lo: number | null; hi: number | null }[] };
  const b = r.bands[s.bandIndex];
  return `${c.label}: [${b.lo ?? "−∞"}, ${b.hi ?? "∞"})`;
}

/** Re-bins the integer histogram of a what-if result to about 40 bins, as shares per outcome. */
export function resultBins(r: WhatIfResult): HistogramBin[] {
  const h = r.histogram;
  const k = h.won.length;
  let first = -1, last = -1;
  for (let i = 0; i < k; i++) if (h.won[i] + h.lost[i] > 0) (first < 0 && (first = i), (last = i));
  if (first < 0) return [];
  const lo = h.lo + first * h.binWidth, hi = h.lo + (last + 1) * h.binWidth;
  const width = Math.max(h.binWidth, niceBinWidth(lo, hi, 40));
  const start = Math.floor(lo / width) * width;
  const nb = Math.ceil((hi - start) / width);
  const won = new Float64Array(nb), lost = new Float64Array(nb);
  for (let i = first; i <= last; i++) {
    const j = Math.min(nb - 1, Math.floor((h.lo + i * h.binWidth - start) / width));
    won[j] += h.won[i];
    lost[j] += h.lost[i];
  }
  const bins: HistogramBin[] = [];
  for (const [outcome, c, total] of [["won", won, r.counts.won], ["lost", lost, r.counts.lost]] as const) {
    let run = 0;
    for (let j = 0; j < nb; j++) {
      run += c[j];
      bins.push({ lo: start + j * width, hi: start + (j + 1) * width, outcome, count: c[j], share: total ? c[j] / total : 0, cumulative: total ? run / total : 0 });
    }
  }
  return bins;
}

export function tierTable(r: WhatIfResult) {
  const totalWon = r.counts.won || 1;
  return Table(
    [{ key: "tier", label: "Tier" }, { key: "leads", label: "Leads", align: "right" }, { key: "won", label: "Won", align: "right" }, { key: "lost", label: "Lost", align: "right" }, { key: "rate", label: "Win rate", align: "right" }, { key: "captured", label: "Share of all wins", align: "right" }],
    (["sales-ready", "nurture", "ignore"] as const).map((t) => {
      const c = r.tiers[t];
      return { tier: t, leads: fmtInt(c.won + c.lost + c.open), won: fmtInt(c.won), lost: fmtInt(c.lost), rate: c.won + c.lost ? fmtPct(c.won / (c.won + c.lost)) : "–", captured: fmtPct(c.won / totalWon) };
    }),
  );
}

/** Mean fit and engagement sub-scores of won and lost leads, now and for the version's own points. */
function subScoreLine(r: WhatIfResult, base: WhatIfResult, model: Model): string {
  const m = (x: number | null) => (x === null ? "–" : fmtNum(x, 1));
  const { fit, engagement } = r.subScores;
  const gap = (s: { won: number | null; lost: number | null }) => (s.won === null || s.lost === null ? NaN : s.won - s.lost);
  return `Sub-scores, mean won / lost: fit ${m(fit.won)} / ${m(fit.lost)}, engagement ${m(engagement.won)} / ${m(engagement.lost)} ` +
    `(won − lost gap: fit ${fmtNum(gap(fit), 1)}, engagement ${fmtNum(gap(engagement), 1)}; the version's own points: ${fmtNum(gap(base.subScores.fit), 1)} and ${fmtNum(gap(base.subScores.engagement), 1)}).` +
    routedNote(model);
}
/** When the version routes its tiers by grid cell, say so: the threshold sliders then do not move the tiers. */
const routedNote = (model: Model) => (routesByCell(model) ? ` Tiers: ${tierRule(model)}; the threshold sliders only move the dashed lines.` : "");

export function WhatIfEditor(wi: WhatIf, model: Model, allModels: Model[], width: () => number): HTMLElement {
  const slots = unitSlots(model);
  const base = whatIfInput(model);
  const points = Array.from(base.points);
  const thresholds = { ...base.thresholds };
  const baseline = wi.rescore(base);
  const range = Math.max(30, ...points.map((p) => Math.abs(p) * 2));

  const out = el("div", {});
  const summary = el("p", {});
  const chartBox = el("div", {});
  const tiersBox = el("div", {});
  const errorBox = el("div", {});

  const slider = (label: string, value: number, min: number, max: number, onInput: (v: number) => void, changed: () => boolean) => {
    const input = el("input", { type: "range", min: String(min), max: String(max), step: "1", value: String(value), "aria-label": label }) as HTMLInputElement;
    const num = el("input", { type: "number", step: "1", value: String(value), style: "width:4.5em", "aria-label": `${label} (points)` }) as HTMLInputElement;
    const row = el("div", { class: "whatif-row" }, el("span", { class: "whatif-label" }, label), input, num);
    const sync = (v: number) => {
      input.value = String(v);
      num.value = String(v);
      onInput(v);
      row.classList.toggle("changed", changed());
      schedule();
    };
    input.addEventListener("input", () => sync(Number(input.value)));
    num.addEventListener("change", () => {
      const v = Math.round(Number(num.value));
      if (Number.isFinite(v)) sync(v);
    });
    return row;
  };

  const controls = el("div", { class: "whatif-controls" },
    el("h3", {}, "Thresholds"),
    slider("Nurture from", thresholds.nurture, Math.floor(baseline.histogram.lo), Math.ceil(baseline.histogram.lo + baseline.histogram.won.length * baseline.histogram.binWidth), (v) => (thresholds.nurture = v), () => thresholds.nurture !== base.thresholds.nurture),
    slider("Sales-ready from", thresholds.salesReady, Math.floor(baseline.histogram.lo), Math.ceil(baseline.histogram.lo + baseline.histogram.won.length * baseline.histogram.binWidth), (v) => (thresholds.salesReady = v), () => thresholds.salesReady !== base.thresholds.salesReady),
    el("h3", {}, "Points"),
    ...slots.map((s, k) => slider(slotLabel(model, s), points[k], -range, range, (v) => (points[k] = v), () => points[k] !== base.points[k])),
  );

  let pending = false;
  let last: WhatIfResult = baseline;
  function render() {
    pending = false;
    errorBox.replaceChildren();
    if (thresholds.nurture >= thresholds.salesReady) {
      errorBox.append(ErrorBox(`nurture (${thresholds.nurture}) must be below sales-ready (${thresholds.salesReady}).`, "Thresholds"));
      return;
    }
    const r = wi.rescore({ points, caps: model.caps, thresholds, grid: model.grid });
    last = r;
    const dAuc = r.auc != null && baseline.auc != null ? r.auc - baseline.auc : NaN;
    summary.replaceChildren(
      `AUC `, el("strong", {}, fmtNum(r.auc ?? NaN)), ` (was ${fmtNum(baseline.auc ?? NaN)}, `, el("strong", {}, `${dAuc >= 0 ? "+" : ""}${fmtNum(dAuc)}`), `)${r.aucExact ? "" : `; ±${fmtNum(r.aucMaxError, 4)} = the most this quick estimate can differ from the exact AUC`}. `,
      `Sales-ready: ${fmtInt(r.tiers["sales-ready"].won + r.tiers["sales-ready"].lost + r.tiers["sales-ready"].open)} leads capturing ${fmtPct(r.tiers["sales-ready"].won / (r.counts.won || 1))} of wins. `,
      el("span", { class: "muted", "data-rescore-ms": String(r.ms) }, `Re-scored ${fmtInt(r.n)} leads in ${r.ms.toFixed(1)} ms.`),
      el("br"),
      el("span", { class: "whatif-subscores" }, subScoreLine(r, baseline, model)),
    );
    chartBox.replaceChildren(DistributionChart(resultBins(r), thresholds, { width: Math.max(320, width() - 420), height: 260, title: "What-if score distribution, won vs lost" }));
    tiersBox.replaceChildren(tierTable(r));
  }
  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(render);
    }
  }

  const maxVersion = Math.max(...allModels.filter((m) => m.id === model.id).map((m) => m.version));
  const download = SaveVersion(() => draftFromWhatIf(model, points, thresholds, { author: "What-if editor", note: "Points and thresholds changed in the what-if editor.", maxVersion }),
    { label: "Save as a new draft version in this workspace" });
  const reset = el("button", { type: "button" }, "Reset to the version's points");
  reset.addEventListener("click", () => {
    points.splice(0, points.length, ...Array.from(base.points));
    Object.assign(thresholds, base.thresholds);
    for (const [i, row] of [...controls.querySelectorAll(".whatif-row")].entries()) {
      const v = i < 2 ? [base.thresholds.nurture, base.thresholds.salesReady][i] : base.points[i - 2];
      for (const inp of row.querySelectorAll("input")) (inp as HTMLInputElement).value = String(v);
      row.classList.remove("changed");
    }
    schedule();
  });
  render();
  void last;
  out.append(el("div", { class: "whatif" }, controls, el("div", { class: "whatif-output" }, summary, errorBox, chartBox, tiersBox, el("p", {}, reset), download,
    el("p", { class: "muted" }, "The draft keeps the version's criteria and rules and records the changed points and thresholds in its change note. Saved in this workspace, it is scored on every page at once; the file can also go in data/models/."))));
  return out;
}
