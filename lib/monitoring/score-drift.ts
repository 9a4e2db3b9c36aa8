import { psi, winRateByBand, type PsiLevel } from "../metrics/index.js";
import { periodsOf } from "./periods.js";
import { referenceWindow } from "./reference.js";
import type { PeriodBy, ReferenceSpec, ReviewInput } from "./types.js";
import { checkInput, fail } from "./validate.js";

export interface ScoreDriftOptions {
  /** Window the score bands and expected proportions come from. */
  reference: ReferenceSpec;
  by: PeriodBy;
  /** Number of quantile bands of the reference scores; default 10. */
  bands?: number;
  /** Proportion put in place of an empty band (lib/metrics psi); default 1e-4. */
  smoothing?: number;
}

export interface ScoreDriftPeriod {
  period: string;
  /** Leads created in the period (open ones included). */
  n: number;
  /** Leads per band, in band order. */
  counts: number[];
  /** PSI against the reference; null for a period without leads. */
  psi: number | null;
  /** < 0.10 "stable", 0.10–0.25 "investigate", ≥ 0.25 "significant"; null when psi is. */
  level: PsiLevel | null;
  /** The level in words ("no significant change", …). */
  label: string | null;
  /** The period overlaps the reference window. */
  inReference: boolean;
}

export interface ScoreDrift {
  reference: { label: string; n: number };
  /** Band cuts c₁ < … < c_m: bands (−∞, c₁), [c₁, c₂), …, [c_m, +∞). */
  edges: number[];
  /** Reference leads per band. */
  expected: number[];
  periods: ScoreDriftPeriod[];
}

/**
 * Score drift: PSI = Σ_b (A_b − E_b)·ln(A_b/E_b) (METHODS.md §8) of each
 * period's score distribution against the reference window's, over fixed
 * score bands cut at the reference quantiles.
 *
 * Conventions: all leads count, open ones included (drift is about who
 * arrives, not who wins). Bands are those of lib/metrics winRateByBand with
 * `{bands}` on the reference scores: half-open [lo, hi), ties never straddle
 * a cut, so with heavy ties there may be fewer bands than asked. An empty
 * band takes proportion `smoothing` (1e-4), as lib/metrics psi. Levels:
 * < 0.10 stable, 0.10–0.25 investigate, ≥ 0.25 significant.
 *
 * @throws on invalid input, reference or bands (a positive integer).
 * @example scoreDrift(input, { reference: "2024-Q1", by: "quarter" }).periods[0].psi // 0 when 2024-Q1 is the first quarter
 */
export function scoreDrift(input: ReviewInput, options: ScoreDriftOptions): ScoreDrift {
  const fn = "scoreDrift";
  checkInput(fn, input);
  const { bands = 10, smoothing } = options;
  if (!(Number.isInteger(bands) && bands >= 1)) fail(fn, `bands must be a positive integer; received ${bands}. The usual choice is 10.`);
  const ref = referenceWindow(fn, options.reference, input.createdAt);
  const refScores = ref.indices.map((i) => input.score[i]);
  const edges = cutsOf(winRateByBand(refScores, new Uint8Array(refScores.length), { bands }));
  const expected = bandCounts(ref.indices, input.score, edges);
  const periods = periodsOf(input.createdAt, options.by).map((p): ScoreDriftPeriod => {
    const counts = bandCounts(p.indices, input.score, edges);
    const inReference = p.start < ref.end && p.end > ref.start;
    if (p.indices.length === 0) return { period: p.label, n: 0, counts, psi: null, level: null, label: null, inReference };
    const r = psi(expected, counts, { smoothing });
    return { period: p.label, n: p.indices.length, counts, psi: r.psi, level: r.level, label: r.label, inReference };
  });
  return { reference: { label: ref.label, n: ref.indices.length }, edges, expected, periods };
}

function cutsOf(bands: { lo: number | null }[]): number[] {
  return bands.slice(1).map((b) => b.lo as number);
}

/** Leads per band [c_{b}, c_{b+1}) for the given lead indices. */
export function bandCounts(indices: readonly number[], score: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const i of indices) {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= score[i]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}
