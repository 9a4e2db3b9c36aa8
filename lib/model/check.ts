/**
 * The cross-field rules of a model file, run by the schema (schema.ts) after
 * the structure is valid. Each issue says what is wrong, what was received
 * and how to fix it; its path is the JSON path of the offending value.
 */
import type { Criterion, Model, Rule } from "./schema.js";

export interface ModelIssue {
  path: (string | number)[];
  message: string;
}

/** Output columns of a score table; criterion ids may not take these names. */
export const RESERVED_IDS = ["lead_id", "scoring_at", "score", "tier", "fit_score", "engagement_score"];

const BAND_RULES = new Set<Rule["type"]>(["bands", "recency"]);
const show = (v: unknown) => JSON.stringify(v);

/** Checks band order: each band lo < hi, open ends only at the ends, band i ends at or before band i+1 starts. */
function bandIssues(bands: { lo: number | null; hi: number | null }[], path: (string | number)[]): ModelIssue[] {
  const out: ModelIssue[] = [];
  bands.forEach((b, i) => {
    if (b.lo === null && i > 0) out.push({ path: [...path, i, "lo"], message: `only the first band may have lo: null (-infinity); received null in band ${i}. Give it a number.` });
    if (b.hi === null && i < bands.length - 1) out.push({ path: [...path, i, "hi"], message: `only the last band may have hi: null (+infinity); received null in band ${i}. Give it a number.` });
    if (b.lo !== null && b.hi !== null && !(b.lo < b.hi)) out.push({ path: [...path, i], message: `a band needs lo < hi; received [${b.lo}, ${b.hi}). Swap or fix the bounds.` });
  });
  for (let i = 0; i + 1 < bands.length; i++) {
    const a = bands[i], b = bands[i + 1];
    if (a.lo !== null && b.lo !== null && b.lo < a.lo) {
      out.push({ path, message: `bands are not sorted: band ${i + 1} starts at ${b.lo}, before band ${i} (starts at ${a.lo}). List bands in increasing order of lo.` });
    } else if (a.hi === null || b.lo === null || b.lo < a.hi) {
      out.push({ path, message: `bands overlap at ${b.lo ?? a.lo ?? "-infinity"}: band ${i} is [${a.lo ?? "-inf"}, ${a.hi ?? "+inf"}) and band ${i + 1} is [${b.lo ?? "-inf"}, ${b.hi ?? "+inf"}). Make each band end (hi) at or before the next one starts (lo).` });
    }
  }
  return out;
}

function ruleIssues(rule: Rule, model: Model, path: (string | number)[]): ModelIssue[] {
  const out: ModelIssue[] = [];
  const columns = model.dataset.columns;
  if ("column" in rule) {
    const kind = Object.prototype.hasOwnProperty.call(columns, rule.column) ? columns[rule.column] : undefined;
    if (kind === undefined) {
      out.push({
        path: [...path, "column"],
        message: `unknown column ${show(rule.column)}: dataset.columns declares ${Object.keys(columns).map(show).join(", ") || "no columns"}. Declare it in dataset.columns or fix the name.`,
      });
      return out;
    }
    const expect = (need: string) => {
      if (kind !== need) out.push({ path: [...path, "column"], message: `a ${rule.type} rule needs a ${need} column; ${show(rule.column)} is declared ${kind}. Use another rule type or column.` });
    };
    if (rule.type === "bands") {
      expect("number");
      out.push(...bandIssues(rule.bands, [...path, "bands"]));
    } else if (rule.type === "flag") {
      expect("boolean");
    } else if (rule.type === "equals" || rule.type === "in" || rule.type === "notIn") {
      const values = rule.type === "equals" ? [rule.value] : rule.values;
      values.forEach((v, i) => {
        if (typeof v !== kind) {
          const where = rule.type === "equals" ? [...path, "value"] : [...path, "values", i];
          out.push({ path: where, message: `column ${show(rule.column)} is declared ${kind}, but the value ${show(v)} is a ${typeof v}. Use a ${kind} value.` });
        }
      });
    }
  } else {
    if (!model.dataset.activityTypes.includes(rule.activity)) {
      out.push({
        path: [...path, "activity"],
        message: `unknown activity type ${show(rule.activity)}: dataset.activityTypes declares ${model.dataset.activityTypes.map(show).join(", ") || "none"}. Declare it or fix the name.`,
      });
    }
    if (rule.type === "recency") out.push(...bandIssues(rule.bands, [...path, "bands"]));
  }
  return out;
}

function criterionIssues(c: Criterion, i: number, model: Model): ModelIssue[] {
  const out: ModelIssue[] = [];
  const banded = BAND_RULES.has(c.rule.type);
  if (banded && c.points !== undefined) {
    out.push({ path: ["criteria", i, "points"], message: `a ${c.rule.type} rule keeps its points in its bands; received points: ${c.points}. Remove "points".` });
  }
  if (!banded && c.points === undefined) {
    out.push({ path: ["criteria", i, "points"], message: `a ${c.rule.type} rule needs integer "points"; received none. Add "points".` });
  }
  if (RESERVED_IDS.includes(c.id.toLowerCase())) {
    out.push({ path: ["criteria", i, "id"], message: `criterion id ${show(c.id)} is reserved for an output column (${RESERVED_IDS.join(", ")}). Rename the criterion.` });
  }
  out.push(...ruleIssues(c.rule, model, ["criteria", i, "rule"]));
  return out;
}

/** All cross-field issues of a structurally valid model (empty when the model is valid). */
export function modelIssues(model: Model): ModelIssue[] {
  const out: ModelIssue[] = [];
  const seen = new Map<string, number>();
  const groupCategory = new Map<string, string>();
  model.criteria.forEach((c, i) => {
    const key = c.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({ path: ["criteria", i, "id"], message: `duplicate criterion id ${show(c.id)} (criteria[${first}] has ${show(model.criteria[first].id)}); ids must be unique, compared case-insensitively. Rename one.` });
    } else seen.set(key, i);
    if (c.group !== undefined) {
      const cat = groupCategory.get(c.group);
      if (cat !== undefined && cat !== c.category) {
        out.push({ path: ["criteria", i, "group"], message: `group ${show(c.group)} mixes categories (${cat} and ${c.category}); a group belongs to one category. Use another group name.` });
      } else groupCategory.set(c.group, c.category);
    }
    out.push(...criterionIssues(c, i, model));
  });
  const t = model.thresholds;
  if (!(t.nurture < t.salesReady)) {
    out.push({ path: ["thresholds"], message: `thresholds are inverted: nurture (${t.nurture}) must be below salesReady (${t.salesReady}). Swap or fix them.` });
  }
  for (const g of Object.keys(model.caps?.group ?? {})) {
    if (!groupCategory.has(g)) {
      out.push({ path: ["caps", "group", g], message: `cap for unknown group ${show(g)}; groups in criteria: ${[...groupCategory.keys()].map(show).join(", ") || "none"}. Fix the name or remove the cap.` });
    }
  }
  out.push(...gridIssues(model));
  if (model.parent !== null && !(model.parent < model.version)) {
    out.push({ path: ["parent"], message: `parent (${model.parent}) must be an earlier version than version (${model.version}).` });
  }
  const pm = model.probabilityMap;
  if (pm && pm.fittedOn.from > pm.fittedOn.to) {
    out.push({ path: ["probabilityMap", "fittedOn"], message: `fittedOn.from (${pm.fittedOn.from}) is after fittedOn.to (${pm.fittedOn.to}). Swap them.` });
  }
  return out;
}

/** Grid cut points ascend strictly; routing needs both cut point lists and lists each cell once. */
function gridIssues(model: Model): ModelIssue[] {
  const out: ModelIssue[] = [];
  const grid = model.grid;
  if (!grid) return out;
  for (const axis of ["fit", "engagement"] as const) {
    const cuts = grid[axis];
    if (cuts && !(cuts[0] < cuts[1] && cuts[1] < cuts[2])) {
      out.push({ path: ["grid", axis], message: `grid.${axis} cut points must ascend strictly; received ${show(cuts)}. List them from low to high, e.g. [10, 25, 40].` });
    }
  }
  if (grid.routing) {
    if (!grid.fit || !grid.engagement) {
      out.push({ path: ["grid", "routing"], message: `routing by grid cell needs fixed cut points (grid.fit and grid.engagement); received ${grid.fit ? "" : "no grid.fit"}${!grid.fit && !grid.engagement ? " and " : ""}${grid.engagement ? "" : "no grid.engagement"}. Add both (quartiles would move with the data).` });
    }
    const seen = new Map<string, string>();
    for (const list of ["salesReady", "nurture"] as const) {
      grid.routing[list].forEach((cell, i) => {
        const other = seen.get(cell);
        if (other !== undefined) out.push({ path: ["grid", "routing", list, i], message: `cell ${show(cell)} is listed twice (also in ${other}); a cell routes to one tier. Remove one.` });
        else seen.set(cell, list);
      });
    }
  }
  return out;
}
