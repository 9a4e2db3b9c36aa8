/**
 * The speed workload of bench/from-data.ts, shared by Node and the browser
 * worker: 1,000,000 synthetic leads × 30 columns (10 numeric, 15 categorical,
 * 5 activity types) with a known logistic truth, and suggestFromData on them
 * (stratified random split, seed 1). The data are generated before the clock
 * starts; suggestFromData times its own steps.
 */
import { mulberry32 } from "../../lib/prng.js";
import type { FromDataInput } from "../../lib/suggest/from-data-input.js";
import { suggestFromData } from "../../lib/suggest/from-data.js";

export interface SpeedFigures {
  n: number;
  generateMs: number;
  timings: { candidatesMs: number; selectionMs: number; refinementMs: number; halfLifeMs: number; evaluationMs: number };
  k: number;
  testAuc: number;
  criteria: string[];
}

/** Synthetic leads with a known logistic truth: 10 numeric, 15 categorical columns, 5 activity types. */
export function synthetic(n: number, seed: number): FromDataInput {
  const rng = mulberry32(seed);
  const eta = new Float64Array(n).fill(-2);
  const columns: FromDataInput["columns"] = [];
  for (let j = 0; j < 10; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      v[i] = rng() < 0.05 ? NaN : Math.round(rng() * 1000) / 10;
      if (j < 5 && !Number.isNaN(v[i])) eta[i] += (0.3 * (j + 1) * (v[i] - 50)) / 50;
    }
    columns.push({ name: `num_${j}`, kind: "number", values: v });
  }
  for (let j = 0; j < 15; j++) {
    const levels = 3 + (j % 8);
    const v: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rng() ** 1.5 * levels);
      v[i] = rng() < 0.03 ? null : `L${k}`;
      if (j < 6 && v[i] !== null) eta[i] += k % 2 ? 0.4 : -0.2;
    }
    columns.push({ name: `cat_${j}`, kind: "string", values: v });
  }
  const activities: FromDataInput["activities"] = [];
  for (let a = 0; a < 5; a++) {
    const offsets = new Int32Array(n + 1);
    const ages: number[] = [];
    for (let i = 0; i < n; i++) {
      let k = 0;
      const mean = 1 + a;
      while (rng() < mean / (mean + 1) && k < 30) k++;
      for (let e = 0; e < k; e++) ages.push(rng() * 30);
      if (a < 3) eta[i] += 0.15 * Math.min(k, 5);
      offsets[i + 1] = ages.length;
    }
    activities.push({ type: `activity_${a}`, offsets, ages: Float32Array.from(ages) });
  }
  const labels = Uint8Array.from(eta, (e) => (rng() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
  return { n, leadIds: Array.from({ length: n }, (_, i) => `L${i}`), labels, createdMs: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000), columns, activities, windowDays: 30 };
}

export function speedWorkload(n: number, onProgress: (message: string, fraction: number) => void = () => {}): SpeedFigures {
  const t = performance.now();
  const input = synthetic(n, 7);
  const generateMs = performance.now() - t;
  const r = suggestFromData(input, { split: "random", seed: 1 }, onProgress);
  return { n, generateMs, timings: r.timings, k: r.k, testAuc: r.test.aucInteger, criteria: r.curve.slice(0, r.k).map((p) => p.added) };
}
