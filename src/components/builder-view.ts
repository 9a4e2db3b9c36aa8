/**
 * The criteria builder: pick a column or an activity type, see its levels,
 * bands, counts or recency with leads, win rate (Wilson interval) and lift,
 * give points, and watch the AUC, the won-vs-lost distribution and the tiers
 * follow (the what-if engine re-scores every lead). Save the result as a
 * version of the active workspace.
 */
import type { Db } from "../lib/db/types.js";
import type { Model } from "../lib/model/schema.js";
import { bandEvidence, countEvidence, COUNT_ROWS, levelEvidence, recencyEvidence, type Evidence, type EvidenceRow } from "../lib/builder/evidence.js";
import { builderModel, humanize, type Block, type BuilderState, type LevelRow } from "../lib/builder/blocks.js";
import type { BuilderSource } from "../lib/builder/sources.js";
import { featureKey, featureSpecs } from "../lib/scoring/features.js";
import { recompute } from "../lib/scoring/recompute.js";
import { unitSlots } from "../lib/scoring/units.js";
import { loadWhatIf, whatIfInput, type WhatIf } from "../lib/scoring/whatif.js";
import { DistributionChart } from "./charts.js";
import { SaveVersion } from "./save-version.js";
import { ErrorBox, Flag, Table, el, fmtCi, fmtInt, fmtNum, fmtPct } from "./ui.js";
import { resultBins, tierTable } from "./whatif-view.js";

export type Source = BuilderSource;

export interface BuilderContext {
  db: Db;
  /** The versions scored now (their features are kept when the builder rebuilds features). */
  models: Model[];
  /** Features present in lead_features (featureKey), null when none were built yet. */
  features: Set<string> | null;
  id: string;
  version: number;
  effectiveFrom: string;
  /** The content width when a chart is drawn (not Framework's reactive `width`: that would rebuild the builder, and lose its criteria, on every resize). */
  width: () => number;
}

type Row<R> = R & EvidenceRow;

function evidenceTable<R>(ev: Evidence<R>, points: number[], onPoints: (i: number, p: number) => void) {
  return Table(
    [
      { key: "label", label: "Value" }, { key: "leads", label: "Leads", align: "right" }, { key: "won", label: "Won", align: "right" },
      { key: "lost", label: "Lost", align: "right" }, { key: "rate", label: "Win rate (95 % interval)", align: "right" },
      { key: "lift", label: "Lift", align: "right" }, { key: "points", label: "Points", align: "right" },
    ],
    ev.rows.map((r: Row<R>, i) => {
      const input = el("input", { type: "number", step: "1", value: String(points[i] ?? 0), style: "width:5em", "aria-label": `points for ${r.label}`, "data-points": String(i) }) as HTMLInputElement;
      input.addEventListener("input", () => {
        const v = Math.round(Number(input.value));
        if (Number.isFinite(v)) onPoints(i, v);
      });
      const small = r.won + r.lost < ev.small;
      return {
        label: r.label, leads: fmtInt(r.leads), won: fmtInt(r.won), lost: fmtInt(r.lost),
        rate: r.winRate === null ? "–" : el("span", {}, `${fmtPct(r.winRate)} (${fmtCi(r.ci!)})`, small ? " " : "", small ? Flag("few leads", "warn") : ""),
        lift: r.lift === null ? "–" : fmtNum(r.lift, 2), points: input,
      };
    }),
  );
}

/** Suggested starting points from the lift: log2(lift) × 10, rounded (0 for small rows). */
function startPoints(ev: Evidence<unknown>): number[] {
  return ev.rows.map((r) => (r.lift && r.won + r.lost >= ev.small ? Math.max(-30, Math.min(30, Math.round(10 * Math.log2(r.lift)))) : 0));
}

async function blockFor(db: Db, source: Source, withinDays: number, recencyMode: boolean): Promise<{ block: Block; evidence: Evidence<unknown> }> {
  const name = source.value.slice(4);
  if (source.kind === "string" || source.kind === "boolean") {
    const ev = await levelEvidence(db, name);
    const pts = startPoints(ev);
    const rows: LevelRow[] = ev.rows.map((r, i) => (r.kind === "level" ? { kind: "level", value: r.value, points: pts[i] } : { kind: r.kind, points: pts[i] }));
    return { block: { type: "levels", column: name, columnType: source.kind, rows }, evidence: ev };
  }
  if (source.kind === "number") {
    const ev = await bandEvidence(db, name);
    const pts = startPoints(ev);
    const bands = ev.rows.flatMap((r, i) => (r.kind === "band" ? [{ lo: r.lo, hi: r.hi, points: pts[i] }] : []));
    const missing = ev.rows.findIndex((r) => r.kind === "missing");
    return { block: { type: "bands", column: name, bands, missing: missing >= 0 ? pts[missing] : 0 }, evidence: ev };
  }
  if (recencyMode) {
    const ev = await recencyEvidence(db, name);
    const pts = startPoints(ev);
    return { block: { type: "recency", activity: name, bands: ev.rows.flatMap((r, i) => (r.kind === "band" ? [{ lo: r.lo, hi: r.hi, points: pts[i] }] : [])), never: pts[ev.rows.length - 1] }, evidence: ev };
  }
  const ev = await countEvidence(db, name, withinDays);
  const pts = startPoints(ev);
  return { block: { type: "count", activity: name, withinDays, rows: COUNT_ROWS.slice(1).map((r, i) => ({ min: r.min, max: r.max, points: pts[i + 1] })) }, evidence: ev };
}

/** Points of a block's rows in evidence-row order, and how to set one. */
function blockPoints(b: Block): { points: number[]; set: (i: number, p: number) => void } {
  switch (b.type) {
    case "levels": return { points: b.rows.map((r) => r.points), set: (i, p) => (b.rows[i].points = p) };
    case "bands": return { points: [...b.bands.map((x) => x.points), b.missing], set: (i, p) => (i < b.bands.length ? (b.bands[i].points = p) : (b.missing = p)) };
    case "count": return { points: [0, ...b.rows.map((r) => r.points)], set: (i, p) => i > 0 && (b.rows[i - 1].points = p) };
    case "recency": return { points: [...b.bands.map((x) => x.points), b.never], set: (i, p) => (i < b.bands.length ? (b.bands[i].points = p) : (b.never = p)) };
  }
}

const blockTitle = (b: Block) =>
  b.type === "levels" || b.type === "bands" ? humanize(b.column)
    : b.type === "count" ? `${humanize(b.activity)}: how many in the last ${b.withinDays} days before the scoring date`
      : `${humanize(b.activity)}: days from the last one to the scoring date`;

export function CriteriaBuilder(sources: Source[], ctx: BuilderContext): HTMLElement {
  const state: BuilderState = {
    id: ctx.id, version: ctx.version, author: "Criteria builder", note: "", effectiveFrom: ctx.effectiveFrom,
    thresholds: { nurture: 0, salesReady: 0 }, blocks: [],
  };
  const evidence = new Map<Block, Evidence<unknown>>();
  let thresholdsSet = false;
  let features = ctx.features;
  let wi: WhatIf | null = null;
  let wiKey = "";
  let busy: Promise<void> = Promise.resolve();

  const root = el("div", { class: "builder", "data-builder": "" });
  const pick = el("select", { "data-action": "pick-source", "aria-label": "Column or activity type" },
    el("option", { value: "" }, "Choose a column or an activity type…"),
    ...sources.map((s) => el("option", { value: s.value }, s.label))) as HTMLSelectElement;
  const days = el("select", { "aria-label": "window in days" }, ...[7, 30, 90, 365].map((d) => el("option", { value: String(d), ...(d === 30 ? { selected: "" } : {}) }, `in the last ${d} days`))) as HTMLSelectElement;
  const mode = el("select", { "aria-label": "count or recency" }, el("option", { value: "count" }, "count"), el("option", { value: "recency" }, "recency (days since the last one)")) as HTMLSelectElement;
  const actOpts = el("span", { hidden: "" }, " ", mode, " ", days);
  const add = el("button", { type: "button", "data-action": "add-criterion" }, "Add to the model") as HTMLButtonElement;
  const pickStatus = el("span", { class: "muted", role: "status" });
  pick.addEventListener("change", () => (actOpts.hidden = !pick.value.startsWith("act:")));
  const blocksBox = el("div", { class: "builder-blocks" });
  const live = el("div", { class: "builder-live", "data-builder-live": "" });
  const nurture = el("input", { type: "number", step: "1", style: "width:5em", "aria-label": "nurture threshold", "data-threshold": "nurture" }) as HTMLInputElement;
  const sales = el("input", { type: "number", step: "1", style: "width:5em", "aria-label": "sales-ready threshold", "data-threshold": "salesReady" }) as HTMLInputElement;
  const idInput = el("input", { type: "text", value: state.id, size: "20", "aria-label": "model id" }) as HTMLInputElement;
  idInput.addEventListener("change", () => (state.id = idInput.value.trim() || ctx.id));
  for (const [inp, k] of [[nurture, "nurture"], [sales, "salesReady"]] as const)
    inp.addEventListener("input", () => {
      const v = Number(inp.value);
      if (Number.isFinite(v)) (state.thresholds[k] = v), (thresholdsSet = true), schedule();
    });

  add.addEventListener("click", async () => {
    const source = sources.find((s) => s.value === pick.value);
    if (!source) return void (pickStatus.textContent = " Choose a column or activity type first.");
    add.disabled = true;
    pickStatus.textContent = " Measuring…";
    try {
      const { block, evidence: ev } = await blockFor(ctx.db, source, Number(days.value), mode.value === "recency");
      state.blocks.push(block);
      evidence.set(block, ev);
      pickStatus.textContent = "";
      drawBlocks();
      schedule();
    } catch (e) {
      pickStatus.replaceChildren(ErrorBox((e as Error).message, "Could not measure it"));
    } finally {
      add.disabled = false;
    }
  });

  function drawBlocks() {
    blocksBox.replaceChildren(...state.blocks.map((b) => {
      const ev = evidence.get(b)!;
      const bp = blockPoints(b);
      const remove = el("button", { type: "button", "data-action": "remove-criterion" }, "Remove");
      remove.addEventListener("click", () => {
        state.blocks.splice(state.blocks.indexOf(b), 1);
        drawBlocks();
        schedule();
      });
      return el("div", { class: "card builder-block" }, el("h3", {}, blockTitle(b), " ", remove),
        evidenceTable(ev, bp.points, (i, p) => (bp.set(i, p), schedule())),
        el("p", { class: "muted" }, `Overall win rate ${ev.overall.winRate === null ? "–" : fmtPct(ev.overall.winRate)}. Lift = the row's win rate ÷ the overall one. Starting points: 10 × log₂(lift), 0 where fewer than ${ev.small} leads are decided.`));
    }));
  }

  let timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = window.setTimeout(() => (busy = busy.then(evaluate, evaluate)), 150);
  }

  async function evaluate() {
    let model: Model;
    try {
      if (!state.blocks.length) throw new Error("Add a column or an activity type to start.");
      model = builderModel({ ...state, thresholds: thresholdsSet ? state.thresholds : { nurture: 0, salesReady: 1 } });
      void model;
    } catch (e) {
      live.replaceChildren(el("p", { class: "muted" }, (e as Error).message.includes("criteria") ? "Give points to at least one row." : (e as Error).message));
      wi = null;
      return;
    }
    try {
      const needed = featureSpecs([model]).map(featureKey);
      if (!features || needed.some((k) => !features!.has(k))) {
        live.replaceChildren(el("p", { class: "progress" }, "Counting the activities as of each lead's scoring date…"));
        const r = await recompute(ctx.db, [...ctx.models, model]);
        features = new Set(r.features.map((f) => featureKey(f.spec)));
        wiKey = "";
      }
      const key = JSON.stringify(model.criteria.map((c) => c.rule)) + JSON.stringify(unitSlots(model).map((s) => [s.criterionId, s.bandIndex]));
      if (!wi || key !== wiKey) {
        wi = await loadWhatIf(ctx.db, model, { table: "lead_outcomes", column: "outcome" });
        wiKey = key;
      }
      if (!thresholdsSet) {
        // Until the analyst sets them: the scores that put about 15 % of leads in sales-ready and the next 35 % in nurture.
        const s = Float64Array.from(wi.rescore({ ...whatIfInput(model), thresholds: { nurture: 0, salesReady: 1 } }).scores()).sort();
        const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
        state.thresholds = { nurture: at(0.5), salesReady: Math.max(at(0.5) + 1, at(0.85)) };
        nurture.value = String(state.thresholds.nurture);
        sales.value = String(state.thresholds.salesReady);
        model = builderModel(state);
      }
      const r = wi.rescore(whatIfInput(model));
      const grade = r.auc === null ? "" : r.auc >= 0.8 ? "strong" : r.auc >= 0.7 ? "useful" : r.auc >= 0.6 ? "weak" : "barely better than chance";
      live.replaceChildren(
        el("p", { "data-auc": r.auc === null ? "" : r.auc.toFixed(4) }, el("strong", {}, `AUC ${r.auc === null ? "–" : fmtNum(r.auc, 3)}`), r.auc === null ? "" : ` (${grade})`,
          ` — the chance that a won lead scores above a lost one: 0.5 is a coin toss, 1 perfect. ${model.criteria.length} criteria, ${fmtInt(r.n)} leads re-scored in ${fmtNum(r.ms, 0)} ms.`),
        DistributionChart(resultBins(r), model.thresholds, { width: Math.min(ctx.width(), 900), height: 220, title: "Your score: won vs lost" }),
        tierTable(r),
      );
    } catch (e) {
      live.replaceChildren(ErrorBox((e as Error).message, "Could not score the model"));
    }
  }

  const save = SaveVersion(() => builderModel(state), { label: "Save this model as a version of the workspace" });
  root.append(
    el("div", { class: "card" }, el("p", {}, el("label", {}, "Add a criterion from ", pick), actOpts, " ", add, pickStatus),
      el("p", { class: "muted" }, "Numbers are cut in about five bands of equal size at readable values; text columns show their frequent values, the rest grouped as “any other value”. Activities are counted as of each lead's scoring date, as the scorer does.")),
    blocksBox,
    el("h2", {}, "Your model"),
    el("p", {}, el("label", {}, "Model id ", idInput), ` version ${state.version} · thresholds: nurture ≥ `, nurture, " sales-ready ≥ ", sales,
      el("span", { class: "muted" }, " (until you set them: the scores that send about 15 % of leads to sales and the next 35 % to nurture)")),
    live,
    save,
  );
  live.append(el("p", { class: "muted" }, "Add a column or an activity type to start."));
  return root;
}
