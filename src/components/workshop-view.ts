/**
 * Workshop-page building blocks: the votes grid and file upload (inputs for
 * Framework's view()), the problems list, the per-criterion vote summary
 * (table and dot chart), the consensus model, the comparison with the points
 * the data suggests, and the calibration of the versions side by side.
 * Logic lives in lib/workshop; these only draw.
 */
import type { Evaluation } from "../lib/metrics/evaluate.js";
import type { Model } from "../lib/model/schema.js";
import type { VersionCalibration } from "../lib/workbench/calibration.js";
import type { Aggregation, TargetSummary } from "../lib/workshop/aggregate.js";
import type { FitComparison } from "../lib/workshop/against-data.js";
import type { Consensus } from "../lib/workshop/consensus.js";
import type { VoteTarget } from "../lib/workshop/targets.js";
import { problemText, type Vote, type VoteProblem } from "../lib/workshop/votes.js";
import { Chart } from "./chart.js";
import type { Channel, Layer } from "./vega-types.js";
import { ruleText } from "./models-view.js";
import { SaveVersion } from "./save-version.js";
import { DownloadButton, ErrorBox, Flag, Table, el, fmtCi, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { tierLabel } from "../lib/model/tiers.js";

/** A number as shown: whole numbers plain, others with d decimals; a true minus sign. */
const num = (x: number, d = 1) => (Number.isInteger(x) ? String(x) : x.toFixed(d)).replace(/^-/, "−");
const signed = (x: number) => (x > 0 ? `+${x}` : num(x));

/** Lets a table's headers and first column wrap (long criterion labels) and scrolls the table sideways when it is still too wide. */
function wide(table: HTMLElement, minWidth = "15rem") {
  for (const th of table.querySelectorAll("th")) (th as HTMLElement).style.cssText += "white-space:normal; vertical-align:bottom;";
  for (const cell of table.querySelectorAll("tr > :first-child")) (cell as HTMLElement).style.cssText += `white-space:normal; min-width:${minWidth}; max-width:24rem;`;
  return el("div", { style: "overflow-x:auto; max-width:100%", "data-scrollable": "" }, table);
}
const DISPUTED = "#c0392b";
const AGREED = "#2f6db5";

/** An input whose value is set programmatically, for view(). */
function asInput<T>(node: HTMLElement, value: T): HTMLElement & { value: T } {
  const n = node as HTMLElement & { value: T };
  n.value = value;
  return n;
}

/**
 * The votes grid: one row per target, one column of number inputs per
 * participant, for one round at a time (earlier rounds are kept). Empty =
 * no vote. Value: every vote of every round; an "input" event on each change.
 */
export function VotesGrid(targets: readonly VoteTarget[], initial: readonly Vote[]) {
  const votes = new Map<string, number>(); // JSON [round, participant, target] → points
  const key = (r: number, p: string, t: string) => JSON.stringify([r, p, t]);
  const participants: string[] = [];
  for (const v of initial) {
    votes.set(key(v.round, v.participant, v.criterion), v.points);
    if (!participants.includes(v.participant)) participants.push(v.participant);
  }
  if (participants.length === 0) participants.push("Participant 1", "Participant 2", "Participant 3");
  const rounds = () => [...new Set([1, ...[...votes.keys()].map((k) => JSON.parse(k)[0] as number)])].sort((a, b) => a - b);
  let round = 1;
  const root = asInput(el("div", { class: "votes-grid" }), [] as Vote[]);
  const value = (): Vote[] =>
    [...votes.entries()].map(([k, points]) => {
      const [r, participant, criterion] = JSON.parse(k) as [number, string, string];
      return { participant, criterion, points, round: r };
    });
  const emit = () => {
    root.value = value();
    root.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const roundSelect = el("select", {});
  const nameInput = el("input", { type: "text", placeholder: "Name of a new participant", style: "width:14rem" }) as HTMLInputElement;
  const addButton = el("button", { type: "button" }, "Add participant");
  const newRound = el("button", { type: "button" }, "Start a new round");
  const tableBox = el("div", { style: "overflow-x:auto; max-height:34rem; overflow-y:auto" });
  const draw = () => {
    roundSelect.replaceChildren(...rounds().map((r) => el("option", r === round ? { value: String(r), selected: "" } : { value: String(r) }, `Round ${r}`)));
    const head = el("tr", {}, el("th", {}, "Criterion (points)"), ...participants.map((p) => el("th", { style: "text-align:right; white-space:normal; min-width:4.8rem; vertical-align:bottom" }, p)));
    const rows = targets.map((t) =>
      el("tr", {},
        el("td", { title: t.id, style: "white-space:normal; min-width:12rem; max-width:17rem" }, t.label, t.unit === "points per activity" ? el("span", { class: "muted" }, " (per activity)") : ""),
        ...participants.map((p) => {
          const k = key(round, p, t.id);
          const input = el("input", { type: "number", step: "1", style: "width:4.2rem; text-align:right", "aria-label": `${p}: ${t.id}, round ${round}` }) as HTMLInputElement;
          if (votes.has(k)) input.value = String(votes.get(k));
          input.addEventListener("change", () => {
            const x = input.valueAsNumber;
            if (input.value === "" || !Number.isFinite(x)) votes.delete(k);
            else votes.set(k, x);
            emit();
          });
          return el("td", { style: "text-align:right" }, input);
        }),
      ),
    );
    tableBox.replaceChildren(el("table", { class: "compact" }, el("thead", {}, head), el("tbody", {}, ...rows)));
  };
  roundSelect.addEventListener("change", () => {
    round = Number((roundSelect as HTMLSelectElement).value);
    draw();
  });
  addButton.addEventListener("click", () => {
    const name = nameInput.value.trim() || `Participant ${participants.length + 1}`;
    if (!participants.includes(name)) participants.push(name);
    nameInput.value = "";
    draw();
  });
  newRound.addEventListener("click", () => {
    round = Math.max(...rounds()) + 1;
    // A new round exists once it has a vote; show it empty until then.
    draw();
    roundSelect.append(el("option", { value: String(round), selected: "" }, `Round ${round} (new)`));
  });
  root.append(
    el("div", { style: "display:flex; gap:0.6rem; align-items:center; flex-wrap:wrap; margin-bottom:0.4rem" }, roundSelect, newRound, nameInput, addButton),
    el("p", { class: "muted" }, "Empty cell = no vote. In a later round, vote only on the criteria you discuss again: that round replaces the earlier one for them."),
    tableBox,
  );
  draw();
  root.value = value();
  return root;
}

/**
 * A file input for a votes file (CSV or JSON), read in this browser. Value:
 * {file, text} or null; an "input" event once the file is read.
 */
export function VotesUpload() {
  const input = el("input", { type: "file", accept: ".csv,.json,text/csv,application/json" }) as HTMLInputElement;
  const root = asInput(el("div", {}, el("label", {}, "Votes file (CSV or JSON): ", input)), null as { file: string; text: string } | null);
  input.addEventListener("change", async () => {
    const f = input.files?.[0];
    root.value = f ? { file: f.name, text: await f.text() } : null;
    root.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return root;
}

/** Problems of a votes file, one line each; nothing when there are none. */
export function ProblemsList(problems: readonly VoteProblem[], kept: number) {
  if (problems.length === 0) return el("p", { class: "muted" }, `${fmtInt(kept)} votes read, no problems.`);
  return ErrorBox(`${problems.length} problem(s); these rows are left out, the other ${fmtInt(kept)} votes are used:\n${problems.slice(0, 30).map(problemText).join("\n")}${problems.length > 30 ? `\n… and ${problems.length - 30} more` : ""}`, "Votes file");
}

function statusFlag(agg: Aggregation, t: TargetSummary) {
  const c = agg.criteria.find((x) => x.criterionId === t.target.criterionId)!;
  const earlier = t.rounds.slice(0, -1).map((r) => `round ${r.round}: mean ${num(r.mean, 2)}, IQR ${num(r.iqr)}${r.disputed ? " (disputed)" : ""}`).join("; ");
  const tip = (f: HTMLElement, text: string) => (f.setAttribute("title", text), f);
  if (c.status === "dropped") return tip(Flag("dropped", "bad"), `|mean| × reach below ${agg.minPoints} points`);
  if (c.status === "unvoted") return tip(Flag("no votes"), "base points kept");
  if (t.disputed) return tip(Flag(t.rounds.length > 1 ? `disputed (round ${t.final!.round})` : "disputed", "bad"), `discuss again${earlier ? `; ${earlier}` : ""}`);
  return t.rounds.length > 1 ? tip(Flag(`settled in round ${t.final!.round}`, "ok"), earlier) : "";
}

/** The per-target summary: votes, mean, median, IQR, range, consensus points against the base. */
export function VoteSummaryTable(agg: Aggregation) {
  return wide(Table(
    [
      { key: "label", label: "Criterion" }, { key: "n", label: "Votes", align: "right" },
      { key: "mean", label: "Mean", align: "right" }, { key: "median", label: "Median", align: "right" }, { key: "iqr", label: "IQR (Q1 to Q3)", align: "right" },
      { key: "range", label: "Min to max", align: "right" }, { key: "base", label: "Base", align: "right" }, { key: "points", label: "Consensus", align: "right" }, { key: "status", label: "" },
    ],
    agg.targets.map((t) => {
      const f = t.final;
      return {
        label: el("span", { title: t.target.id }, t.target.label, t.target.unit === "points per activity" ? el("span", { class: "muted" }, " (per activity)") : ""),
        n: f ? f.n : 0,
        mean: f ? num(f.mean, 2) : "–",
        median: f ? num(f.median) : "–",
        iqr: f ? el("span", { style: t.disputed ? `color:${DISPUTED}; font-weight:600` : "" }, `${num(f.iqr)} (${num(f.q1)} to ${num(f.q3)})`) : "–",
        range: f ? `${num(f.min)} to ${num(f.max)}` : "–",
        base: num(t.target.basePoints),
        points: el("strong", {}, num(t.points)),
        status: statusFlag(agg, t),
      };
    }),
  ), "12rem");
}

/**
 * Each target's votes as dots (size = how many gave that value; earlier
 * rounds hollow and grey), with the IQR as a bar and the mean as a tick;
 * disputed targets in red.
 */
export function VoteDotsChart(agg: Aggregation, { width = 720 } = {}) {
  const order = agg.targets.filter((t) => t.final).map((t) => t.target.label);
  const most = Math.max(2, ...agg.targets.flatMap((t) => t.rounds.map((r) => r.n)));
  const dots: Record<string, unknown>[] = [];
  const stats: Record<string, unknown>[] = [];
  for (const t of agg.targets) {
    const state = t.disputed ? "disputed" : "agreed";
    for (const r of t.rounds) {
      const latest = r === t.final;
      const counts = new Map<number, string[]>();
      for (const v of r.votes) counts.set(v.points, [...(counts.get(v.points) ?? []), v.participant]);
      for (const [points, who] of counts) dots.push({ label: t.target.label, points, n: who.length, who: who.join(", "), round: `round ${r.round}`, latest, state });
    }
    if (t.final) stats.push({ label: t.target.label, q1: t.final.q1, q3: t.final.q3, mean: t.final.mean, median: t.final.median, points: t.points, state, round: `round ${t.final.round}` });
  }
  const y: Channel<"y"> = { field: "label", type: "nominal", sort: order, title: null, axis: { labelLimit: 320 } };
  const color: Channel<"color"> = { field: "state", type: "nominal", scale: { domain: ["agreed", "disputed"], range: [AGREED, DISPUTED] }, title: "Latest round" };
  return Chart(
    {
      layer: [
        { data: { values: stats }, mark: { type: "rule", strokeWidth: 7, opacity: 0.25 }, encoding: { y, x: { field: "q1", type: "quantitative" }, x2: { field: "q3" }, color } },
        {
          data: { values: dots },
          mark: { type: "circle", tooltip: true },
          encoding: {
            y,
            x: { field: "points", type: "quantitative", title: "Points voted (per activity for per-activity criteria)" },
            size: { field: "n", type: "quantitative", title: "Votes", scale: { domain: [1, most], range: [25, 260] }, legend: { values: [...new Set([1, Math.ceil(most / 2), most])], format: "d" } },
            color: { condition: { test: "datum.latest", field: "state", type: "nominal", scale: { domain: ["agreed", "disputed"], range: [AGREED, DISPUTED] }, title: "Latest round" }, value: "#b5b9c0" },
            opacity: { condition: { test: "datum.latest", value: 0.85 }, value: 0.5 },
            tooltip: [{ field: "label", title: "Criterion" }, { field: "round", title: "Round" }, { field: "points", title: "Points" }, { field: "n", title: "Votes" }, { field: "who", title: "Who" }],
          },
        },
        { data: { values: stats }, mark: { type: "tick", thickness: 2, size: 16, color: "#111" }, encoding: { y, x: { field: "mean", type: "quantitative" }, tooltip: [{ field: "label", title: "Criterion" }, { field: "mean", title: "Mean", format: ".2f" }, { field: "median", title: "Median" }, { field: "q1", title: "Q1" }, { field: "q3", title: "Q3" }, { field: "points", title: "Consensus" }] } },
      ],
    },
    { width, height: Math.max(160, 22 * order.length), title: "Votes per criterion: dots, IQR bar, mean tick" },
  );
}

/** A rule in words without its band points (the points columns show them). */
function ruleBrief(r: Model["criteria"][number]["rule"]): string {
  if (r.type === "bands") return `${r.column} in ${r.bands.length} bands`;
  if (r.type === "recency") return `days since last ${r.activity}, ${r.bands.length} bands`;
  const t = ruleText(r);
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

/** The consensus model: its criteria, the dropped ones, the change note and a download. */
export function ConsensusCard(c: Consensus, base: Model, label: (m: Model) => string) {
  const baseById = new Map(base.criteria.map((x) => [x.id, x]));
  const pointsText = (m: Model["criteria"][number]) => {
    const r = m.rule;
    if (r.type === "bands") return `${r.bands.map((b) => num(b.points)).join(" / ")}; missing ${num(r.missing.points)}`;
    if (r.type === "recency") return `${r.bands.map((b) => num(b.points)).join(" / ")}; never ${num(r.never.points)}`;
    return num(m.points ?? 0);
  };
  const file = `${c.model.id}-v${c.model.version}.json`;
  return el("div", {},
    el("p", {}, el("strong", {}, `${label(c.model)} (draft, parent v${c.model.parent}): `), `${c.model.criteria.length} criteria kept, ${c.dropped.length} dropped`,
      c.dropped.length ? `: ${c.dropped.join(", ")}` : "", `. Thresholds and caps as in ${label(base)} (nurture ≥ ${c.model.thresholds.nurture}, sales-ready ≥ ${c.model.thresholds.salesReady}).`),
    wide(Table(
      [{ key: "label", label: "Criterion" }, { key: "rule", label: "Rule" }, { key: "base", label: `${label(base)}`, align: "right" }, { key: "points", label: "Consensus", align: "right" }],
      [
        ...c.model.criteria.map((m) => {
          const b = baseById.get(m.id)!;
          const changed = pointsText(b) !== pointsText(m);
          return { label: el("span", { title: m.id }, m.label), rule: ruleBrief(m.rule), base: pointsText(b), points: el(changed ? "strong" : "span", {}, pointsText(m)) };
        }),
        ...c.dropped.map((id) => {
          const b = baseById.get(id)!;
          return { label: el("s", { title: id }, b.label), rule: ruleBrief(b.rule), base: pointsText(b), points: Flag("dropped", "bad") };
        }),
      ],
    )),
    el("p", { class: "muted" }, `Change note: ${c.model.changeNote}`),
    SaveVersion(() => c.model, { label: `Save the consensus as ${c.model.id} v${c.model.version} in this workspace` }),
    el("p", { class: "muted" }, `Saved in this workspace it is scored on every page at once; the file (${file}) can also go in data/models/.`),
  );
}

/** Consensus against fitted points, target by target; large differences highlighted. */
export function AgainstDataTable(rows: readonly FitComparison[]) {
  return wide(Table(
    [
      { key: "label", label: "Criterion" }, { key: "leads", label: "Won + lost leads with it", align: "right" }, { key: "rate", label: "Their win rate", align: "right" },
      { key: "consensus", label: "Consensus", align: "right" }, { key: "fitted", label: "Data suggests", align: "right" }, { key: "diff", label: "Consensus − data", align: "right" },
    ],
    rows.map((r) => ({
      label: el("span", { title: r.target.id }, r.target.label, r.target.unit === "points per activity" ? el("span", { class: "muted" }, " (per activity)") : ""),
      leads: fmtInt(r.fitted.nActive),
      rate: r.fitted.winRate === null ? "–" : fmtPct(r.fitted.winRate),
      consensus: r.consensus === null ? Flag("dropped", "bad") : num(r.consensus),
      fitted: r.fitted.reference ? el("span", { class: "muted", title: "reference band, held at 0" }, "0 (ref.)") : `${r.fitted.approx ? "≈ " : ""}${num(r.fitted.points)}`,
      diff: el("span", { style: r.large ? `color:${DISPUTED}; font-weight:600` : "", title: r.large ? `the workshop gives ${r.difference > 0 ? "more" : "fewer"} points than the data suggests (≥ 10 points a lead can get)` : "" }, signed(r.difference)),
    })),
  ));
}

/** Consensus vs fitted points as a dumbbell per target (per-activity targets × their max count, so every row is in points a lead can get). */
export function AgainstDataChart(rows: readonly FitComparison[], { width = 720 } = {}) {
  const order = rows.map((r) => r.target.label);
  const values = rows.flatMap((r) => {
    const k = r.target.reach;
    const c = (r.consensus ?? 0) * k, f = r.fitted.points * k;
    return [
      { label: r.target.label, source: r.consensus === null ? "consensus (dropped)" : "consensus", points: c, lo: Math.min(c, f), hi: Math.max(c, f), large: r.large },
      { label: r.target.label, source: "data suggests", points: f, lo: Math.min(c, f), hi: Math.max(c, f), large: r.large },
    ];
  });
  const y: Channel<"y"> = { field: "label", type: "nominal", sort: order, title: null, axis: { labelLimit: 320 } };
  return Chart(
    {
      data: { values },
      layer: [
        { mark: { type: "rule", strokeWidth: 2 }, encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" }, color: { condition: { test: "datum.large", value: DISPUTED }, value: "#c9ccd1" } } },
        {
          mark: { type: "point", filled: true, size: 70, tooltip: true },
          encoding: {
            y,
            x: { field: "points", type: "quantitative", title: "Points a lead can get from it (per-activity × max count)" },
            color: { field: "source", type: "nominal", scale: { domain: ["consensus", "consensus (dropped)", "data suggests"], range: [AGREED, "#b5b9c0", "#e08a1e"] }, title: null },
            tooltip: [{ field: "label", title: "Criterion" }, { field: "source" }, { field: "points", title: "Points", format: ".0f" }],
          },
        },
      ],
    },
    { width, height: Math.max(160, 22 * order.length), title: "Consensus vs the data, per criterion" },
  );
}

type Cal = VersionCalibration | { model: Model; error: string };

/** Headline metrics of the versions side by side. */
export function CalibrationTable(cals: readonly Cal[], label: (m: Model) => string, roles: Map<Model, string>) {
  return wide(Table(
    [
      { key: "version", label: "Version" }, { key: "n", label: "Won / lost", align: "right" }, { key: "auc", label: "AUC (95 % CI)", align: "right" },
      { key: "gini", label: "Gini", align: "right" }, { key: "ks", label: "KS", align: "right" }, { key: "brier", label: "Brier*", align: "right" },
      { key: "oot", label: "Out-of-time slope / intercept", align: "right" }, { key: "mono", label: "Win rate rises with score?" },
    ],
    cals.map((r) => {
      const version = el("span", {}, el("strong", {}, label(r.model)), el("br"), el("span", { class: "muted" }, roles.get(r.model) ?? ""));
      if (r.error !== null) return { version, n: Flag(r.error, "bad") };
      const e = (r as VersionCalibration).evaluation, o = (r as VersionCalibration).outOfTime;
      return {
        version,
        n: `${fmtInt(e.nWon)} / ${fmtInt(e.nLost)}`,
        auc: el("strong", {}, `${fmtNum(e.auc.auc)} (${fmtNum(e.auc.ci95[0])}–${fmtNum(e.auc.ci95[1])})`),
        gini: fmtNum(e.gini), ks: fmtNum(e.ks.ks), brier: fmtNum(e.calibration.brier.brier, 4),
        oot: o?.interceptSlope ? `${fmtNum(o.interceptSlope.slope, 2)} / ${fmtNum(o.interceptSlope.intercept, 2)}` : (o?.note ?? "–"),
        mono: e.monotonicity.monotone ? Flag("yes", "ok") : Flag(`no: ${e.monotonicity.violations.length} band(s) drop`, "bad"),
      };
    }),
  ), "9rem");
}

/** The tier tables of the versions in one table: per version its thresholds, then ignore / nurture / sales-ready. */
export function TiersTable(rows: readonly { model: Model; evaluation: Evaluation; role: string }[], label: (m: Model) => string) {
  const th = (x: number) => (Number.isInteger(x) ? num(x) : x.toFixed(1));
  return wide(Table(
    [
      { key: "version", label: "Version" }, { key: "tier", label: "Tier" }, { key: "from", label: "From score", align: "right" }, { key: "leads", label: "Won + lost leads", align: "right" },
      { key: "share", label: "Share", align: "right" }, { key: "rate", label: "Win rate (95 % CI)", align: "right" }, { key: "captured", label: "Share of all wins", align: "right" },
    ],
    rows.flatMap(({ model, evaluation, role }) =>
      [...evaluation.tiers].reverse().map((x, k) => ({
        version: k === 0 ? el("span", {}, el("strong", {}, label(model)), el("br"), el("span", { class: "muted" }, role)) : "",
        tier: tierLabel(x.tier),
        from: x.tier === "sales-ready" ? th(model.thresholds.salesReady) : x.tier === "nurture" ? th(model.thresholds.nurture) : "–",
        leads: fmtInt(x.leads), share: fmtPct(x.share),
        rate: x.winRate == null || x.ci == null ? "–" : `${fmtPct(x.winRate)} (${fmtCi(x.ci)})`,
        captured: x.shareOfWins == null ? "–" : fmtPct(x.shareOfWins),
      })),
    ),
  ), "8rem");
}
