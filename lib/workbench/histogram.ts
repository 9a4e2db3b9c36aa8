/**
 * Score histograms of won vs lost (vs open) leads, the data behind the
 * distribution charts. Bins are [lo, lo + width) on a grid anchored at 0, so
 * that integer scores and thresholds fall on bin edges.
 */

export interface HistogramBin {
  lo: number;
  hi: number;
  outcome: "won" | "lost" | "open";
  count: number;
  /** count / all leads of this outcome (so won and lost compare despite their sizes). */
  share: number;
  /** Share of this outcome's leads scoring below hi (for cumulative curves). */
  cumulative: number;
}

const NAMES = { 1: "won", 0: "lost", [-1]: "open" } as const;

/** A bin width giving about `target` bins over [min, max]: 1, 2, 5 × 10^k. */
export function niceBinWidth(min: number, max: number, target = 30): number {
  const span = Math.max(max - min, 1e-9);
  const raw = span / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(m * p, Number.EPSILON);
  return 10 * p;
}

/**
 * Histogram of `score` per outcome (1 won, 0 lost, −1 open). Open leads are
 * included only when `includeOpen`. Non-finite scores are skipped (there are
 * none from the scorer; the check keeps a bad column from breaking a chart).
 * Example: scoreHistogram([0, 10, 10], [1, 0, 1], {width: 10}) → bins [0,10) and [10,20) per outcome.
 */
export function scoreHistogram(
  score: ArrayLike<number>,
  outcome: ArrayLike<number>,
  options: { width?: number; includeOpen?: boolean } = {},
): { width: number; bins: HistogramBin[] } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < score.length; i++) {
    const s = score[i];
    if (Number.isFinite(s)) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
  }
  if (min === Infinity) return { width: options.width ?? 1, bins: [] };
  const width = options.width ?? niceBinWidth(min, max);
  const first = Math.floor(min / width);
  const k = Math.floor(max / width) - first + 1;
  const outcomes = options.includeOpen ? [1, 0, -1] : [1, 0];
  const counts = new Map(outcomes.map((o) => [o, new Float64Array(k)]));
  const totals = new Map(outcomes.map((o) => [o, 0]));
  for (let i = 0; i < score.length; i++) {
    const c = counts.get(outcome[i]);
    if (!c || !Number.isFinite(score[i])) continue;
    c[Math.floor(score[i] / width) - first]++;
    totals.set(outcome[i], totals.get(outcome[i])! + 1);
  }
  const bins: HistogramBin[] = [];
  for (const o of outcomes) {
    const c = counts.get(o)!;
    const total = totals.get(o)! || 1;
    let run = 0;
    for (let j = 0; j < k; j++) {
      run += c[j];
      const lo = (first + j) * width;
      bins.push({ lo, hi: lo + width, outcome: NAMES[o as 1 | 0 | -1], count: c[j], share: c[j] / total, cumulative: run / total });
    }
  }
  return { width, bins };
}

/** Share of won and of lost leads at or above a threshold. */
export function shareAbove(score: ArrayLike<number>, outcome: ArrayLike<number>, threshold: number): { won: number; lost: number } {
  let w = 0, wa = 0, l = 0, la = 0;
  for (let i = 0; i < score.length; i++) {
    if (outcome[i] === 1) {
      w++;
      if (score[i] >= threshold) wa++;
    } else if (outcome[i] === 0) {
      l++;
      if (score[i] >= threshold) la++;
    }
  }
  return { won: w ? wa / w : NaN, lost: l ? la / l : NaN };
}
