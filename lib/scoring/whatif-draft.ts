/**
 * Model editing from the what-if editor: a new draft version of a model
 * with the what-if points and thresholds (validated by parseModel).
 */
import { nextDraftVersion } from "../model/draft-version.js";
import type { Model } from "../model/schema.js";
import { parseModel } from "../model/parse.js";
import { unitSlots } from "./units.js";
import type { Thresholds } from "./whatif-engine.js";

export interface DraftOptions {
  author: string;
  /** The reason for the change, first in the changeNote. */
  note: string;
  /** The highest version number of this model id so far (default model.version): the draft gets it + 1. */
  maxVersion?: number;
  /** Default: the model's effectiveFrom. */
  effectiveFrom?: string;
}

const bandLabel = (b: { lo: number | null; hi: number | null }) => `[${b.lo ?? "-inf"}, ${b.hi ?? "+inf"})`;

/**
 * A new draft version of `model` with the what-if points (per slot, in
 * unitSlots order; integers) and thresholds: version = maxVersion + 1,
 * parent = model.version, status "draft", changeNote = note + the list of
 * changed points and thresholds (e.g. "senior_title 20 → 25; thresholds.nurture 30 → 35").
 * A probabilityMap is dropped when any points changed (it maps the old
 * scores; refit it). Validated by parseModel, which throws ModelError.
 */
export function draftFromWhatIf(model: Model, newPoints: ArrayLike<number>, thresholds: Thresholds, options: DraftOptions): Model {
  const slots = unitSlots(model);
  if (newPoints.length !== slots.length) throw new Error(`draftFromWhatIf: expected ${slots.length} points (one per slot of unitSlots(model)); received ${newPoints.length}.`);
  const draft = structuredClone(model) as Model & Record<string, unknown>;
  const changes: string[] = [];
  slots.forEach((s, k) => {
    const to = newPoints[k];
    if (!Number.isInteger(to)) throw new Error(`draftFromWhatIf: points must be whole numbers; slot ${k} (${s.criterionId}) received ${to}. Round the what-if points first.`);
    if (to === s.points) return;
    const c = draft.criteria.find((x) => x.id === s.criterionId)!;
    const r = c.rule;
    let where = JSON.stringify(s.criterionId);
    if (s.bandIndex === null) c.points = to;
    else if (s.bandIndex === "missing" && r.type === "bands") (r.missing.points = to), (where += " missing");
    else if (s.bandIndex === "never" && r.type === "recency") (r.never.points = to), (where += " never");
    else if (typeof s.bandIndex === "number" && (r.type === "bands" || r.type === "recency")) {
      r.bands[s.bandIndex].points = to;
      where += ` ${bandLabel(r.bands[s.bandIndex])}`;
    }
    changes.push(`${where} ${s.points} → ${to}`);
  });
  const pointsChanged = changes.length > 0;
  for (const k of ["nurture", "salesReady"] as const) {
    if (thresholds[k] !== model.thresholds[k]) changes.push(`thresholds.${k} ${model.thresholds[k]} → ${thresholds[k]}`);
  }
  draft.thresholds = { nurture: thresholds.nurture, salesReady: thresholds.salesReady };
  if (pointsChanged && draft.probabilityMap) delete draft.probabilityMap;
  const version = nextDraftVersion(model, options);
  const what = changes.length ? changes.join("; ") : "no changes to points or thresholds";
  draft.version = version;
  draft.parent = model.version;
  draft.status = "draft";
  draft.author = options.author;
  draft.effectiveFrom = options.effectiveFrom ?? model.effectiveFrom;
  draft.changeNote = `${options.note.trim()}${options.note.trim() ? " " : ""}(what-if from v${model.version}: ${what}${pointsChanged && model.probabilityMap ? "; probability map dropped, refit it" : ""})`;
  return parseModel(draft, `draft of ${JSON.stringify(model.id)} v${version}`);
}
