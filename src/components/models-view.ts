/**
 * Model-page building blocks: the versions table, a version's criteria, the
 * diff of two versions, the tier migration heatmap and a lead's explanation.
 */
import type { Model, Rule } from "../lib/model/schema.js";
import type { ModelDiff } from "../lib/model/diff.js";
import type { LeadDetail } from "../lib/workbench/lead-detail.js";
import type { MigrationCell } from "../lib/workbench/migration.js";
import type { ModelEntry } from "../lib/workbench/models.js";
import { Chart } from "./chart.js";
import { ErrorBox, Flag, Table, el, fmtCi, fmtInt, fmtPct } from "./ui.js";

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

export function VersionsTable(entries: ModelEntry[], label: (m: Model) => string, current?: Model) {
  const ok = entries.flatMap((e) => (e.ok ? [e] : []));
  const out = el("div", {},
    Table(
      [
        { key: "version", label: "Version" }, { key: "status", label: "Status" }, { key: "parent", label: "Parent" },
        { key: "from", label: "Effective from" }, { key: "author", label: "Author" }, { key: "criteria", label: "Criteria", align: "right" },
        { key: "thresholds", label: "Nurture / sales-ready", align: "right" }, { key: "file", label: "File", wrap: true },
      ],
      ok.map(({ model: m, file }) => ({
        version: el("span", {}, label(m), m === current ? " " : "", m === current ? Flag("current", "ok") : ""),
        status: m.status, parent: m.parent ?? "–", from: m.effectiveFrom, author: m.author,
        criteria: m.criteria.length, thresholds: `${m.thresholds.nurture} / ${m.thresholds.salesReady}`, file,
      })),
    ),
    el("h3", {}, "Change notes"),
    el("ul", {}, ...ok.map(({ model: m }) => el("li", {}, el("strong", {}, `${label(m)}: `), m.changeNote || "(no note)"))),
  );
  for (const e of entries) if (!e.ok) out.prepend(ErrorBox(`${e.error}\nThis file is skipped; the other versions work as usual. Fix the file and rebuild (or reload the preview).`, "Invalid model file"));
  return out;
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

const TIER_LABEL: Record<string, string> = { ignore: "Ignore", nurture: "Nurture", "sales-ready": "Sales-ready" };

export function MigrationHeatmap(cells: MigrationCell[], aLabel: string, bLabel: string, width = 480) {
  const values = cells.map((c) => ({
    from: TIER_LABEL[c.from], to: TIER_LABEL[c.to], leads: c.leads,
    text: `${fmtInt(c.leads)} leads${c.winRate == null ? "" : ` · ${fmtPct(c.winRate)} won`}`,
    winRate: c.winRate ?? 0, ci: c.ci ? fmtCi(c.ci) : "–",
  }));
  const order = ["Ignore", "Nurture", "Sales-ready"];
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
    } as never,
    { width, height: 230, title: `Tier migration ${aLabel} → ${bLabel}` },
  );
}

export function LeadExplanation(d: LeadDetail, modelLabel: string) {
  const e = d.explanation;
  return el("div", { class: "card" },
    el("p", {}, `Scored by ${modelLabel} as of `, el("strong", {}, d.scoringAt), `: `, el("strong", {}, `${+e.score.toFixed(2)} points`), ` → ${TIER_LABEL[e.tier]}. Outcome: ${d.outcome ?? "–"}. `,
      `${d.activities.length} activities up to the scoring date were used; ${d.later} later ones were ignored (no look-ahead).`),
    Table(
      [{ key: "label", label: "Criterion", wrap: true }, { key: "because", label: "Value / rule", wrap: true }, { key: "count", label: "Count", align: "right" }, { key: "age", label: "Last activity (days before)", align: "right" }, { key: "points", label: "Points", align: "right" }],
      e.criteria.map((c) => ({
        label: c.fired ? el("strong", {}, c.label) : el("span", { class: "muted" }, c.label),
        because: c.because, count: c.count ?? "", age: c.lastAgeDays == null ? "" : c.lastAgeDays.toFixed(1),
        points: c.fired ? +c.points.toFixed(2) : el("span", { class: "muted" }, "0"),
      })),
    ),
    el("p", { class: "muted" }, e.categories.map((c) => `${c.category}: ${+c.raw.toFixed(2)} points${c.capped !== c.raw ? ` (capped to ${+c.capped.toFixed(2)})` : ""}`).join(" · ")),
  );
}
