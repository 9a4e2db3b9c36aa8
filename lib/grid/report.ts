/**
 * Everything the "Fit & engagement" page, the report and `leadscore
 * evaluate` show for one version: the grid, the comparison of fit-only,
 * engagement-only and total, and the same comparison per cohort. Which
 * criteria count as fit and which as engagement: the model's categories
 * ("fit"; "behaviour" = engagement, where every activity rule normally sits).
 */
import type { Model } from "../model/schema.js";
import { periodsOf } from "../monitoring/periods.js";
import type { PeriodBy } from "../monitoring/types.js";
import { gridTable, type Grid } from "./cells.js";
import { compareSubScores, type SubScoreComparison } from "./compare.js";
import { gridCuts } from "./cuts.js";
import type { SubScored } from "./read.js";
import { relativeWeight, type RelativeWeight } from "./relative-weight.js";
import { delong } from "../metrics/delong.js";
import type { ValidationReport } from "../dataset/report.js";

/** Whether the loaded dataset has any activity (an activities file with at least one used row). */
export function datasetHasActivities(report: Pick<ValidationReport, "files">): boolean {
  return (report.files.activities?.rowsUsed ?? 0) > 0;
}

export interface FitEngagement {
  /** "ok"; "no-engagement" when there is no engagement score to compare (no activities, or every lead scores the same). */
  status: "ok" | "no-engagement";
  /** Plain sentence for the page when status is not ok, or when the comparison could not run. */
  note: string | null;
  grid: Grid | null;
  comparison: SubScoreComparison | null;
}

export interface CohortWeight {
  period: string;
  won: number;
  lost: number;
  aucFit: number | null;
  aucEngagement: number | null;
  aucTotal: number | null;
  weight: RelativeWeight | null;
  /** Why the period has no figures. */
  note: string | null;
}

function labelledOf(s: SubScored, indices?: ArrayLike<number>) {
  // Typed arrays and plain loops: at a million leads a callback per element costs seconds.
  const m = indices ? indices.length : s.n;
  const at = indices ? (j: number) => indices[j] : (j: number) => j;
  let n = 0;
  for (let j = 0; j < m; j++) if (s.outcome[at(j)] >= 0) n++;
  const fit = new Float64Array(n), engagement = new Float64Array(n), score = new Float64Array(n), labels = new Uint8Array(n);
  const tier: string[] = new Array(n);
  for (let j = 0, k = 0; j < m; j++) {
    const i = at(j);
    if (s.outcome[i] < 0) continue;
    fit[k] = s.fit[i];
    engagement[k] = s.engagement[i];
    score[k] = s.score[i];
    labels[k] = s.outcome[i];
    tier[k++] = s.tier[i];
  }
  return { fit, engagement, score, labels, tier };
}

const isConstant = (a: ArrayLike<number>) => {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
};

/**
 * The grid and the comparison of one version. `hasActivities` false (the
 * dataset has no activities table) or an engagement score that is the same
 * for every lead gives status "no-engagement" and no figures.
 */
export function fitEngagement(model: Model, s: SubScored, options: { hasActivities: boolean }): FitEngagement {
  const behaviour = model.criteria.filter((c) => c.category === "behaviour").length;
  if (!options.hasActivities) {
    return { status: "no-engagement", note: "This dataset has no activities, so there is no engagement (behaviour) score to compare: every lead's score is its fit score.", grid: null, comparison: null };
  }
  if (behaviour === 0 || isConstant(s.engagement)) {
    return { status: "no-engagement", note: behaviour === 0 ? "This version has no behaviour criteria, so there is no engagement score to compare." : "Every lead has the same engagement score on this dataset, so there is no engagement score to compare.", grid: null, comparison: null };
  }
  const grid = s.n === 0 ? null : gridTable(s, gridCuts(model, s.fit, s.engagement));
  const l = labelledOf(s);
  const won = l.labels.reduce((a, b) => a + b, 0);
  if (won < 2 || l.labels.length - won < 2) {
    return { status: "ok", note: `${won} won and ${l.labels.length - won} lost leads: at least 2 of each are needed to compare the scores.`, grid, comparison: null };
  }
  return { status: "ok", note: null, grid, comparison: compareSubScores(l.fit, l.engagement, l.score, l.labels, l.tier) };
}

/** AUC of fit, engagement and total and the relative weight per creation period (month or quarter). */
export function cohortWeights(s: SubScored, by: PeriodBy): CohortWeight[] {
  return periodsOf(s.createdMs, by).map((p) => {
    const l = labelledOf(s, p.indices);
    const won = l.labels.reduce((a, b) => a + b, 0), lost = l.labels.length - won;
    const row: CohortWeight = { period: p.label, won, lost, aucFit: null, aucEngagement: null, aucTotal: null, weight: null, note: null };
    if (won < 2 || lost < 2) return { ...row, note: `${won} won, ${lost} lost: too few to compare` };
    const auc = (a: Float64Array) => delong(a, l.labels).auc;
    return { ...row, aucFit: auc(l.fit), aucEngagement: auc(l.engagement), aucTotal: auc(l.score), weight: relativeWeight(l.fit, l.engagement, l.labels) };
  });
}
