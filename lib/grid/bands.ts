/**
 * The fit × engagement grid's bands (semantics: lib/model/schema.ts, `grid`):
 * fit bands A–D and engagement bands 1–4 from three ascending cut points
 * [c1, c2, c3]: band index 3 (D / 4) below c1, 2 (C / 3) in [c1, c2),
 * 1 (B / 2) in [c2, c3), 0 (A / 1) from c3 up. A1 is the best cell.
 */
import type { Model } from "../model/schema.js";
import type { Tier } from "../model/tiers.js";

export type Cuts = readonly [number, number, number];
export const FIT_BANDS = ["A", "B", "C", "D"] as const;
export const ENGAGEMENT_BANDS = ["1", "2", "3", "4"] as const;
export type { Tier };

/**
 * Band index 0 (highest: A or 1) … 3 (lowest: D or 4) of a sub-score.
 * @example bandIndex(25, [10, 20, 30]) // => 1 (B / 2)
 */
export function bandIndex(value: number, cuts: Cuts): number {
  return value >= cuts[2] ? 0 : value >= cuts[1] ? 1 : value >= cuts[0] ? 2 : 3;
}

/** The cell name of a fit and engagement band index: cellName(0, 0) = "A1". */
export const cellName = (fitBand: number, engagementBand: number): string => `${FIT_BANDS[fitBand]}${ENGAGEMENT_BANDS[engagementBand]}`;

/** A cell name's band indexes: cellIndex("B3") = [1, 2]. Throws on a name that is not A1–D4. */
export function cellIndex(cell: string): [number, number] {
  const f = FIT_BANDS.indexOf(cell[0] as (typeof FIT_BANDS)[number]);
  const e = ENGAGEMENT_BANDS.indexOf(cell[1] as (typeof ENGAGEMENT_BANDS)[number]);
  if (cell.length !== 2 || f < 0 || e < 0) throw new Error(`cellIndex: a grid cell is a fit band A–D then an engagement band 1–4, e.g. "A1"; received ${JSON.stringify(cell)}.`);
  return [f, e];
}

/**
 * The tier of a lead from its cell when the model routes by grid cell
 * (grid.routing), or null when it does not (then thresholds decide).
 */
export function routedTier(model: Model, fit: number, engagement: number): Tier | null {
  const g = model.grid;
  if (!g?.routing || !g.fit || !g.engagement) return null;
  const cell = cellName(bandIndex(fit, g.fit as unknown as Cuts), bandIndex(engagement, g.engagement as unknown as Cuts));
  return g.routing.salesReady.includes(cell) ? "sales-ready" : g.routing.nurture.includes(cell) ? "nurture" : "ignore";
}

/** The tier of a lead under the model: by grid cell when it routes so, else by the thresholds on the total. */
export function leadTier(model: Model, fit: number, engagement: number, score: number): Tier {
  const routed = routedTier(model, fit, engagement);
  if (routed) return routed;
  const t = model.thresholds;
  return score >= t.salesReady ? "sales-ready" : score >= t.nurture ? "nurture" : "ignore";
}

/** Whether the version routes its tiers by grid cell (grid.routing with both cut point lists), as routedTier decides. */
export function routesByCell(model: Model): boolean {
  const g = model.grid;
  return !!(g?.routing && g.fit && g.engagement);
}

/**
 * How a version's tiers are decided, in words, for every page, the report and
 * the CLI: the thresholds on the total, or the cells it routes.
 * @example tierRule(routedModel) // "tiers routed by fit × engagement cell: A1, A2, B1 are sales-ready; A3, B2 nurture; every other cell ignore (thresholds not used)"
 * @example tierRule(model) // "nurture ≥ 40, sales-ready ≥ 70"
 */
export function tierRule(model: Model): string {
  if (!routesByCell(model)) return `nurture ≥ ${model.thresholds.nurture}, sales-ready ≥ ${model.thresholds.salesReady}`;
  const r = model.grid!.routing!;
  const sr = r.salesReady.length ? `${r.salesReady.join(", ")} ${r.salesReady.length === 1 ? "is" : "are"} sales-ready` : "no cell is sales-ready";
  const nu = r.nurture.length ? `${r.nurture.join(", ")} nurture` : "no cell nurture";
  return `tiers routed by fit × engagement cell: ${sr}; ${nu}; every other cell ignore (thresholds not used)`;
}
