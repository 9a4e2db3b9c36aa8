/**
 * The published calibration report's sections, drawn from the report data
 * of lib/decisions collectReport (the same figures `leadscore report` writes
 * to summary.json): title block, KPI cards, the charts, tier tables side by
 * side, the suggestion summary and the decision log. Sized for an A4 page.
 */
import type { ReportData } from "../lib/decisions/collect.js";
import type { ReportSummary, VersionHeadline } from "../lib/decisions/report-summary.js";
import type { VersionCalibration } from "../lib/workbench/calibration.js";
import { scoreHistogram } from "../lib/workbench/histogram.js";
import { labelled } from "../lib/workbench/scored.js";
import { DistributionChart, RocChart, WinRateBandsChart } from "./charts.js";
import { fmtP } from "./glossary.js";
import { CohortAucChart, CriterionDriftHeatmap, PsiChart, scorePsiRows } from "./review-view.js";
import { DownloadButton, ErrorBox, Flag, Kpi, Table, el, fmtCi, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { tierLabel } from "../lib/model/tiers.js";

/** Printable width of a chart on A4 portrait (px, axes excluded). */
export const PRINT_WIDTH = 600;

const label = (h: Pick<VersionHeadline, "label">) => h.label;
const ok = (data: ReportData) => [...data.calibrations.values()].filter((c): c is VersionCalibration => c.error === null);

/** Title, date, data range, versions compared, and the JSON download. */
export function ReportHeader(s: ReportSummary) {
  const versions = s.versions.map((v) => `${v.label} (${v.status}${v.current ? ", current" : ""})`).join(", ");
  const json = JSON.stringify(s, null, 2);
  return el("div", { class: "report-head" },
    el("h1", {}, "Lead-score calibration report"),
    el("p", { class: "report-meta" },
      el("strong", {}, `As of ${s.asOf}`), ` · dataset: ${s.dataset} · leads created ${s.dataRange.from} to ${s.dataRange.to}`),
    el("p", { class: "report-meta" }, `Versions compared: ${versions}. Cohorts by ${s.reviewOptions.by}; drift against ${s.reviewOptions.reference.join(" … ")}.`),
    el("div", { class: "no-print" }, DownloadButton("Download the summary (JSON)", `leadscore-report-${s.asOf}.json`, () => `${json}\n`)));
}

/** The headline KPI cards of the current version (and the draft, when there is one). */
export function ReportKpis(s: ReportSummary) {
  const cur = s.versions.find((v) => v.current);
  if (!cur || cur.error) return ErrorBox(cur?.error ?? "There is no current (published) version.", "No current version");
  const sr = cur.tiers?.find((t) => t.tier === "sales-ready");
  const r = s.review;
  const due = r?.reviewDue;
  const cards = [
    Kpi(`AUC ${cur.label}`, fmtNum(cur.auc ?? NaN), cur.aucCi95 ? `95 % CI ${fmtNum(cur.aucCi95[0])}–${fmtNum(cur.aucCi95[1])} · ${fmtInt(cur.nWon ?? 0)} won, ${fmtInt(cur.nLost ?? 0)} lost` : undefined),
    Kpi("Sales-ready win rate", fmtPct(sr?.winRate ?? NaN), sr ? `${fmtInt(sr.leads)} leads (${cur.tierSource === "grid-cells" ? "routed by grid cell" : `≥ ${cur.thresholds.salesReady}`}); base rate ${fmtPct(cur.baseRate ?? NaN)}` : undefined),
    Kpi("Wins through sales-ready", fmtPct(sr?.shareOfWins ?? NaN), "share of all wins that had scored sales-ready"),
    Kpi("Review", due ? (due.due ? "Due" : "Not due") : "–", due ? (due.due ? due.reasons.join(" ") : `next on ${due.scheduledDate}`) : undefined),
  ];
  if (s.comparison) {
    const c = s.comparison;
    cards.push(Kpi(`ΔAUC ${c.a} vs ${c.b}`, `${c.deltaAuc >= 0 ? "+" : ""}${fmtNum(c.deltaAuc)}`, `95 % CI ${fmtNum(c.ci95[0])} to ${fmtNum(c.ci95[1])}, ${fmtP(c.p)} (paired DeLong)`));
  }
  if (r) cards.push(Kpi(`Score PSI ${r.latest.period ?? ""}`, fmtNum(r.latest.scorePsi ?? NaN), `largest criterion PSI ${fmtNum(r.latest.maxCriterionPsi ?? NaN)}`));
  return el("div", { class: "grid grid-cols-3 report-kpis" }, ...cards);
}

/** Won vs lost score distribution of the current version. */
export function ReportDistribution(data: ReportData) {
  const m = data.current;
  const s = m ? data.scored.get(m) : undefined;
  if (!m || !s) return el("p", { class: "muted" }, "No current version.");
  const { scores, labels } = labelled(s);
  return DistributionChart(scoreHistogram(scores, labels).bins, m.thresholds, { width: PRINT_WIDTH, height: 220, title: `Score distribution, won vs lost, ${m.id} v${m.version}` });
}

/** Win rate by score band (calibration by band) and ROC, every version. */
export function ReportBandsAndRoc(data: ReportData) {
  const cals = ok(data);
  const name = (c: VersionCalibration) => `${c.model.id} v${c.model.version}`;
  const bands = cals.flatMap((c) => c.evaluation.bands.filter((b) => b.n > 0 && b.rate !== null && b.ci !== null).map((b) => {
    const lo = b.lo ?? b.hi ?? 0;
    const hi = b.hi ?? b.lo ?? 0;
    return { version: name(c), mid: (lo + hi) / 2, label: `[${b.lo ?? "−∞"}, ${b.hi ?? "∞"})`, rate: b.rate as number, lo: b.ci![0], hi: b.ci![1], n: b.n, small: b.small };
  }));
  const roc = cals.flatMap((c) => c.roc.filter((p) => Number.isFinite(p.fpr)).map((p) => ({ version: name(c), fpr: p.fpr, tpr: p.tpr })));
  return el("div", {},
    WinRateBandsChart(bands, { width: PRINT_WIDTH, height: 230 }),
    el("p", { class: "muted" }, "Win rate per score decile of each version with Wilson 95 % intervals (colours as in the ROC legend); hollow points are bands under 30 leads."),
    RocChart(roc, { width: 360, height: 270 }));
}

/** The tier tables of every version, side by side. */
export function ReportTierTables(s: ReportSummary) {
  return el("div", { class: "grid grid-cols-2 report-tiers" }, ...s.versions.map((v) => el("div", { class: "card" },
    el("div", { style: "font-weight:600" }, `${v.label} (${v.status}${v.current ? ", current" : ""}): ${v.tierRule}`),
    v.error ? ErrorBox(v.error, "Not evaluated") : Table([
      { key: "tier", label: "Tier" }, { key: "leads", label: "Leads", align: "right" }, { key: "rate", label: "Win rate (95 % CI)", align: "right" }, { key: "wins", label: "Share of wins", align: "right" },
    ], [...(v.tiers ?? [])].reverse().map((t) => ({
      tier: tierLabel(t.tier), leads: fmtInt(t.leads), rate: t.winRate === null ? "–" : el("span", {}, fmtPct(t.winRate), el("br"), el("span", { class: "muted" }, t.ci ? fmtCi(t.ci) : "–")), wins: fmtPct(t.shareOfWins ?? NaN),
    }))))));
}

/** AUC per cohort and score PSI of the current version, and its criterion drift. */
export function ReportCohortsAndDrift(data: ReportData) {
  const s = data.summary;
  const r = s.review;
  if (!r || !data.current) return el("p", { class: "muted" }, "No current version to review.");
  const v = `${data.current.id} v${data.current.version}`;
  const flagged = (r.criterionDrift ?? []).filter((c) => c.flaggedPeriods.length);
  return el("div", {},
    CohortAucChart([{ version: v, rows: r.cohorts }], { width: PRINT_WIDTH, height: 240, reference: s.reviewOptions.reference }),
    el("p", { class: "muted" }, `AUC per ${s.reviewOptions.by} with DeLong 95 % intervals; hollow points rest on fewer than 30 won or lost leads; shaded: the reference window.`),
    PsiChart(scorePsiRows(v, r.scoreDrift), { width: PRINT_WIDTH, height: 200, title: `Score PSI per ${s.reviewOptions.by}, ${v}` }),
    el("div", { class: "page-break" }),
    el("h3", {}, `Criterion drift, ${v}`),
    el("p", {}, flagged.length ? `${flagged.length} criteria flagged: ${flagged.map((c) => `${c.label} (${c.flaggedPeriods.join(", ")})`).join("; ")}.` : "No criterion flagged.",
      el("span", { class: "muted" }, " Colour: PSI of fired / not fired against the reference (grey < 0.10, amber 0.10–0.25, red ≥ 0.25); ▲ / ▼ the lift moved by ≥ 0.3 and the win rate when fired differs (p < 0.05).")),
    r.criterionDrift ? CriterionDriftHeatmap(r.criterionDrift, { width: PRINT_WIDTH + 60, rowHeight: 16, title: `Criterion drift, ${v}` }) : null);
}

/** Draft vs current, when a draft exists. */
export function ReportSuggestion(s: ReportSummary) {
  if (!s.comparison) return el("p", { class: "muted" }, "No draft version in data/models/: no suggestion to report.");
  const c = s.comparison;
  const draft = s.versions.find((v) => v.version === c.a);
  const cur = s.versions.find((v) => v.version === c.b);
  const sr = (v?: VersionHeadline) => v?.tiers?.find((t) => t.tier === "sales-ready");
  const verdict = c.p < 0.05 ? (c.deltaAuc > 0 ? "separates won from lost significantly better" : "separates won from lost significantly worse") : "does not differ significantly";
  return el("div", {},
    el("p", {}, `The draft ${draft ? label(draft) : c.a} ${verdict} than the current ${cur ? label(cur) : c.b}: ΔAUC `, el("strong", {}, `${c.deltaAuc >= 0 ? "+" : ""}${fmtNum(c.deltaAuc)}`),
      ` (95 % CI ${fmtNum(c.ci95[0])} to ${fmtNum(c.ci95[1])}, ${fmtP(c.p)}) on the same ${fmtInt(c.n)} labelled leads.`),
    Table([{ key: "v", label: "Version" }, { key: "auc", label: "AUC", align: "right" }, { key: "thr", label: "Thresholds", align: "right" }, { key: "sr", label: "Sales-ready leads · win rate", align: "right" }, { key: "share", label: "Share of wins", align: "right" }],
      [draft, cur].filter((v): v is VersionHeadline => !!v).map((v) => ({
        v: `${v.label} (${v.status})`, auc: fmtNum(v.auc ?? NaN), thr: v.tierSource === "grid-cells" ? "by grid cell" : `${v.thresholds.nurture} / ${v.thresholds.salesReady}`,
        sr: `${fmtInt(sr(v)?.leads ?? NaN)} · ${fmtPct(sr(v)?.winRate ?? NaN)}`, share: fmtPct(sr(v)?.shareOfWins ?? NaN),
      }))));
}

/** This dataset's decision log as a table, newest first; invalid files keep their error; files of another dataset are named apart. */
export function ReportDecisions(s: ReportSummary) {
  const others = s.otherDecisions?.length
    ? el("p", { class: "muted" }, `Not part of this log: ${s.otherDecisions.map((o) => `${o.file} (${o.reason})`).join("; ")}.`)
    : null;
  if (!s.decisions.length) return el("div", {}, el("p", { class: "muted" }, "No decision logged for this dataset."), others);
  const table = Table([{ key: "date", label: "Date" }, { key: "decision", label: "Decision" }, { key: "who", label: "Attendees" }, { key: "next", label: "Next review" }],
    s.decisions.map((d) => d.error
      ? { date: d.file, decision: el("span", { style: "white-space:normal" }, Flag("invalid file", "bad"), ` ${d.error}`), who: "", next: "" }
      : { date: d.date, decision: el("span", { style: "white-space:normal" }, `${d.decision} (reviewed ${d.versionsReviewed.join(", ")})`), who: el("span", { style: "white-space:normal" }, d.attendees.join(", ")), next: d.nextReview }));
  return others ? el("div", {}, table, others) : table;
}
