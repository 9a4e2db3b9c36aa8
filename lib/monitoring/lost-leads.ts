/**
 * The lost sales-ready leads one by one, highest score first, with the
 * criteria that fired for each and their points: the Review page's list and
 * its CSV download.
 */
import type { ReviewCriterion } from "./types.js";

export interface LostLeadRow {
  leadId: string;
  /** Created date, YYYY-MM-DD (UTC). */
  created: string;
  score: number;
  /** "Label (points); Label (points)": the criteria with points ≠ 0 (whole points, or one decimal). */
  fired: string;
}

/**
 * Rows of the leads `indices` (e.g. LostHighScorers.indices), sorted by score,
 * highest first (ties keep the order of `indices`).
 * @example lostLeadRows({ leadId: ["a", "b"], score: [3, 9], createdAt: [0, 0], criteria: [{ id: "x", label: "X", points: [0, 2.5] }] }, [0, 1])[0].fired // "X (2.5)"
 */
export function lostLeadRows(
  input: { leadId: ArrayLike<string>; score: ArrayLike<number>; createdAt: ArrayLike<number>; criteria?: readonly ReviewCriterion[] },
  indices: readonly number[],
): LostLeadRow[] {
  const criteria = input.criteria ?? [];
  const pts = (x: number) => (Number.isFinite(x) ? x.toFixed(x % 1 ? 1 : 0) : "–");
  const fired = (i: number) => criteria.filter((c) => c.points[i] !== 0).map((c) => `${c.label} (${pts(c.points[i])})`).join("; ");
  return [...indices]
    .sort((a, b) => input.score[b] - input.score[a])
    .map((i) => ({ leadId: input.leadId[i], created: new Date(input.createdAt[i]).toISOString().slice(0, 10), score: input.score[i], fired: fired(i) }));
}
