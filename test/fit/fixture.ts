import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { designFromLists, type Design } from "../../lib/fit/design.js";

/** Read test/fit/fixtures/<name>: columns x0..x(p-1) (0/1), y (0/1), w (weight). */
export function readFixture(name: string): { design: Design; rows: number[][]; y: number[]; w: number[] } {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
  const [head, ...lines] = text.trim().split("\n");
  const cols = head.split(",");
  const p = cols.filter((c) => c.startsWith("x")).length;
  const rows: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const line of lines) {
    const v = line.split(",").map(Number);
    const active: number[] = [];
    for (let j = 0; j < p; j++) if (v[j] === 1) active.push(j);
    rows.push(active);
    y.push(v[p]);
    w.push(v[p + 1]);
  }
  return { design: designFromLists(rows, y, p), rows, y, w };
}

/** Weighted AUC with mid-ranks for ties (test helper; the product code uses lib/metrics). */
export function aucWeighted(score: ArrayLike<number>, won: ArrayLike<number>, lost: ArrayLike<number>): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let lostBelow = 0;
  let num = 0;
  let W = 0;
  let L = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let w1 = 0;
    let w0 = 0;
    while (j < order.length && score[order[j]] === score[order[i]]) {
      w1 += won[order[j]];
      w0 += lost[order[j]];
      j++;
    }
    num += w1 * (lostBelow + 0.5 * w0);
    lostBelow += w0;
    W += w1;
    L += w0;
    i = j;
  }
  return num / (W * L);
}

/** mulberry32, for test data only. */
export function testRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
