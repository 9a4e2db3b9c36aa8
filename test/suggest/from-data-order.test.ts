/**
 * A model from data does not depend on the order the rows were read in (the
 * browser may restore cached tables, another engine may scan otherwise):
 * the same leads in a shuffled order, with each lead's activities shuffled
 * too, give the same draft, thresholds and half-lives, and every lead the
 * same score.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../lib/prng.js";
import { canonicalInput, type FromDataInput } from "../../lib/suggest/from-data-input.js";
import { suggestFromData } from "../../lib/suggest/from-data.js";

function synthetic(n: number, seed: number): FromDataInput {
  const rng = mulberry32(seed);
  const eta = new Float64Array(n).fill(-1.5);
  const num = new Float64Array(n);
  const cat: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    num[i] = rng() < 0.05 ? NaN : Math.round(rng() * 100);
    if (!Number.isNaN(num[i])) eta[i] += (num[i] - 50) / 40;
    const k = Math.floor(rng() * 4);
    cat.push(rng() < 0.03 ? null : `L${k}`);
    eta[i] += k === 2 ? 0.8 : 0;
  }
  const offsets = new Int32Array(n + 1);
  const ages: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rng() * 4);
    for (let e = 0; e < k; e++) ages.push(rng() * 30);
    eta[i] += 0.3 * k;
    offsets[i + 1] = ages.length;
  }
  const labels = Uint8Array.from(eta, (e) => (rng() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
  return {
    n, labels, windowDays: 30,
    leadIds: Array.from({ length: n }, (_, i) => `L${String(i).padStart(6, "0")}`),
    createdMs: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
    columns: [{ name: "size", kind: "number", values: num }, { name: "kind", kind: "string", values: cat }],
    activities: [{ type: "visit", offsets, ages: Float32Array.from(ages) }],
  };
}

/** The same leads in the order `perm` (perm[k] = old row of new row k), each lead's ages reversed. */
function reorder(input: FromDataInput, perm: number[]): FromDataInput {
  const a = input.activities[0];
  const offsets = new Int32Array(input.n + 1);
  const ages: number[] = [];
  perm.forEach((i, k) => {
    for (let e = a.offsets[i + 1] - 1; e >= a.offsets[i]; e--) ages.push(a.ages[e]);
    offsets[k + 1] = ages.length;
  });
  return {
    ...input,
    leadIds: perm.map((i) => input.leadIds[i]),
    labels: Uint8Array.from(perm, (i) => input.labels[i]),
    createdMs: Float64Array.from(perm, (i) => input.createdMs[i]),
    columns: input.columns.map((c) => (c.kind === "number" ? { ...c, values: Float64Array.from(perm, (i) => c.values[i]) } : { ...c, values: perm.map((i) => c.values[i]) })),
    activities: [{ type: a.type, offsets, ages: Float32Array.from(ages) }],
  };
}

describe("a model from data and the order of the rows", () => {
  const input = synthetic(4000, 3);
  const rng = mulberry32(9);
  const perm = Array.from({ length: input.n }, (_, i) => i);
  for (let a = perm.length - 1; a > 0; a--) {
    const b = Math.floor(rng() * (a + 1));
    [perm[a], perm[b]] = [perm[b], perm[a]];
  }
  const shuffled = reorder(input, perm);

  it("canonicalInput restores lead-id order with each lead's ages ascending", () => {
    const c = canonicalInput(shuffled);
    expect(c.order).not.toBeNull();
    expect(c.input.leadIds).toEqual(input.leadIds);
    expect(Array.from(c.input.labels)).toEqual(Array.from(input.labels));
    const a = c.input.activities[0];
    expect(Array.from(a.offsets)).toEqual(Array.from(input.activities[0].offsets));
    for (let i = 0; i < input.n; i++) {
      const mine = Array.from(a.ages.subarray(a.offsets[i], a.offsets[i + 1]));
      expect(mine).toEqual([...mine].sort((x, y) => x - y));
    }
    expect(canonicalInput(c.input).order).toBeNull();
  });

  it("gives the same draft, thresholds, half-lives and per-lead scores for shuffled rows (random split and date split)", () => {
    for (const split of ["random", "date"] as const) {
      const a = suggestFromData(input, { split, seed: 5, maxCriteria: 3 });
      const b = suggestFromData(shuffled, { split, seed: 5, maxCriteria: 3 });
      expect(b.draft).toEqual(a.draft);
      expect(b.thresholds).toEqual(a.thresholds);
      expect(b.halfLives).toEqual(a.halfLives);
      expect(b.curve).toEqual(a.curve);
      perm.forEach((i, k) => expect(b.scores[k]).toBe(a.scores[i]));
    }
  });
});
