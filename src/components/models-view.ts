/**
 * Model-page building blocks: the versions table, a version's criteria, the
 * diff of two versions, the tier migration heatmap and a lead's explanation.
 */
import type { Model, Rule } from "../lib/model/schema.js";
import type { ModelDiff } from "../lib/model/diff.js";
import type { LeadDetail } from "../lib/workbench/lead-detail.js";
import type { MigrationCell } from "../lib/workbench/migration.js";
import type { VersionEntry } from "../lib/workspace/versions.js";
import { Chart } from "./chart.js";
import { DownloadButton, ErrorBox, Flag, Table, el, fmtCi, fmtInt, fmtPct } from "./ui.js";
import { TIER_LABEL, TIERS, tierLabel } from "../lib/model/tiers.js";

/** A rule in words: `job_level in ["VP", "C-level"]`. */
export function ruleText(r: Rule): string {
  const j = (v: unknown) => JSON.stringify(v);
  const band = (b: { lo: number | null; hi: number | null; points: number }) => `[${b.lo ?? "−∞"}, ${b.hi ?? "∞"}) → ${b.points}`;
  switch (r.type) {
    case "equals": return `${r.column} = ${j(r.value)}`;
    case "in": return `${r.column} in ${j(r.values)}`;
    case "notIn": return `${r.column} not in ${j(r.values)}`;
    case "bands": return `${r.column}: ${r.bands.map(band).join("; ")}; missing → ${r.missing.points}`;
    case "missing": return `${r.column} is missing`;
    case "present": return `${r.column} is present`;
    case "flag": return `${r.column} is true`;
    case "activityCount": return `≥ ${r.min} × ${r.activity} in ${r.withinDays} days`;
    case "activityPoints": return `per ${r.activity} in ${r.withinDays} days${r.maxCount ? `, max ${r.maxCount}` : ""}${r.decay ? `, half-life ${r.decay.halfLifeDays} d` : ""}`;
    case "hasActivity": return `any ${r.activity}${r.withinDays ? ` in ${r.withinDays} days` : ""}${r.decay ? `, half-life ${r.decay.halfLifeDays} d` : ""}`;
    case "recency": return `days since last ${r.activity}: ${r.bands.map(band).join("; ")}; never → ${r.never.points}`;
  }
}

const STATUS_TEXT: Record<VersionEntry["status"], string> = {
  fits: "scored", invalid: "invalid file", duplicate: "duplicate", "not-for-dataset": "not for this dataset", failed: "scoring failed",
};

/**
 * Every model file of the workspace with its status: the versions scored,
 * then the ones that are not (invalid, duplicate, not for this dataset,
 * failed) with the reason; each with publish / retire / delete / download.
 */
export function VersionsTable(entries: VersionEntry[], label: (m: Model) => string, current?: Model, actions?: VersionActions) {
  const scored = entries.filter((e) => e.status === "fits" && e.model);
  const notScored = entries.filter((e) => !(e.status === "fits" && e.model));
  const text = (e: VersionEntry) => actions?.text(e.file) ?? "";
  const buttons = (e: VersionEntry) => {
    if (!actions) return "";
    const b = (name: string, title: string, fn: () => Promise<void>) => {
      const x = el("button", { type: "button", "data-action": name, "data-file": e.file, title }, name) as HTMLButtonElement;
      x.addEventListener("click", async () => {
        x.disabled = true;
        try {
          await fn();
          location.reload();
        } catch (err) {
          x.after(ErrorBox((err as Error).message, `Could not ${name}`));
          x.disabled = false;
        }
      });
      return x;
    };
    const m = e.model;
    return el("span", { class: "version-actions" },
      m && m.status !== "published" ? b("publish", "Mark this version published (the current version is the newest published one)", () => actions.setStatus(e.file, text(e), "published")) : "",
      m && m.status !== "retired" ? b("retire", "Mark this version retired (kept for comparison)", () => actions.setStatus(e.file, text(e), "retired")) : "",
      b("delete", "Remove this file from the workspace (in this browser)", () => actions.remove(e.file)),
      " ", DownloadButton("download", e.file.split("/").pop() || "version.json", () => text(e)));
  };
  const out = el("div", {},
    scored.length ? Table(
      [
        { key: "version", label: "Version" }, { key: "status", label: "Status" }, { key: "parent", label: "Parent" },
        { key: "from", label: "Effective from" }, { key: "author", label: "Author", wrap: true }, { key: "criteria", label: "Criteria", align: "right" },
        { key: "thresholds", label: "Nurture / sales-ready", align: "right" }, { key: "actions", label: "" },
      ],
      scored.map((e) => {
        const m = e.model!;
        return {
          version: el("span", { title: e.file }, label(m), m === current ? " " : "", m === current ? Flag("current", "ok") : ""),
          status: m.status, parent: m.parent ?? "–", from: m.effectiveFrom, author: m.author,
          criteria: m.criteria.length, thresholds: `${m.thresholds.nurture} / ${m.thresholds.salesReady}`, actions: buttons(e),
        };
      }),
    ) : el("p", {}, "No version is scored on this dataset yet."),
    notScored.length ? el("div", { class: "versions-not-scored" },
      el("h3", {}, "Not scored"),
      ...notScored.map((e) => el("div", { class: "version-not-scored", "data-status": e.status },
        ErrorBox(`${e.reason ?? ""}\nThe other versions work as usual.`, `${e.id ?? e.file}: ${STATUS_TEXT[e.status]}`), buttons(e)))) : "",
    scored.length ? el("h3", {}, "Change notes") : "",
    el("ul", {}, ...scored.map(({ model: m }) => el("li", {}, el("strong", {}, `${label(m!)}: `), m!.changeNote || "(no note)"))),
  );
  return out;
}

/** Adds model files (JSON) to the active workspace: each is checked like any other and listed with its status. */
export function ModelUpload(add: (files: { file: string; text: string }[]) => Promise<void>) {
  const input = el("input", { type: "file", accept: ".json,application/json", multiple: "", "data-action": "upload-models" }) as HTMLInputElement;
  const status = el("span", { class: "muted", role: "status" });
  input.addEventListener("change", async () => {
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    try {
      await add(await Promise.all(files.map(async (f) => ({ file: `upload/${f.name}`, text: await f.text() }))));
      status.textContent = ` Added ${files.length} file(s); reloading…`;
      location.reload();
    } catch (e) {
      status.replaceChildren(ErrorBox((e as Error).message, "Could not add the files"));
    }
  });
  return el("p", {}, el("label", {}, "Add model files (JSON, e.g. from data/models/): ", input), status);
}

/** What the versions table can do to a file of the active workspace. */
export interface VersionActions {
  text(file: string): string | undefined;
  setStatus(file: string, text: string, status: Model["status"]): Promise<void>;
  remove(file: string): Promise<void>;
}

export function CriteriaTable(m: Model) {
  return Table(
    [{ key: "id", label: "Id" }, { key: "label", label: "Criterion", wrap: true }, { key: "category", label: "Category" }, { key: "group", label: "Group" }, { key: "rule", label: "Rule", wrap: true }, { key: "points", label: "Points", align: "right" }],
    m.criteria.map((c) => ({ id: c.id, label: c.label, category: c.category, group: c.group ?? "", rule: ruleText(c.rule), points: c.points ?? "(in bands)" })),
  );
}

export function DiffView(d: ModelDiff) {
  const items: (string | Node)[] = [];
  for (const c of d.added) items.push(el("li", {}, Flag("added", "ok"), ` ${c.id} (${c.label}): ${ruleText(c.rule)}, ${c.points ?? "band"} points`));
  for (const c of d.removed) items.push(el("li", {}, Flag("removed", "bad"), ` ${c.id} (${c.label})`));
  for (const r of d.repointed) items.push(el("li", {}, Flag("repointed"), ` ${r.id}: ${r.from ?? "–"} → ${r.to ?? "–"} points`));
  for (const r of d.ruleChanged) items.push(el("li", {}, Flag("rule changed"), ` ${r.id}: ${ruleText(r.from)} → ${ruleText(r.to)}`));
  for (const r of d.relabelled) items.push(el("li", {}, Flag(r.field), ` ${r.id}: ${r.from ?? "–"} → ${r.to ?? "–"}`));
  for (const t of d.thresholds) items.push(el("li", {}, Flag("threshold"), ` ${t.name === "salesReady" ? "sales-ready" : "nurture"}: ${t.from} → ${t.to}`));
  for (const c of d.caps) items.push(el("li", {}, Flag("cap"), ` ${c.scope} ${c.name}: ${c.from ?? "none"} → ${c.to ?? "none"}`));
  return items.length ? el("ul", {}, ...items) : el("p", {}, "The two versions score identically.");
}


export function MigrationHeatmap(cells: MigrationCell[], aLabel: string, bLabel: string, width = 480) {
  const values = cells.map((c) => ({
    from: TIER_LABEL[c.from], to: TIER_LABEL[c.to], leads: c.leads,
    text: `${fmtInt(c.leads)} leads${c.winRate == null ? "" : ` · ${fmtPct(c.winRate)} won`}`,
    winRate: c.winRate ?? 0, ci: c.ci ? fmtCi(c.ci) : "–",
  }));
  const order = TIERS.map((t) => TIER_LABEL[t]);
  return Chart(
    {
      data: { values },
      encoding: {
        // No grid lines (they would cross the cell labels); short titles (the version only), so nothing is cut.
        x: { field: "to", type: "ordinal", sort: order, title: `${bLabel} (columns)`, axis: { labelAngle: 0, orient: "top", grid: false } },
        y: { field: "from", type: "ordinal", sort: [...order].reverse(), title: `${aLabel} (rows)`, axis: { grid: false, titleLimit: 200 } },
      },
      layer: [
        { mark: { type: "rect", tooltip: true }, encoding: { color: { field: "leads", type: "quantitative", scale: { scheme: "blues" }, title: "Leads" }, tooltip: [{ field: "from", title: aLabel }, { field: "to", title: bLabel }, { field: "leads", format: "," }, { field: "winRate", title: "Win rate", format: ".1%" }, { field: "ci", title: "95 % CI" }] } },
        { mark: { type: "text", fontSize: 12 }, encoding: { text: { field: "text" }, color: { condition: { test: `datum.leads > ${Math.max(...cells.map((c) => c.leads)) / 2}`, value: "white" }, value: "black" } } },
      ],
    },
    { width, height: 230, title: `Tier migration ${aLabel} → ${bLabel}` },
  );
}

export function LeadExplanation(d: LeadDetail, modelLabel: string) {
  const e = d.explanation;
  return el("div", { class: "card" },
    el("p", {}, `Scored by ${modelLabel} as of `, el("strong", {}, d.scoringAt), `: `, el("strong", {}, `${+e.score.toFixed(2)} points`), ` → ${tierLabel(e.tier)}. Outcome: ${d.outcome ?? "–"}. `,
      `${d.activities.length} activities up to the scoring date were used; ${d.later} later ones were ignored (no look-ahead).`),
    Table(
      [{ key: "label", label: "Criterion", wrap: true }, { key: "because", label: "Value / rule", wrap: true }, { key: "count", label: "Count", align: "right" }, { key: "age", label: "Last activity (days before)", align: "right" }, { key: "points", label: "Points", align: "right" }],
      e.criteria.map((c) => ({
        label: c.fired ? el("strong", {}, c.label) : el("span", { class: "muted" }, c.label),
        because: c.because, count: c.count ?? "", age: c.lastAgeDays == null ? "" : c.lastAgeDays.toFixed(1),
        points: c.fired ? +c.points.toFixed(2) : el("span", { class: "muted" }, "0"),
      })),
    ),
    el("p", { class: "muted" }, e.categories.map((c) => `${c.category === "fit" ? "fit" : "engagement (behaviour)"}: ${+c.raw.toFixed(2)} points${c.capped !== c.raw ? ` (capped to ${+c.capped.toFixed(2)})` : ""}`).join(" · "),
      e.cell ? ` · grid cell ${e.cell}` : "", ` · tier: ${e.tierBecause}.`),
  );
}
