/**
 * Design columns of a suggestion: one 0/1 indicator per points slot of a
 * model (unitSlots), and how each indicator is written back into a model.
 *
 * METHODS.md §3 fits one 0/1 indicator per criterion. Slots whose unit is
 * already 0/1 (equals, in, bands, recency, activityCount, hasActivity without
 * decay …) are used as they are. Count slots (activityPoints) and decayed
 * hasActivity slots become the indicator "unit > 0", i.e. "at least one such
 * activity in the window"; in the draft their rule is rewritten to exactly
 * that (activityCount with min 1, or hasActivity without decay), so the
 * draft's scores are the fitted indicators times the points.
 */
import type { Criterion, Model, Rule } from "../model/schema.js";
import { unitSlots, type SlotBand } from "../scoring/units.js";

export interface DesignColumn {
  /** Unique key: the criterion id, with "#<band>" / "#missing" / "#never" for band slots. */
  key: string;
  label: string;
  source: "model" | "candidate";
  criterionId: string;
  band: SlotBand;
  /** Position in unitSlots of the source model (current model or candidate model). */
  slot: number;
  /** The data column a candidate (or a column rule) reads; null for activity rules. */
  column: string | null;
  /** Points of the slot in the current model (0 for candidates). */
  currentPoints: number;
  /** True when the unit was a count or a decayed weight, turned into "unit > 0". */
  converted: boolean;
}

const bandText = (b: { lo: number | null; hi: number | null }) => `[${b.lo ?? "−∞"}, ${b.hi ?? "∞"})`;

/** The data column a rule reads, or null for activity rules. */
export function ruleColumn(rule: Rule): string | null {
  return "column" in rule ? rule.column : null;
}

/**
 * One design column per slot of `model`, in unitSlots order.
 * @example designColumns(startingV2, "model").map((c) => c.key).slice(3, 5) // => ["company_size#0", "company_size#1"]
 */
export function designColumns(model: Model, source: "model" | "candidate"): DesignColumn[] {
  const byId = new Map(model.criteria.map((c) => [c.id, c]));
  return unitSlots(model).map((s) => {
    const c = byId.get(s.criterionId)!;
    const r = c.rule;
    let key = c.id;
    let label = c.label;
    if (s.bandIndex !== null) {
      key = `${c.id}#${s.bandIndex}`;
      if (s.bandIndex === "missing") label = `${c.label}: missing`;
      else if (s.bandIndex === "never") label = `${c.label}: never`;
      else if (r.type === "bands" || r.type === "recency") label = `${c.label} ${bandText(r.bands[s.bandIndex])}${r.type === "recency" ? " days ago" : ""}`;
    }
    const converted = !s.indicator;
    if (converted) label = `${c.label} (any, as a 0/1 criterion)`;
    return { key, label, source, criterionId: c.id, band: s.bandIndex, slot: s.index, column: ruleColumn(r), currentPoints: s.points, converted };
  });
}

/**
 * The rule a converted slot gets in a draft: "unit > 0" written as a rule.
 * activityPoints → activityCount (same activity and window, min 1);
 * hasActivity with decay → hasActivity without decay. Other rules unchanged.
 */
export function indicatorRule(rule: Rule): Rule {
  if (rule.type === "activityPoints") return { type: "activityCount", activity: rule.activity, withinDays: rule.withinDays, min: 1 };
  if (rule.type === "hasActivity" && rule.decay) return rule.withinDays === undefined ? { type: "hasActivity", activity: rule.activity } : { type: "hasActivity", activity: rule.activity, withinDays: rule.withinDays };
  return rule;
}

/** A criterion's label after conversion to a 0/1 rule. */
export function indicatorLabel(c: Criterion): string {
  const r = c.rule;
  if (r.type === "activityPoints") return `${r.activity}: at least one in ${r.withinDays} days`;
  if (r.type === "hasActivity" && r.decay) return `${r.activity}: any${r.withinDays ? ` in ${r.withinDays} days` : ""}`;
  return c.label;
}
