/**
 * What a workshop votes on: one "target" per points slot of the base model
 * (lib/scoring/units.ts unitSlots), so votes line up one to one with the
 * columns the data fit uses.
 *
 * Target ids: an ordinary criterion is voted under its own id
 * (`demo_request`); a bands or recency criterion keeps its points in bands,
 * so each band is voted separately: `company_size[0]`, `company_size[1]`, …,
 * `company_size[missing]` (recency: `…[never]`).
 *
 * Reach: the most one vote's points can add to a lead, as a multiple of the
 * points: maxCount for a per-activity criterion (activityPoints with
 * maxCount), otherwise 1. The drop minimum and the absolute disagreement
 * threshold are compared on points × reach, so "2 points per email open, at
 * most 10" weighs as the 20 points it can give.
 */
import type { Criterion, Model } from "../model/schema.js";
import { unitSlots, type SlotBand } from "../scoring/units.js";

export interface VoteTarget {
  /** What a vote names in its `criterion` field. */
  id: string;
  criterionId: string;
  band: SlotBand;
  /** Position in unitSlots(base). */
  slot: number;
  /** The criterion's label, plus the band in words. */
  label: string;
  category: Criterion["category"];
  /** The base model's points for this target. */
  basePoints: number;
  /** "points" or "points per activity". */
  unit: "points" | "points per activity";
  /** Multiplier of the points for the drop and disagreement rules (see above). */
  reach: number;
}

/**
 * The vote id of a slot.
 * @example targetId("company_size", 1) // => "company_size[1]"
 * @example targetId("demo_request", null) // => "demo_request"
 */
export function targetId(criterionId: string, band: SlotBand): string {
  return band === null ? criterionId : `${criterionId}[${band}]`;
}

function bandText(c: Criterion, band: SlotBand): string {
  const r = c.rule;
  if (band === null) return "";
  if (band === "missing") return "missing";
  if (band === "never") return "never";
  if (r.type === "bands" || r.type === "recency") {
    const b = r.bands[band];
    const unit = r.type === "recency" ? " days ago" : "";
    return `[${b.lo ?? "−∞"}, ${b.hi ?? "∞"})${unit}`;
  }
  return String(band);
}

/**
 * The vote targets of a model, in unitSlots order.
 * @example voteTargets(startingV2).map((t) => t.id).slice(3, 5) // => ["company_size[0]", "company_size[1]"]
 */
export function voteTargets(model: Model): VoteTarget[] {
  const byId = new Map(model.criteria.map((c) => [c.id, c]));
  return unitSlots(model).map((s) => {
    const c = byId.get(s.criterionId)!;
    const r = c.rule;
    const perActivity = r.type === "activityPoints";
    const band = bandText(c, s.bandIndex);
    return {
      id: targetId(c.id, s.bandIndex),
      criterionId: c.id,
      band: s.bandIndex,
      slot: s.index,
      label: band ? `${c.label}: ${band}` : c.label,
      category: c.category,
      basePoints: s.points,
      unit: perActivity ? "points per activity" : "points",
      reach: perActivity && r.maxCount !== undefined ? r.maxCount : 1,
    };
  });
}

/**
 * The base model version a votes file names: `<id>-v<version>-votes.<ext>`.
 * @example votesFileBase("workshop/starting-v2-votes.csv") // => { id: "starting", version: 2 }
 * @example votesFileBase("votes.csv") // => null
 */
export function votesFileBase(file: string): { id: string; version: number } | null {
  const m = /(?:^|\/)([^/]+)-v(\d+)-votes\.(csv|json)$/i.exec(file);
  return m ? { id: m[1], version: Number(m[2]) } : null;
}

/**
 * The example votes files that fit the dataset's model versions: a file named
 * after a version (`<id>-v<version>-votes.csv`) fits when that version is one
 * of `models`; a file naming no version fits any (its criteria are checked
 * against the base version when read). The others are listed with the reason,
 * never offered as this dataset's votes.
 * @example exampleVotesFor([{file: "workshop/starting-v2-votes.csv", text: ""}], [{id: "handmade", version: 1}]).others[0].reason
 *   // => "it is for starting v2, a version this dataset's models do not have"
 */
export function exampleVotesFor<F extends { file: string }>(
  files: readonly F[],
  models: readonly { id: string; version: number }[],
): { files: F[]; others: { file: string; reason: string }[] } {
  const fit: F[] = [];
  const others: { file: string; reason: string }[] = [];
  for (const f of files) {
    const b = votesFileBase(f.file);
    if (!b || models.some((m) => m.id === b.id && m.version === b.version)) fit.push(f);
    else others.push({ file: f.file, reason: `it is for ${b.id} v${b.version}, a version this dataset's models do not have` });
  }
  return { files: fit, others };
}
