/**
 * Internal: finite numbers in ascending order by an LSD radix sort on their
 * IEEE-754 bits (four passes of 16 bits; a pass whose digit is the same for
 * every number is skipped, e.g. the low bits of whole numbers). The keys and
 * an optional byte per number (a lead's label) travel with the indices, so
 * each pass reads in order and the result needs no gather: a million scores
 * are sorted in tens of milliseconds, with every lead's index, which a sort
 * of the values alone loses. Stable: equal numbers keep their input order
 * (−0 sorts before 0).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Which 32-bit half of a double holds its sign and exponent on this machine. */
const HI = (() => {
  f64[0] = -1;
  return u32[1] === 0xbff00000 ? 1 : 0;
})();
const LO = 1 - HI;

export interface RadixSorted {
  /** Input index of each sorted position. */
  order: Uint32Array;
  /** The values, ascending. */
  sorted: Float64Array;
  /** The bytes given, in sorted order (empty when none were given). */
  tags: Uint8Array;
}

/** Sorts `values` (stable), carrying `tags` (one byte per value, e.g. 0/1 labels) along. Values must be finite (NaN has no place). */
export function radixSort(values: ArrayLike<number>, tags?: ArrayLike<number>): RadixSorted {
  const n = values.length;
  if (n < SMALL) return comparisonSort(values, tags);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  let tag = new Uint8Array(tags ? n : 0);
  for (let i = 0; i < n; i++) {
    f64[0] = values[i];
    let l = u32[LO];
    let h = u32[HI];
    // Order-preserving bits: a negative number has all its bits flipped, a positive one its sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    lo[i] = l;
    hi[i] = h;
    order[i] = i;
  }
  if (tags) for (let i = 0; i < n; i++) tag[i] = tags[i];
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  let tag2 = new Uint8Array(tag.length);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const shift = pass % 2 === 0 ? 0 : 16;
    const word = pass < 2 ? lo : hi;
    count.fill(0);
    for (let r = 0; r < n; r++) count[(word[r] >>> shift) & 0xffff]++;
    // Every number has the same digit: this pass would not move anything.
    if (n === 0 || count[(word[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    const tagged = tag.length > 0;
    for (let r = 0; r < n; r++) {
      const at = count[(word[r] >>> shift) & 0xffff]++;
      order2[at] = order[r];
      lo2[at] = lo[r];
      hi2[at] = hi[r];
      if (tagged) tag2[at] = tag[r];
    }
    [order, order2] = [order2, order];
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [tag, tag2] = [tag2, tag];
  }
  // The values back from their keys (exact: the transform only flips bits).
  const sorted = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let h = hi[r];
    let l = lo[r];
    if (h & 0x80000000) h = (h & 0x7fffffff) >>> 0;
    else {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    u32[HI] = h;
    u32[LO] = l;
    sorted[r] = f64[0];
  }
  return { order, sorted, tags: tag };
}

/**
 * Below this many values a comparison sort is faster: a radix pass sums
 * 65,536 buckets whatever the number of values (and a page may sort
 * thousands of small groups, e.g. one per month).
 */
const SMALL = 4096;

/** −1 for −0, else 0: the comparison sort puts −0 before 0, as the radix sort does. */
const negZero = (x: number) => (x === 0 && 1 / x < 0 ? -1 : 0);

function comparisonSort(values: ArrayLike<number>, tags?: ArrayLike<number>): RadixSorted {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b] || negZero(values[a]) - negZero(values[b]) || a - b);
  const sorted = Float64Array.from(order, (i) => values[i]);
  const tag = tags ? Uint8Array.from(order, (i) => tags[i]) : new Uint8Array(0);
  return { order, sorted, tags: tag };
}
