/**
 * The fitting-core workloads of bench/fit.ts, shared by Node and the browser
 * worker (bench/fit-browser/worker.ts) so that both time the same code on the
 * same data. No DOM, no Node APIs.
 *
 * Data: n leads × 40 sparse 0/1 criteria (criterion j met with probability
 * 0.05 + 0.35·j/39), labels drawn from a logistic model, all from
 * mulberry32(seed) — the same sequence on every engine. Generation (what a
 * loader would hand over as CSR) is not timed.
 */
import { bootstrapPoints } from "../../lib/fit/bootstrap.js";
import { collapseRows } from "../../lib/fit/collapse.js";
import { designFromCsr } from "../../lib/fit/design.js";
import { criterionDiagnostics } from "../../lib/fit/diagnostics.js";
import { fitLogistic } from "../../lib/fit/logistic.js";
import { suggestPoints } from "../../lib/fit/points.js";
import { mulberry32 } from "../../lib/prng.js";
import { bootstrapInChunks } from "../../lib/suggest/bootstrap.js";

export const P = 40;

export interface Csr {
  n: number;
  offsets: Int32Array;
  indices: Int32Array;
  labels: Uint8Array;
}

/** Seeded synthetic leads as CSR (indices ascending per row). */
export function generate(n: number, seed: number): Csr {
  const rng = mulberry32(seed);
  const rate = Array.from({ length: P }, (_, j) => 0.05 + (0.35 * j) / (P - 1));
  const beta = Array.from({ length: P }, (_, j) => (j % 3 === 0 ? -1 : 1) * (0.1 + 1.2 * rng()));
  const offsets = new Int32Array(n + 1);
  let indices = new Int32Array(Math.ceil(n * rate.reduce((s, r) => s + r, 0) * 1.05) + P);
  const labels = new Uint8Array(n);
  let t = 0;
  for (let r = 0; r < n; r++) {
    if (t + P > indices.length) {
      const grown = new Int32Array(indices.length * 2);
      grown.set(indices);
      indices = grown;
    }
    let eta = -2;
    for (let j = 0; j < P; j++)
      if (rng() < rate[j]) {
        indices[t++] = j;
        eta += beta[j];
      }
    offsets[r + 1] = t;
    labels[r] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { n, offsets, indices: indices.slice(0, t), labels };
}

export interface Step {
  key: string;
  label: string;
  ms: number;
}

export interface FitFigures {
  n: number;
  nnz: number;
  distinct: number;
  steps: Step[];
  /** design checks + collapse + diagnostics + suggestPoints (fit + refinement), in that order, cold */
  pipelineMs: number;
  /** diagnostics + suggestPoints only */
  coreMs: number;
  newtonIterations: number;
  converged: boolean;
  multiplier: number;
  moves: number;
  /** Σ|points| and the points, to compare engines */
  points: number[];
}

export interface BootstrapFigures {
  n: number;
  distinct: number;
  replicates: number;
  ms: number;
  /** ms of the direct bootstrapPoints call (Node only, when asked) */
  directMs: number | null;
  notConverged: number;
  lo: number[];
  hi: number[];
}

export type Progress = (message: string, fraction: number) => void;

const now = () => performance.now();

/**
 * 1: design checks (designFromCsr), collapseRows, criterionDiagnostics,
 * suggestPoints PDO (fit + integer refinement) — timed in that order, the fit
 * cold as on the page; then, for the breakdown only, fitLogistic alone.
 */
export function fitWorkload(n: number, seed: number, progress: Progress = () => {}): FitFigures {
  progress(`generating ${n.toLocaleString("en")} leads × ${P} criteria (not timed)…`, 0);
  const g = generate(n, seed);
  const steps: Step[] = [];
  const time = <T>(key: string, label: string, f: () => T): T => {
    const t = now();
    const out = f();
    steps.push({ key, label, ms: now() - t });
    return out;
  };
  progress("design checks…", 0.1);
  const design = time("design", "design checks (designFromCsr)", () => designFromCsr(g.offsets, g.indices, g.labels, P));
  progress("collapsing rows…", 0.15);
  const rows = time("collapse", "collapseRows", () => collapseRows(design));
  progress("diagnostics…", 0.3);
  time("diagnostics", "criterionDiagnostics", () => criterionDiagnostics(rows));
  progress("fit + integer refinement…", 0.35);
  const sp = time("suggest", "suggestPoints PDO (fit + refinement)", () => suggestPoints(rows));
  const pipelineMs = steps.reduce((s, x) => s + x.ms, 0);
  const coreMs = steps.filter((x) => x.key === "diagnostics" || x.key === "suggest").reduce((s, x) => s + x.ms, 0);
  progress("breakdown: fitLogistic alone…", 0.7);
  const fit = time("fit", "  of which fitLogistic (run again, warm)", () => fitLogistic(rows));
  return {
    n,
    nnz: g.indices.length,
    distinct: rows.nRows,
    steps,
    pipelineMs,
    coreMs,
    newtonIterations: fit.iterations,
    converged: fit.converged,
    multiplier: sp.refinement.multiplier,
    moves: sp.refinement.moves,
    points: Array.from(sp.points),
  };
}

/**
 * 2: the bootstrap as the page runs it (lib/suggest bootstrapInChunks: chunks of
 * 25 refits, progress after each), factor 20/ln 2; optionally also the direct
 * bootstrapPoints call (the former Node figure).
 */
export function bootstrapWorkload(n: number, seed: number, replicates: number, progress: Progress = () => {}, direct = false): BootstrapFigures {
  progress(`generating ${n.toLocaleString("en")} leads (not timed)…`, 0);
  const g = generate(n, seed);
  const rows = collapseRows(designFromCsr(g.offsets, g.indices, g.labels, P));
  const factor = 20 / Math.LN2;
  let t = now();
  const boot = bootstrapInChunks(rows, { factor, replicates }, (done, total) => progress(`bootstrap: ${done} of ${total} refits…`, done / total));
  const ms = now() - t;
  let directMs: number | null = null;
  if (direct) {
    t = now();
    bootstrapPoints(rows, { factor, replicates });
    directMs = now() - t;
  }
  return { n, distinct: rows.nRows, replicates, ms, directMs, notConverged: boot.notConverged, lo: Array.from(boot.lo), hi: Array.from(boot.hi) };
}
