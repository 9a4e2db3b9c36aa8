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

/**
 * `replicates` refits (≥ 2) in chunks of `chunk`; chunk k uses seed·1000 + k.
 * `progress(done, total)` is called after each chunk.
 * @example bootstrapInChunks(rows, { factor: 10, replicates: 200, include }).lo
 */
export function bootstrapInChunks(
  rows: BinomialRows,
  o: { factor: number; replicates?: number; seed?: number; chunk?: number; minPoints?: number; C?: number; include?: ArrayLike<number>; priorMean?: ArrayLike<number> },
  progress: (done: number, total: number) => void = () => {},
): PointsIntervals {
  const B = o.replicates ?? 200;
  const chunk = Math.max(2, o.chunk ?? 25);
  const p = rows.nCols;
  const all = new Float64Array(B * p);
  let done = 0;
  let notConverged = 0;
  for (let k = 0; done < B; k++) {
    const b = Math.max(2, Math.min(chunk, B - done));
    const r = bootstrapPoints(rows, { factor: o.factor, replicates: b, seed: (o.seed ?? 1) * 1000 + k, minPoints: o.minPoints, C: o.C, include: o.include, priorMean: o.priorMean });
    all.set(r.points.subarray(0, Math.min(b, B - done) * p), done * p);
    done += Math.min(b, B - done);
    notConverged += r.notConverged;
    progress(done, B);
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
