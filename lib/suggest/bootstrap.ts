/**
 * The seeded bootstrap of lib/fit (bootstrapPoints), run in chunks so that a
 * page can show progress, then merged: percentile intervals (type 7) and
 * keep-rates over all refits. Same seed and chunk size → same result.
 */
import type { BinomialRows } from "../fit/design.js";
import { bootstrapPoints } from "../fit/bootstrap.js";

export interface PointsIntervals {
  replicates: number;
  lo: Float64Array;
  median: Float64Array;
  hi: Float64Array;
  keepRate: Float64Array;
  notConverged: number;
}

function quantile7(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** What a bootstrap run needs besides the rows: every option but the points scale. */
export interface BootstrapJob { replicates?: number; seed?: number; chunk?: number; minPoints?: number; C?: number; include?: ArrayLike<number>; priorMean?: ArrayLike<number> }

/** One chunk of a run: chunk k (seed·1000 + k) of `size` refits, of which the first `take` count, placed from refit `at`. */
export interface BootstrapChunk { k: number; size: number; take: number; at: number }

/** One chunk's refits as coefficients (points at factor 1), `take` × criteria, row-major. */
export interface ChunkResult { k: number; coefs: Float64Array; notConverged: number }

/** The chunks of a run of `replicates` refits (≥ 2) in chunks of `chunk` (default 25), in order. */
export function bootstrapPlan(o: Pick<BootstrapJob, "replicates" | "chunk">): BootstrapChunk[] {
  const B = o.replicates ?? 200;
  const chunk = Math.max(2, o.chunk ?? 25);
  const plan: BootstrapChunk[] = [];
  for (let k = 0, done = 0; done < B; k++) {
    const size = Math.max(2, Math.min(chunk, B - done));
    const take = Math.min(size, B - done);
    plan.push({ k, size, take, at: done });
    done += take;
  }
  return plan;
}

/**
 * One chunk's refits (lib/fit bootstrapPoints at factor 1: the coefficients).
 * Chunks are independent (each its own seed), so they may run in any order
 * and in different workers; mergeBootstrap puts them together.
 */
export function bootstrapChunk(rows: BinomialRows, o: BootstrapJob, c: BootstrapChunk): ChunkResult {
  const r = bootstrapPoints(rows, { factor: 1, replicates: c.size, seed: (o.seed ?? 1) * 1000 + c.k, minPoints: o.minPoints, C: o.C, include: o.include, priorMean: o.priorMean });
  return { k: c.k, coefs: r.points.slice(0, c.take * rows.nCols), notConverged: r.notConverged };
}

/**
 * Every chunk of a plan (any order) → points = factor · coefficient, then
 * percentile intervals (type 7) and keep-rates over all refits.
 * @throws when a chunk of the plan is missing.
 */
export function mergeBootstrap(nCols: number, o: Pick<BootstrapJob, "replicates" | "chunk" | "minPoints"> & { factor: number }, results: readonly ChunkResult[]): PointsIntervals {
  const B = o.replicates ?? 200;
  const p = nCols;
  const all = new Float64Array(B * p);
  const byK = new Map(results.map((r) => [r.k, r]));
  let notConverged = 0;
  for (const c of bootstrapPlan(o)) {
    const r = byK.get(c.k);
    if (!r) throw new Error(`mergeBootstrap: chunk ${c.k} of the bootstrap is missing; run every chunk of bootstrapPlan.`);
    for (let i = 0; i < c.take * p; i++) all[c.at * p + i] = o.factor * r.coefs[i];
    notConverged += r.notConverged;
  }
  const keepAt = Math.max(1, o.minPoints ?? 0);
  const lo = new Float64Array(p);
  const hi = new Float64Array(p);
  const median = new Float64Array(p);
  const keepRate = new Float64Array(p);
  const col = new Float64Array(B);
  for (let j = 0; j < p; j++) {
    let keep = 0;
    for (let b = 0; b < B; b++) {
      col[b] = all[b * p + j];
      if (Math.abs(Math.round(col[b])) >= keepAt) keep++;
    }
    col.sort();
    lo[j] = quantile7(col, 0.025);
    median[j] = quantile7(col, 0.5);
    hi[j] = quantile7(col, 0.975);
    keepRate[j] = keep / B;
  }
  return { replicates: B, lo, median, hi, keepRate, notConverged };
}

/**
 * `replicates` refits (≥ 2) in chunks of `chunk`; chunk k uses seed·1000 + k.
 * `progress(done, total)` is called after each chunk.
 * @example bootstrapInChunks(rows, { factor: 10, replicates: 200, include }).lo
 */
export function bootstrapInChunks(
  rows: BinomialRows,
  o: BootstrapJob & { factor: number },
  progress: (done: number, total: number) => void = () => {},
): PointsIntervals {
  const B = o.replicates ?? 200;
  const results: ChunkResult[] = [];
  for (const c of bootstrapPlan(o)) {
    results.push(bootstrapChunk(rows, o, c));
    progress(c.at + c.take, B);
  }
  return mergeBootstrap(rows.nCols, o, results);
}
