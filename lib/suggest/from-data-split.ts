/**
 * Splits for a model from data: by creation date (default; the newest leads
 * are the test leads, as splitLeads) or stratified at random with a seed
 * (`kind: "random"`, also used when the leads carry no dates): each outcome
 * is shuffled on its own and `share` of it trains, so both sides keep the
 * overall win rate.
 */
import { mulberry32 } from "../prng.js";
import { splitLeads } from "./split.js";

export interface DataSplit {
  kind: "date" | "random";
  date: string | null;
  seed: number | null;
  /** Lead indices, ascending. */
  train: Int32Array;
  test: Int32Array;
}

/**
 * Stratified random split: of the won leads and of the lost leads, ⌊share·n + ½⌋ train.
 * @example stratifiedSplit(Uint8Array.of(1, 0, 1, 0), 0.5, 1).train.length // => 2
 */
export function stratifiedSplit(labels: ArrayLike<number>, share: number, seed: number): { train: Int32Array; test: Int32Array } {
  const rng = mulberry32(seed);
  const isTrain = new Uint8Array(labels.length);
  for (const want of [1, 0]) {
    const pos: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === want) pos.push(i);
    for (let a = pos.length - 1; a > 0; a--) {
      const b = Math.floor(rng() * (a + 1));
      [pos[a], pos[b]] = [pos[b], pos[a]];
    }
    const nTrain = Math.floor(share * pos.length + 0.5);
    for (let k = 0; k < nTrain; k++) isTrain[pos[k]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < labels.length; i++) (isTrain[i] ? train : test).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** The split of a suggestion from data; see the module comment. */
export function dataSplit(labels: ArrayLike<number>, createdMs: Float64Array, o: { kind?: "date" | "random"; date?: string; share?: number; seed?: number } = {}): DataSplit {
  const share = o.share ?? 0.7;
  const seed = o.seed ?? 1;
  if ((o.kind ?? "date") === "date") {
    const s = splitLeads(createdMs, { date: o.date, share, seed });
    if (s.kind === "date") {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < s.test.length; i++) (s.test[i] ? test : train).push(i);
      return { kind: "date", date: s.date, seed: null, train: Int32Array.from(train), test: Int32Array.from(test) };
    }
  }
  return { kind: "random", date: null, seed, ...stratifiedSplit(labels, share, seed) };
}
