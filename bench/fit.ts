/**
 * Timing of the fitting core (lib/fit). Run: npx tsx bench/fit.ts
 *
 * 1. 1,000,000 leads × 40 sparse criteria (each met with probability 0.05–0.4):
 *    design build (CSR + checks), collapse, logistic fit, points with integer
 *    refinement (PDO and bounded scales).
 * 2. 100,000 leads × 40 criteria: 200 bootstrap refits.
 */
import { bootstrapPoints } from "../lib/fit/bootstrap.js";
import { collapseRows } from "../lib/fit/collapse.js";
import { designFromCsr, type Design } from "../lib/fit/design.js";
import { fitLogistic } from "../lib/fit/logistic.js";
import { mulberry32 } from "../lib/fit/prng.js";
import { suggestPoints } from "../lib/fit/points.js";

const P = 40;

function synthetic(n: number, seed: number): { build: () => Design } {
  const rng = mulberry32(seed);
  const rate = Array.from({ length: P }, (_, j) => 0.05 + (0.35 * j) / (P - 1));
  const beta = Array.from({ length: P }, (_, j) => (j % 3 === 0 ? -1 : 1) * (0.1 + 1.2 * rng()));
  // raw generation (what a loader would hand over) is not timed
  const active: number[][] = [];
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const row: number[] = [];
    let eta = -2;
    for (let j = 0; j < P; j++)
      if (rng() < rate[j]) {
        row.push(j);
        eta += beta[j];
      }
    active.push(row);
    labels[r] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return {
    build: () => {
      const offsets = new Int32Array(n + 1);
      for (let r = 0; r < n; r++) offsets[r + 1] = offsets[r] + active[r].length;
      const indices = new Int32Array(offsets[n]);
      for (let r = 0; r < n; r++) indices.set(active[r], offsets[r]);
      return designFromCsr(offsets, indices, labels, P);
    },
  };
}

let last = 0;
function time<T>(label: string, f: () => T): T {
  const t = performance.now();
  const out = f();
  last = performance.now() - t;
  console.log(`${label.padEnd(48)} ${last.toFixed(0).padStart(6)} ms`);
  return out;
}

console.log(`node ${process.version}`);
{
  const gen = synthetic(1_000_000, 1);
  let pipeline = 0;
  const design = time("1M × 40: design build (CSR + checks)", gen.build);
  pipeline += last;
  const rows = time("1M × 40: collapseRows", () => collapseRows(design));
  pipeline += last;
  console.log(`  ${design.indices.length} active indicators, ${rows.nRows} distinct vectors`);
  const fit = time("1M × 40: fitLogistic", () => fitLogistic(rows));
  console.log(`  ${fit.iterations} Newton iterations, converged ${fit.converged}`);
  const pdo = time("1M × 40: suggestPoints PDO (fit + refinement)", () => suggestPoints(rows));
  pipeline += last;
  console.log(`  multiplier ${pdo.refinement.multiplier.toFixed(3)}, ${pdo.refinement.moves} moves`);
  const bounded = time("1M × 40: suggestPoints bounded ±10 (fit + ref.)", () => suggestPoints(rows, { scale: { kind: "bounded", maxAbsPoints: 10 } }));
  console.log(`  multiplier ${bounded.refinement.multiplier.toFixed(3)}, ${bounded.refinement.moves} moves`);
  console.log(`1M pipeline: build + collapse + suggestPoints PDO = ${pipeline.toFixed(0)} ms (goal ≤ 3000)`);
}
{
  const design = synthetic(100_000, 2).build();
  const rows = time("100k × 40: collapseRows", () => collapseRows(design));
  const boot = time("100k × 40: bootstrapPoints, 200 refits (goal ≤ 10 s)", () => bootstrapPoints(rows, { factor: 20 / Math.LN2, replicates: 200 }));
  console.log(`  not converged: ${boot.notConverged}`);
}
