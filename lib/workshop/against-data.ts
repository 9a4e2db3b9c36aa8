/**
 * "Against the data": the points the data suggests for the same targets the
 * workshop voted on, so each consensus figure can be held beside a fitted
 * one, and a fitted model version to score and calibrate beside the
 * consensus model.
 *
 * Method (lib/fit, METHODS.md §3): one 0/1 column per target of the base
 * model (unit > 0: a count slot becomes "at least one"), over the labelled
 * (won / lost) leads; L2 logistic fit (C = 1) and integer points with the
 * "current-range" scale (the fitted scores spread like the base model's), so
 * fitted points sit on the same scale as the votes. Per-activity targets: the
 * fitted points of "at least one" divided by the mean count of the leads that
 * have one (approximate; `approx` is set). Bands: one reference band per
 * bands / recency criterion (its first 0-point slot, else its first band) is
 * held at 0, since the bands of a criterion always sum to one lead.
 *
 * The fitted model keeps the base's criteria but no caps (the fit has none),
 * and its thresholds are set so its tiers hold the same shares of all leads
 * as the base version's tiers (matchTierShares), so tier tables compare like
 * with like.
 */
import type { Db } from "../db/types.js";
import { collapseRows } from "../fit/collapse.js";
import { designFromLists } from "../fit/design.js";
import { suggestPoints } from "../fit/points.js";
import { parseModel } from "../model/parse.js";
import type { Criterion, Model } from "../model/schema.js";
import { unitSlots, unitsSql } from "../scoring/units.js";
import { WhatIf, whatIfInput } from "../scoring/whatif.js";
import type { Aggregation } from "./aggregate.js";
import { roundPoints } from "./stats.js";
import { voteTargets, type VoteTarget } from "./targets.js";

export interface FittedTarget {
  target: VoteTarget;
  /** Whole points the data suggests (per activity for per-activity targets). */
  points: number;
  /** Before rounding, on the same scale. */
  continuous: number;
  /** True for per-activity targets (fitted as "at least one", divided by the mean count). */
  approx: boolean;
  /** True for the reference band held at 0. */
  reference: boolean;
  /** Labelled leads where the target fires, and their win rate. */
  nActive: number;
  winRate: number | null;
}

export interface DataFit {
  base: Model;
  targets: FittedTarget[];
  /** The base model's structure with the fitted points: id `<base id>-data-fit`, no caps, thresholds matching the base's tier shares. */
  model: Model;
  nLabelled: number;
  nWon: number;

  warnings: string[];
}

/** Sets each criterion's points (or band points) from per-slot points, in unitSlots order. */
export function withSlotPoints(model: Model, points: ArrayLike<number>): Criterion[] {
  let k = 0;
  return model.criteria.map((c) => {
    const r = c.rule;
    if (r.type === "bands") return { ...c, rule: { ...r, bands: r.bands.map((b) => ({ ...b, points: points[k++] })), missing: { points: points[k++] } } };
    if (r.type === "recency") return { ...c, rule: { ...r, bands: r.bands.map((b) => ({ ...b, points: points[k++] })), never: { points: points[k++] } } };
    return { ...c, points: points[k++] };
  });
}

/**
 * Thresholds for new slot points (no caps) that put the same shares of all
 * leads in each tier as the base model's own thresholds do: with q the share
 * of base scores below a threshold, the new threshold is the new score at
 * rank ⌈q·n⌉ of the sorted new scores (ties may shift a few leads). The
 * sales-ready threshold is kept above the nurture one.
 */
export function matchTierShares(base: Model, points: ArrayLike<number>, units: readonly ArrayLike<number>[], outcomes: ArrayLike<number>): Model["thresholds"] {
  const slots = unitSlots(base);
  const w = new WhatIf(slots, [...units], outcomes, { caps: base.caps, maxPatterns: 0 });
  const before = w.rescore(whatIfInput(base)).scores();
  const after = w.rescore({ points, caps: {}, thresholds: base.thresholds }).scores().sort();
  const n = before.length;
  if (n === 0) return base.thresholds;
  const cut = (t: number) => {
    let below = 0;
    for (let i = 0; i < n; i++) if (before[i] < t) below++;
    return below === n ? after[n - 1] + 1 : after[Math.min(n - 1, Math.ceil(below))];
  };
  const nurture = cut(base.thresholds.nurture);
  const salesReady = Math.max(cut(base.thresholds.salesReady), nurture + 1);
  return { nurture, salesReady };
}

/**
 * Fits points for the base model's targets from unit columns (unitSlots
 * order, as unitsSql returns them) and outcomes (1 won, 0 lost, −1 open).
 * Pure: the database part is fitToData.
 * @throws when there are fewer than 2 won or 2 lost leads, or lengths disagree.
 */
export function fitFromUnits(base: Model, units: readonly ArrayLike<number>[], outcomes: ArrayLike<number>): DataFit {
  const targets = voteTargets(base);
  const m = targets.length;
  if (units.length !== m) throw new Error(`fitFromUnits: expected ${m} unit columns (one per slot of ${base.id} v${base.version}); received ${units.length}. Pass the columns of unitsSql(base).`);
  const rows: number[][] = [];
  const labels: number[] = [];
  const active = new Float64Array(m), sumUnit = new Float64Array(m), wonActive = new Float64Array(m);
  for (let i = 0; i < outcomes.length; i++) {
    const y = outcomes[i];
    if (y !== 0 && y !== 1) continue;
    const row: number[] = [];
    for (let j = 0; j < m; j++) {
      const u = Number(units[j][i]);
      if (u > 0) {
        row.push(j);
        active[j]++;
        sumUnit[j] += u;
        wonActive[j] += y;
      }
    }
    rows.push(row);
    labels.push(y);
  }
  const nWon = labels.reduce((a, b) => a + b, 0);
  if (nWon < 2 || labels.length - nWon < 2)
    throw new Error(`fitFromUnits: ${nWon} won and ${labels.length - nWon} lost leads; at least 2 of each are needed to fit points. Load data with known outcomes.`);
  const meanUnit = Float64Array.from(active, (a, j) => (a > 0 ? sumUnit[j] / a : 1));
  const reference = new Uint8Array(m);
  for (const t of targets) {
    if (t.band === null) continue;
    const mine = targets.filter((x) => x.criterionId === t.criterionId);
    const ref = mine.find((x) => x.basePoints === 0) ?? mine[0];
    if (ref === t) reference[t.slot] = 1;
  }
  const include = Uint8Array.from(targets, (t, j) => (reference[j] || active[j] === 0 || active[j] === labels.length ? 0 : 1));
  const collapsed = collapseRows(designFromLists(rows, labels, m));
  const currentPoints = Float64Array.from(targets, (t, j) => t.basePoints * meanUnit[j]);
  const s = suggestPoints(collapsed, { scale: { kind: "current-range", currentPoints }, include });
  const fitted: FittedTarget[] = targets.map((target, j) => {
    const approx = target.unit === "points per activity";
    const per = approx ? meanUnit[j] : 1;
    return {
      target,
      points: approx ? roundPoints(s.points[j] / per) : s.points[j],
      continuous: s.continuousPoints[j] / per,
      approx,
      reference: reference[j] === 1,
      nActive: active[j],
      winRate: active[j] > 0 ? wonActive[j] / active[j] : null,
    };
  });
  const { caps: _caps, probabilityMap: _map, $schema: _schema, ...rest } = base;
  const model = parseModel({
    ...rest,
    id: `${base.id}-data-fit`,
    status: "draft",
    parent: null,
    author: "Fitted on the loaded data (L2 logistic, current-range points)",
    changeNote: `Points fitted on ${labels.length} labelled leads (${nWon} won) for the criteria of ${base.id} v${base.version}; no caps; thresholds chosen so the tiers hold the same shares of leads as in v${base.version}.`,
    criteria: withSlotPoints(base, fitted.map((f) => f.points)),
    thresholds: matchTierShares(base, fitted.map((f) => f.points), units, outcomes),
  }, `data fit of ${base.id} v${base.version}`);
  return { base, targets: fitted, model, nLabelled: labels.length, nWon, warnings: s.warnings.map((w) => w.message) };
}

/**
 * fitFromUnits on the database: reads unitsSql(base) with lead_outcomes.
 * Needs the tables of a recompute that covered `base` (scoring_dates,
 * lead_features) and lead_outcomes (lib/dataset).
 */
export async function fitToData(db: Db, base: Model): Promise<DataFit> {
  const cols = await db.queryColumns(unitsSql(base, { outcomes: { table: "lead_outcomes", column: "outcome" }, ids: false, ordered: false }));
  const units = unitSlots(base).map((s) => cols.columns[s.column] as ArrayLike<number>);
  return fitFromUnits(base, units, cols.columns.outcome as ArrayLike<number>);
}

export interface FitComparison {
  target: VoteTarget;
  /** Consensus points (null when the criterion was dropped). */
  consensus: number | null;
  fitted: FittedTarget;
  /** consensus − fitted (dropped counts as 0). */
  difference: number;
  /** |difference| · reach ≥ minDifference: the workshop and the data disagree. */
  large: boolean;
}

/**
 * Consensus points beside fitted points, target by target. A difference is
 * "large" when |consensus − fitted| · reach ≥ minDifference points (default
 * 10: a difference that moves a lead by 10 points or more).
 * @example compareWithFit(aggregation, fit).filter((r) => r.large).map((r) => r.target.id)
 */
export function compareWithFit(agg: Aggregation, fit: DataFit, minDifference = 10): FitComparison[] {
  const byId = new Map(agg.targets.map((t) => [t.target.id, t]));
  const dropped = new Set(agg.criteria.filter((c) => c.status === "dropped").map((c) => c.criterionId));
  return fit.targets.map((fitted) => {
    const t = byId.get(fitted.target.id);
    const consensus = dropped.has(fitted.target.criterionId) ? null : t ? t.points : fitted.target.basePoints;
    const difference = (consensus ?? 0) - fitted.points;
    return { target: fitted.target, consensus, fitted, difference, large: Math.abs(difference) * fitted.target.reach >= minDifference };
  });
}
