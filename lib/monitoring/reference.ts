/**
 * The reference window that drift is measured against: one period label or
 * an inclusive pair [from, to] of period labels or dates.
 */
import { periodRange } from "./periods.js";
import type { ReferenceSpec } from "./types.js";
import { fail } from "./validate.js";

export interface ReferenceWindow {
  /** "2024-Q1" or "2024-01 … 2024-06" */
  label: string;
  /** Inclusive start, epoch ms UTC. */
  start: number;
  /** Exclusive end, epoch ms UTC (the end of `to`'s period or day). */
  end: number;
  /** Indices of the leads created in [start, end). */
  indices: number[];
}

/**
 * Resolves the reference window and picks its leads. "2024-Q1" covers the
 * quarter; ["2024-01", "2024-06"] covers January to June inclusive;
 * ["2024-01-01", "2024-12-31"] the whole year, the `to` day included.
 *
 * @throws when a bound is not a period label or date, `from` does not start
 *   before `to` ends, or no lead falls in the window.
 * @example referenceWindow("f", "2024-01", [Date.UTC(2024, 0, 9), Date.UTC(2024, 1, 9)]).indices // [0]
 */
export function referenceWindow(fn: string, spec: ReferenceSpec, createdAt: ArrayLike<number>): ReferenceWindow {
  if (spec === undefined || spec === null) {
    fail(fn, 'reference is required: a period label ("2024-Q1") or [from, to]; received nothing.');
  }
  const [from, to] = typeof spec === "string" ? [spec, spec] : spec;
  const start = periodRange(from, fn).start;
  const end = periodRange(to, fn).end;
  if (!(start < end)) fail(fn, `reference [from, to] must have from before to; received [${from}, ${to}].`);
  const indices: number[] = [];
  for (let i = 0; i < createdAt.length; i++) if (createdAt[i] >= start && createdAt[i] < end) indices.push(i);
  const label = from === to ? from : `${from} … ${to}`;
  if (indices.length === 0) {
    fail(fn, `the reference window ${label} holds no leads. Choose a period in which leads were created.`);
  }
  return { label, start, end, indices };
}
