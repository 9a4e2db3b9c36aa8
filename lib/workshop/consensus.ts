/**
 * The workshop's consensus as a draft model version: the base model with
 * every voted target's points set to the rounded mean of its latest round,
 * dropped criteria removed, validated by parseModel.
 */
import { nextDraftVersion } from "../model/draft-version.js";
import { parseModel } from "../model/parse.js";
import type { Criterion, Model } from "../model/schema.js";
import type { Aggregation } from "./aggregate.js";

export interface ConsensusOptions {
  /** Existing versions (any ids): the draft gets the highest version of the base's id + 1. */
  versions?: readonly Pick<Model, "id" | "version">[];
  /** YYYY-MM-DD (default: the base's effectiveFrom; the page passes today). */
  effectiveFrom?: string;
  author?: string;
}

export interface Consensus {
  model: Model;
  dropped: string[];
  disputed: string[];
  unvoted: string[];
  /** Per kept target: base points → consensus points. */
  changes: { id: string; from: number; to: number }[];
}

/** Sets a criterion's points (or band points) from the target points. */
function withPoints(c: Criterion, pointsOf: (band: number | null | "missing" | "never") => number): Criterion {
  const r = c.rule;
  if (r.type === "bands") return { ...c, rule: { ...r, bands: r.bands.map((b, i) => ({ ...b, points: pointsOf(i) })), missing: { points: pointsOf("missing") } } };
  if (r.type === "recency") return { ...c, rule: { ...r, bands: r.bands.map((b, i) => ({ ...b, points: pointsOf(i) })), never: { points: pointsOf("never") } } };
  return { ...c, points: pointsOf(null) };
}

/** The change note: participants, rounds, dropped and disputed criteria. */
export function consensusNote(agg: Aggregation, base: Pick<Model, "id" | "version">, dropped: string[], disputed: string[], unvoted: string[]): string {
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : "none");
  const nVotes = agg.targets.reduce((s, t) => s + t.rounds.reduce((a, r) => a + r.n, 0), 0);
  const second = agg.targets.filter((t) => t.rounds.length > 1).map((t) => t.target.id);
  return [
    `Workshop consensus from ${base.id} v${base.version}: ${agg.participants.length} participants (${agg.participants.join(", ")}), ${nVotes} votes in ${agg.rounds.length} round(s)${second.length ? `; revoted in a later round: ${second.join(", ")}` : ""}.`,
    `Points = mean of the latest round, rounded to whole points.`,
    `Dropped (|mean| below ${agg.minPoints} points): ${list(dropped)}.`,
    `Still disputed (IQR > ${agg.disagreement.absolute} points and > ${agg.disagreement.relative} × |median|): ${list(disputed)}.`,
    unvoted.length ? `Not voted on (base points kept): ${list(unvoted)}.` : "",
  ].filter(Boolean).join(" ");
}

/**
 * Builds the consensus draft: version = max version of the base's id (over
 * options.versions and the base) + 1, parent = base version, status draft,
 * the base's caps (minus caps of groups left empty) and thresholds, no
 * probabilityMap (the base's no longer applies). Validated with parseModel.
 * @throws when every criterion is dropped (lower the minimum), or when the
 *   result breaks the model schema (the ModelError names the rule).
 */
export function consensusModel(base: Model, agg: Aggregation, options: ConsensusOptions = {}): Consensus {
  const byId = new Map(agg.criteria.map((c) => [c.criterionId, c]));
  const dropped = agg.criteria.filter((c) => c.status === "dropped").map((c) => c.criterionId);
  const disputed = agg.criteria.filter((c) => c.status !== "dropped" && c.disputed).map((c) => c.criterionId);
  const unvoted = agg.criteria.filter((c) => c.status === "unvoted").map((c) => c.criterionId);
  const criteria = base.criteria.flatMap((c) => {
    const outcome = byId.get(c.id);
    if (!outcome || outcome.status === "dropped") return outcome ? [] : [c];
    const points = new Map(outcome.targets.map((t) => [t.target.band, t.points]));
    return [withPoints(c, (band) => points.get(band)!)];
  });
  if (criteria.length === 0)
    throw new Error(`consensusModel: every criterion fell below the minimum of ${agg.minPoints} points, so no model is left. Lower the minimum.`);
  const groups = new Set(criteria.flatMap((c) => (c.group ? [c.group] : [])));
  let caps = base.caps;
  if (caps?.group) {
    const kept = Object.fromEntries(Object.entries(caps.group).filter(([g]) => groups.has(g)));
    caps = { ...caps, group: kept };
    if (Object.keys(kept).length === 0) delete caps.group;
  }
  const version = nextDraftVersion(base, options);
  const { probabilityMap: _ignored, $schema: _schema, ...rest } = base;
  const draft: Model = {
    ...rest,
    version,
    parent: base.version,
    status: "draft",
    effectiveFrom: options.effectiveFrom ?? base.effectiveFrom,
    author: options.author ?? "Scoring workshop",
    changeNote: consensusNote(agg, base, dropped, disputed, unvoted),
    criteria,
    ...(caps ? { caps } : {}),
  };
  if (!caps) delete draft.caps;
  const model = parseModel(draft, `workshop consensus (${base.id} v${version})`);
  const changes = agg.targets
    .filter((t) => t.final !== null && !dropped.includes(t.target.criterionId))
    .map((t) => ({ id: t.target.id, from: t.target.basePoints, to: t.points }));
  return { model, dropped, disputed, unvoted, changes };
}
