/** Shared builders for the review tests: hand-made leads as typed columns. */
import type { ReviewInput } from "../../lib/monitoring/index.js";

export interface Lead {
  /** "YYYY-MM-DD" (UTC midnight) or epoch ms */
  at: string | number;
  score: number;
  /** 1 won, 0 lost, −1 open */
  y: 1 | 0 | -1;
  amount?: number;
  /** points per criterion id */
  points?: Record<string, number>;
}

export const utc = (date: string) => Date.parse(date + "T00:00:00Z");

/** Columns of the given leads; criteria listed in `ids` (points default 0). */
export function columns(leads: Lead[], ids: string[] = []): ReviewInput {
  return {
    score: Float64Array.from(leads, (l) => l.score),
    outcome: Int8Array.from(leads, (l) => l.y),
    createdAt: Float64Array.from(leads, (l) => (typeof l.at === "number" ? l.at : utc(l.at))),
    amount: Float64Array.from(leads, (l) => l.amount ?? NaN),
    criteria: ids.map((id) => ({ id, label: id.toUpperCase(), points: Float64Array.from(leads, (l) => l.points?.[id] ?? 0) })),
  };
}

/** `count` copies of a lead. */
export const times = (count: number, lead: Lead): Lead[] => Array.from({ length: count }, () => ({ ...lead }));
