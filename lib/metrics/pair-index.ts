/**
 * Internal: a hash index from pairs of numbers to dense positions 0, 1, 2, …
 * in order of first addition, on typed arrays: it replaces a Map of Maps per
 * lead (a boxed number per key; 0.5 s at a million leads) by about one
 * memory access per lookup.
 *
 * Keys compare as Map keys do (SameValueZero): 0 and −0 are one key, and
 * every NaN is one key.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** 0 for −0, one NaN for every NaN, else x. */
const normal = (x: number) => (x === 0 ? 0 : x !== x ? NaN : x);

/** A 32-bit hash of the bits of a double (normalised as above). */
function hashOf(x: number): number {
  f64[0] = x;
  let h = Math.imul(u32[0] ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(u32[1] ^ 0xc2b2ae35, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

const same = (a: number, b: number) => a === b || (a !== a && b !== b);

function capacityFor(n: number): number {
  let c = 16;
  while (c < 2 * n) c *= 2;
  return c;
}

/** Pairs of numbers → positions in order of first addition. */
export class PairIndex {
  private slots: Int32Array;
  private mask: number;
  /** The pairs' first and second numbers, by position (normalised). */
  first: Float64Array;
  second: Float64Array;
  size = 0;

  constructor(expected = 16) {
    const c = capacityFor(expected);
    this.slots = new Int32Array(c).fill(-1);
    this.mask = c - 1;
    this.first = new Float64Array(Math.max(1, expected));
    this.second = new Float64Array(Math.max(1, expected));
  }

  private static hash(a: number, b: number): number {
    return Math.imul(hashOf(a), 0x9e3779b1) ^ hashOf(b);
  }

  /** The position of (a, b), added as the next position when new. */
  add(a: number, b: number): number {
    a = normal(a);
    b = normal(b);
    let s = PairIndex.hash(a, b) & this.mask;
    for (;;) {
      const p = this.slots[s];
      if (p < 0) break;
      if (same(this.first[p], a) && same(this.second[p], b)) return p;
      s = (s + 1) & this.mask;
    }
    const p = this.size++;
    if (p >= this.first.length) {
      const f = new Float64Array(this.first.length * 2);
      f.set(this.first);
      this.first = f;
      const g = new Float64Array(this.second.length * 2);
      g.set(this.second);
      this.second = g;
    }
    this.first[p] = a;
    this.second[p] = b;
    this.slots[s] = p;
    if (2 * this.size > this.mask + 1) this.grow();
    return p;
  }

  private grow() {
    const c = (this.mask + 1) * 2;
    this.slots = new Int32Array(c).fill(-1);
    this.mask = c - 1;
    for (let p = 0; p < this.size; p++) {
      let s = PairIndex.hash(this.first[p], this.second[p]) & this.mask;
      while (this.slots[s] >= 0) s = (s + 1) & this.mask;
      this.slots[s] = p;
    }
  }
}
