/**
 * Optimal bands of a numeric column in the manner of optbinning
 * (Navas-Palencia 2020, "Optimal binning: mathematical programming
 * formulation"): fine quantile pre-bins on the VALUES (a cut is a value, so
 * tied values always share a pre-bin and row order never matters), cut points
 * rounded to readable values, then the pre-bins merged into consecutive bands
 * that maximise the information value (IV) under a minimum band share and a
 * shape of the win rate — ascending, descending, peaked (up then down) or
 * valley (down then up) — solved exactly by dynamic programming over the
 * pre-bins. The shape is chosen by IV: a monotonic one unless a peaked or
 * valley shape raises the IV by more than `shapeGain` (default 5 %). Missing
 * values are a band of their own, never merged.
 *
 * WoE of a band = ln((won_b + ½)/(W + ½) / ((lost_b + ½)/(L + ½))) (positive =
 * more wins than average), IV = Σ (won_b/W − lost_b/L)·WoE_b.
 */

export type Trend = "ascending" | "descending" | "peaked" | "valley";

export interface Band {
  /** Inclusive lower bound (null = −∞). */
  lo: number | null;
  /** Exclusive upper bound (null = +∞). */
  hi: number | null;
  n: number;
  won: number;
}

export interface NumericBinning {
  bands: Band[];
  missing: { n: number; won: number };
  trend: Trend;
  /** IV of the bands plus the missing band. */
  iv: number;
  /** IV of the best partition under each shape (null when none is feasible). */
  ivByTrend: Record<Trend, number | null>;
  /** The rounded pre-bin cut points the bands were merged from. */
  preCuts: number[];
}

export interface BinningOptions {
  /** Number of quantile pre-bins (default 20, optbinning's max_n_prebins). */
  preBins?: number;
  /** Minimum share of the rows (missing included) in each band (default 0.05). */
  minShare?: number;
  /** Relative IV gain a peaked/valley shape needs over the best monotonic one (default 0.05). */
  shapeGain?: number;
  /** Significant digits of the rounded cut points (default 2). */
  digits?: number;
}

/**
 * A readable cut point: `x` rounded to `digits` significant digits, and
 * integers kept integer.
 * @example readableCut(29.87) // => 30
 * @example readableCut(1234) // => 1200
 * @example readableCut(0.0437) // => 0.044
 */
export function readableCut(x: number, digits = 2): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = Math.floor(Math.log10(Math.abs(x))) - digits + 1;
  const step = 10 ** e;
  const r = Math.round(x / step) * step;
  return e < 0 ? Number(r.toFixed(-e)) : r;
}

/**
 * Pre-bin cut points of sorted non-missing values: the values at ranks
 * ⌊q·n/B⌋ (q = 1 … B−1), rounded by readableCut, kept when strictly above the
 * minimum and distinct. A cut c splits [.., c) from [c, ..), so equal values
 * are never split.
 * @example preBinCuts(Float64Array.of(1, 1, 1, 2, 3, 4, 5, 6, 7, 8), 5) // => [2, 4, 6]
 */
export function preBinCuts(sorted: ArrayLike<number>, preBins = 20, digits = 2): number[] {
  const n = sorted.length;
  const cuts: number[] = [];
  if (n === 0) return cuts;
  for (let q = 1; q < preBins; q++) {
    const v = readableCut(sorted[Math.min(n - 1, Math.floor((q * n) / preBins))], digits);
    if (v > sorted[0] && v <= sorted[n - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return cuts;
}

/** Index of the band [cuts[k−1], cuts[k]) holding x (binary search); cuts ascending. */
export function bandOf(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x >= cuts[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** IV term of one band. */
export function ivTerm(won: number, lost: number, W: number, L: number): number {
  const g = (won + 0.5) / (W + 0.5);
  const b = (lost + 0.5) / (L + 0.5);
  return (won / W - lost / L) * Math.log(g / b);
}

/**
 * The IV-maximising partition of consecutive pre-bins (counts n, won) into
 * bands with at least `minN` rows each whose win rate follows `trend`.
 * Exact DP, O(m³) for m pre-bins. W and L are the totals of won and lost rows
 * (missing included). Returns the band boundaries as pre-bin indices
 * [0, e1, e2, …, m], or null when no partition meets the constraints.
 */
export function mergePreBins(n: ArrayLike<number>, won: ArrayLike<number>, W: number, L: number, minN: number, trend: Trend): { edges: number[]; iv: number } | null {
  const m = n.length;
  const cn = new Float64Array(m + 1);
  const cw = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) (cn[i + 1] = cn[i] + n[i]), (cw[i + 1] = cw[i] + won[i]);
  const N = (i: number, j: number) => cn[j] - cn[i];
  const rate = (i: number, j: number) => (cw[j] - cw[i]) / (cn[j] - cn[i]);
  const iv = (i: number, j: number) => ivTerm(cw[j] - cw[i], N(i, j) - (cw[j] - cw[i]), W, L);
  // phase 0 = first leg (up for ascending/peaked, down for descending/valley), 1 = second leg
  const firstUp = trend === "ascending" || trend === "peaked";
  const twoLegs = trend === "peaked" || trend === "valley";
  const NEG = -Infinity;
  const best = [new Float64Array((m + 1) * (m + 1)).fill(NEG), new Float64Array((m + 1) * (m + 1)).fill(NEG)];
  const from = [new Int32Array((m + 1) * (m + 1)).fill(-1), new Int32Array((m + 1) * (m + 1)).fill(-1)];
  const fromPhase = [new Int8Array((m + 1) * (m + 1)), new Int8Array((m + 1) * (m + 1))];
  const ok = (up: boolean, prev: number, cur: number) => (up ? cur >= prev : cur <= prev);
  for (let j = 1; j <= m; j++)
    for (let i = 0; i < j; i++) {
      if (N(i, j) < minN) continue;
      const v = iv(i, j);
      const r = rate(i, j);
      if (i === 0) {
        best[0][i * (m + 1) + j] = v;
        continue;
      }
      for (let k = 0; k < i; k++) {
        for (let ph = 0; ph < (twoLegs ? 2 : 1); ph++) {
          const prev = best[ph][k * (m + 1) + i];
          if (prev === NEG) continue;
          const pr = rate(k, i);
          // stay in phase ph, or move from phase 0 to phase 1
          for (const to of twoLegs ? (ph === 0 ? [0, 1] : [1]) : [0]) {
            const up = to === 0 ? firstUp : !firstUp;
            if (!ok(up, pr, r)) continue;
            const cand = prev + v;
            if (cand > best[to][i * (m + 1) + j]) {
              best[to][i * (m + 1) + j] = cand;
              from[to][i * (m + 1) + j] = k;
              fromPhase[to][i * (m + 1) + j] = ph;
            }
          }
        }
      }
    }
  let top = NEG;
  let at = -1;
  let phase = 0;
  for (let ph = 0; ph < (twoLegs ? 2 : 1); ph++)
    for (let i = 0; i < m; i++) {
      const v = best[ph][i * (m + 1) + m];
      if (v > top + 1e-15) (top = v), (at = i), (phase = ph);
    }
  if (at < 0) return null;
  const edges = [m];
  let j = m;
  let i = at;
  while (i > 0) {
    edges.push(i);
    const k = from[phase][i * (m + 1) + j];
    const ph = fromPhase[phase][i * (m + 1) + j];
    j = i;
    i = k;
    phase = ph;
  }
  edges.push(0);
  return { edges: edges.reverse(), iv: top };
}

/**
 * Optimal bands of `values` (NaN = missing) against 0/1 `labels`, over the
 * rows listed in `rows` (default all).
 * @example optimalBinning(age, won, { minShare: 0.05 }).bands.map((b) => b.lo) // e.g. [null, 30, 45, 60]
 */
export function optimalBinning(values: ArrayLike<number>, labels: ArrayLike<number>, options: BinningOptions = {}, rows?: ArrayLike<number>): NumericBinning {
  const minShare = options.minShare ?? 0.05;
  const shapeGain = options.shapeGain ?? 0.05;
  const count = rows ? rows.length : values.length;
  const xs: number[] = [];
  let mN = 0;
  let mW = 0;
  let W = 0;
  for (let t = 0; t < count; t++) {
    const i = rows ? rows[t] : t;
    const x = values[i];
    W += labels[i];
    if (Number.isNaN(x)) (mN++, (mW += labels[i]));
    else xs.push(x);
  }
  const L = count - W;
  const sorted = Float64Array.from(xs).sort();
  const preCuts = preBinCuts(sorted, options.preBins ?? 20, options.digits ?? 2);
  const m = preCuts.length + 1;
  const pn = new Float64Array(m);
  const pw = new Float64Array(m);
  for (let t = 0; t < count; t++) {
    const i = rows ? rows[t] : t;
    const x = values[i];
    if (Number.isNaN(x)) continue;
    const b = bandOf(preCuts, x);
    pn[b]++;
    pw[b] += labels[i];
  }
  const minN = Math.max(1, minShare * count);
  const ivByTrend = {} as Record<Trend, number | null>;
  const parts = {} as Record<Trend, { edges: number[]; iv: number } | null>;
  for (const t of ["ascending", "descending", "peaked", "valley"] as Trend[]) {
    parts[t] = sorted.length ? mergePreBins(pn, pw, W, L, minN, t) : null;
    ivByTrend[t] = parts[t]?.iv ?? null;
  }
  const mono: Trend = (ivByTrend.ascending ?? -1) >= (ivByTrend.descending ?? -1) ? "ascending" : "descending";
  const shaped: Trend = (ivByTrend.peaked ?? -1) >= (ivByTrend.valley ?? -1) ? "peaked" : "valley";
  let trend: Trend = mono;
  if (parts[shaped] && (!parts[mono] || (ivByTrend[shaped] as number) > (ivByTrend[mono] as number) * (1 + shapeGain))) trend = shaped;
  const edges = parts[trend]?.edges ?? [0, m];
  const bands: Band[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    let n = 0;
    let won = 0;
    for (let b = edges[k]; b < edges[k + 1]; b++) (n += pn[b]), (won += pw[b]);
    bands.push({ lo: edges[k] === 0 ? null : preCuts[edges[k] - 1], hi: edges[k + 1] === m ? null : preCuts[edges[k + 1] - 1], n, won });
  }
  let iv = ivTerm(mW, mN - mW, W, L);
  for (const b of bands) iv += ivTerm(b.won, b.n - b.won, W, L);
  return { bands, missing: { n: mN, won: mW }, trend, iv, ivByTrend, preCuts };
}
