/**
 * The what-if engine: re-scores every lead with new points, caps and
 * thresholds in plain arithmetic over the unit columns of units.ts (no SQL),
 * fast enough to follow a slider (≤ 100 ms for 1 M leads × 30 slots).
 *
 * Storage: leads whose unit vectors are identical (typical when every slot
 * is a 0/1 criterion or a small count) are aggregated once into "patterns"
 * with a count per outcome, so a rescore costs O(patterns × slots). When
 * there are too many distinct vectors (decayed sums are nearly all
 * distinct), the units are kept per lead and scored in cache-sized blocks,
 * O(leads × slots). Either way 0/1 slots are packed 8 to a byte and added by
 * one table look-up per byte; other 0..255 integers are stored as Uint8Array,
 * the rest as Float64Array.
 *
 * Scores follow schema.ts (per category: ungrouped criteria plus each group
 * summed and capped; then the category cap; then fit + behaviour). They equal
 * compile.ts's SQL scores exactly when every term is an integer, and within
 * float rounding (≤ 1e-9) otherwise, since the summation order differs.
 */
import type { Model } from "../model/schema.js";
import { CATEGORIES } from "./compile.js";
import { bandIndex, type Cuts } from "../grid/bands.js";
import { unitSlots, type UnitSlot } from "./units.js";

export type Caps = Model["caps"];
export type Thresholds = Model["thresholds"];
export type Outcome = "won" | "lost" | "open";
export interface OutcomeCounts { won: number; lost: number; open: number }

export interface WhatIfInput {
  /** Points per slot, in unitSlots order (any finite numbers). */
  points: ArrayLike<number>;
  /** Caps; undefined = the caps given when the WhatIf was built; {} = no caps. */
  caps?: Caps;
  thresholds: Thresholds;
  /** Grid cut points and routing (model.grid); with routing, tiers come from the grid cell (lib/grid/bands.ts). */
  grid?: Model["grid"];
}

export interface ScoreHistogram {
  /** Bin k holds scores in [lo + k·binWidth, lo + (k+1)·binWidth). */
  lo: number;
  /** 1 (integer bins), unless the score range exceeds MAX_BINS bins. */
  binWidth: number;
  won: Uint32Array;
  lost: Uint32Array;
  open: Uint32Array;
}

export interface WhatIfResult {
  n: number;
  counts: OutcomeCounts;
  histogram: ScoreHistogram;
  tiers: { ignore: OutcomeCounts; nurture: OutcomeCounts; "sales-ready": OutcomeCounts };
  /**
   * AUC (won vs lost, open leads ignored) by mid-ranks over the histogram
   * bins: Σₖ wonₖ·(lost below k + ½·lostₖ) / (n₊·n₋). Exact when every
   * score is an integer and binWidth = 1 (a bin is then one score value);
   * otherwise leads within one bin count as tied and the true AUC lies
   * within ± aucMaxError. null when there is no won or no lost lead.
   */
  auc: number | null;
  aucExact: boolean;
  /** ½ Σₖ wonₖ·lostₖ / (n₊·n₋); 0 when aucExact. */
  aucMaxError: number;
  /** Mean score over all leads, and per outcome (null for an empty outcome). */
  mean: number;
  meanByOutcome: { won: number | null; lost: number | null; open: number | null };
  integerScores: boolean;
  /** Mean fit and engagement sub-scores per outcome (null for an empty outcome). */
  subScores: { fit: { won: number | null; lost: number | null; open: number | null }; engagement: { won: number | null; lost: number | null; open: number | null } };
  mode: "patterns" | "dense";
  /** Milliseconds the rescore took. */
  ms: number;
  /** Every lead's score, in row order (computed or copied on demand). */
  scores(): Float64Array;
}

export interface WhatIfOptions {
  /** Caps used when an input gives none (usually the model's). */
  caps?: Caps;
  /** Aggregate into patterns only up to this many distinct unit vectors (default max(4096, n / 4)); 0 = always dense. */
  maxPatterns?: number;
}

/** The most histogram bins; wider score ranges get an integer binWidth > 1. */
export const MAX_BINS = 65_536;
const BLOCK = 1024;

type Unit = Uint8Array | Float64Array;
/** Up to 8 binary (0/1) slots of one summation target, packed one bit per slot: bit j = slots[j]. */
interface Packed { slots: number[]; codes: Uint8Array }
/** What adds into one accumulator (a category's ungrouped criteria, or one group). */
interface Target { packed: Packed[]; slots: number[] }
/** Fixed at construction: per category its ungrouped target and its groups (first-appearance order). */
type Layout = { direct: Target; groups: { name: string; target: Target }[] }[];

const isByte = (v: number) => v >= 0 && v <= 255 && Number.isInteger(v);

function addU8(acc: Float64Array, u: Uint8Array, p: number, off: number, len: number) {
  for (let i = 0; i < len; i++) acc[i] += p * u[off + i];
}
function addF64(acc: Float64Array, u: Float64Array, p: number, off: number, len: number) {
  for (let i = 0; i < len; i++) acc[i] += p * u[off + i];
}
function addLut(acc: Float64Array, codes: Uint8Array, lut: Float64Array, off: number, len: number) {
  for (let i = 0; i < len; i++) acc[i] += lut[codes[off + i]];
}

/**
 * Packs the binary slots of each target into bytes (8 slots per byte) over
 * rows [0, m): one table look-up then replaces up to 8 multiply-adds.
 */
function layout(slots: UnitSlot[], cols: Unit[], binary: boolean[], m: number): Layout {
  const target = (ids: number[]): Target => {
    const bin = ids.filter((s) => binary[s]);
    const packed: Packed[] = [];
    for (let k = 0; k < bin.length; k += 8) {
      const chunk = bin.slice(k, k + 8);
      const codes = new Uint8Array(m);
      chunk.forEach((s, j) => {
        const u = cols[s] as Uint8Array;
        for (let i = 0; i < m; i++) codes[i] |= u[i] << j;
      });
      packed.push({ slots: chunk, codes });
    }
    return { packed, slots: ids.filter((s) => !binary[s]) };
  };
  return CATEGORIES.map((category) => {
    const mine = slots.filter((s) => s.category === category);
    const names = [...new Set(mine.map((s) => s.group).filter((g): g is string => g !== null))];
    return {
      direct: target(mine.filter((s) => s.group === null).map((s) => s.index)),
      groups: names.map((name) => ({ name, target: target(mine.filter((s) => s.group === name).map((s) => s.index)) })),
    };
  });
}

/** The look-up table of a packed chunk: lut[code] = Σ points of the set bits (in bit order); null when all points are 0. */
function lutOf(pk: Packed, points: Float64Array): Float64Array | null {
  if (pk.slots.every((s) => points[s] === 0)) return null;
  const lut = new Float64Array(1 << pk.slots.length);
  for (let c = 1; c < lut.length; c++) {
    let v = 0;
    for (let j = 0; j < pk.slots.length; j++) if ((c >> j) & 1) v += points[pk.slots[j]];
    lut[c] = v;
  }
  return lut;
}

/**
 * Scores rows [0, m) into `out`, in cache-sized blocks: per category, its
 * ungrouped slots, then each group summed and capped; then the category cap;
 * then fit + behaviour (schema.ts). Within a target the packed binary slots
 * come first: with integer points every partial sum is then exact, and the
 * score differs from compile.ts's left-to-right SQL sum by rounding only
 * (≤ 1e-9; identical when all units are integers). Returns [min, max].
 */
function scoreRows(lay: Layout, cols: (Unit | null)[], m: number, points: Float64Array, caps: Caps, out: Float64Array, sub: [Float64Array, Float64Array] | null = null): [number, number] {
  const prep = (t: Target) => ({ luts: t.packed.map((pk) => [pk.codes, lutOf(pk, points)] as const).filter(([, l]) => l !== null) as [Uint8Array, Float64Array][], slots: t.slots.filter((s) => points[s] !== 0) });
  const cats = lay.map((c, k) => ({
    direct: prep(c.direct),
    groups: c.groups.map((g) => ({ ...prep(g.target), cap: caps?.group?.[g.name] ?? Infinity })),
    cap: caps?.category?.[CATEGORIES[k]] ?? Infinity,
  }));
  const add = (acc: Float64Array, t: ReturnType<typeof prep>, off: number, len: number) => {
    for (const [codes, lut] of t.luts) addLut(acc, codes, lut, off, len);
    for (const s of t.slots) {
      const u = cols[s]!;
      if (u instanceof Uint8Array) addU8(acc, u, points[s], off, len);
      else addF64(acc, u, points[s], off, len);
    }
  };
  const acc = [new Float64Array(BLOCK), new Float64Array(BLOCK)];
  const g = new Float64Array(BLOCK);
  let min = Infinity, max = -Infinity;
  for (let off = 0; off < m; off += BLOCK) {
    const len = Math.min(BLOCK, m - off);
    for (let c = 0; c < cats.length; c++) {
      const a = acc[c];
      a.fill(0, 0, len);
      add(a, cats[c].direct, off, len);
      for (const grp of cats[c].groups) {
        g.fill(0, 0, len);
        add(g, grp, off, len);
        const cap = grp.cap;
        for (let i = 0; i < len; i++) a[i] += g[i] < cap ? g[i] : cap;
      }
    }
    const [f, b] = acc;
    const capF = cats[0].cap, capB = cats[1].cap;
    if (sub) {
      const [sf, sb] = sub;
      for (let i = 0; i < len; i++) {
        sf[off + i] = f[i] < capF ? f[i] : capF;
        sb[off + i] = b[i] < capB ? b[i] : capB;
      }
    }
    for (let i = 0; i < len; i++) {
      const s = (f[i] < capF ? f[i] : capF) + (b[i] < capB ? b[i] : capB);
      out[off + i] = s;
      if (s < min) min = s;
      if (s > max) max = s;
    }
  }
  return m === 0 ? [0, 0] : [min, max];
}

/**
 * Re-scores leads from their unit columns. Build once (per model structure
 * and dataset), then call rescore() on every input change.
 * @example
 * const w = await loadWhatIf(db, model, { table: "lead_outcomes", column: "outcome" });
 * w.rescore({ ...whatIfInput(model), thresholds: { nurture: 25, salesReady: 60 } }).tiers["sales-ready"].won
 */
export class WhatIf {
  readonly n: number;
  readonly slots: UnitSlot[];
  readonly mode: "patterns" | "dense";
  /** Rows scored per rescore: distinct unit vectors (patterns) or leads (dense). */
  readonly rows: number;
  /** Units of the slots not packed into `layout` (null for packed binary slots). */
  private readonly cols: (Unit | null)[];
  private readonly layout: Layout;
  /** Dense: per lead 0 lost, 1 won, 2 open. */
  private readonly outcomeIndex: Uint8Array | null = null;
  /** Patterns: per pattern the number of lost, won, open leads. */
  private readonly patternCounts: Uint32Array[] | null = null;
  private readonly rowPattern: Uint32Array | null = null;
  private readonly defaultCaps: Caps;
  private readonly scratch: Float64Array;
  /** The capped fit and behaviour totals of the last rescore, per row. */
  private readonly subScratch: [Float64Array, Float64Array];
  private generation = 0;

  /**
   * @param slots unitSlots(model)
   * @param units one column per slot (units.ts; numbers, never NaN), each of length n;
   *   Float64Array columns that are not 0..255 integers are kept by reference (do not modify them)
   * @param outcomes per lead: 1 won, 0 lost, −1 open (same row order)
   * Throws when lengths disagree or a unit is not finite.
   */
  constructor(slots: UnitSlot[], units: ArrayLike<number>[], outcomes: ArrayLike<number>, options: WhatIfOptions = {}) {
    if (units.length !== slots.length) throw new Error(`WhatIf: expected one unit column per slot (${slots.length}); received ${units.length}. Pass the columns of unitsSql(model) in unitSlots(model) order.`);
    const n = outcomes.length;
    units.forEach((u, s) => {
      if (u.length !== n) throw new Error(`WhatIf: unit column ${slots[s].column} has ${u.length} rows but outcomes has ${n}. Read both from the same query.`);
    });
    const outcomeIndex = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const o = outcomes[i];
      if (o !== 1 && o !== 0 && o !== -1) throw new Error(`WhatIf: outcome of row ${i} must be 1 (won), 0 (lost) or -1 (open); received ${o}.`);
      outcomeIndex[i] = o === -1 ? 2 : o;
    }
    this.n = n;
    this.slots = slots;
    this.defaultCaps = options.caps;
    // Compact per-slot storage: Uint8Array for 0..255 integers, else Float64Array.
    const binary: boolean[] = [];
    let cols: Unit[] = units.map((u, s) => {
      let byte = true, max = 0;
      for (let i = 0; i < n; i++) {
        const v = u[i];
        if (!Number.isFinite(v)) throw new Error(`WhatIf: unit ${slots[s].column} (${slots[s].criterionId}) of row ${i} is ${v}; units are never NULL. Use unitsSql(model).`);
        if (byte && !isByte(v)) byte = false;
        if (v > max) max = v;
      }
      binary.push(byte && max <= 1);
      if (byte) return u instanceof Uint8Array ? u : Uint8Array.from(u);
      return u instanceof Float64Array ? u : Float64Array.from(u);
    });
    const maxPatterns = options.maxPatterns ?? Math.max(4096, n >> 2);
    const patterns = maxPatterns > 0 ? aggregate(cols, n, maxPatterns) : null;
    if (patterns) {
      const m = patterns.first.length;
      cols = cols.map((u) => {
        const p = u instanceof Uint8Array ? new Uint8Array(m) : new Float64Array(m);
        for (let k = 0; k < m; k++) p[k] = u[patterns.first[k]];
        return p;
      });
      const counts = [new Uint32Array(m), new Uint32Array(m), new Uint32Array(m)];
      for (let i = 0; i < n; i++) counts[outcomeIndex[i]][patterns.rowPattern[i]]++;
      this.mode = "patterns";
      this.rows = m;
      this.patternCounts = counts;
      this.rowPattern = patterns.rowPattern;
    } else {
      this.mode = "dense";
      this.rows = n;
      this.outcomeIndex = outcomeIndex;
    }
    this.layout = layout(slots, cols, binary, this.rows);
    this.cols = cols.map((u, s) => (binary[s] ? null : u));
    this.scratch = new Float64Array(this.rows);
    this.subScratch = [new Float64Array(this.rows), new Float64Array(this.rows)];
  }

  /** Builds from a db.queryColumns result of unitsSql (columns u0, u1, …) and outcomes. */
  static fromColumns(slots: UnitSlot[], columns: { columns: Record<string, unknown> }, outcomes: ArrayLike<number>, options: WhatIfOptions = {}): WhatIf {
    const units = slots.map((s) => {
      const c = columns.columns[s.column];
      if (!c) throw new Error(`WhatIf.fromColumns: column ${s.column} is missing; pass the result of db.queryColumns(unitsSql(model)).`);
      return c as ArrayLike<number>;
    });
    return new WhatIf(slots, units, outcomes, options);
  }

  /** Scores, histogram, tiers by outcome, AUC and mean for new points / caps / thresholds. */
  rescore(input: WhatIfInput): WhatIfResult {
    const t0 = performance.now();
    const points = Float64Array.from(input.points);
    if (points.length !== this.slots.length) throw new Error(`WhatIf.rescore: expected ${this.slots.length} points (one per slot); received ${points.length}.`);
    points.forEach((p, s) => {
      if (!Number.isFinite(p)) throw new Error(`WhatIf.rescore: points of slot ${s} (${this.slots[s].criterionId}) must be finite; received ${p}.`);
    });
    const caps = input.caps === undefined ? this.defaultCaps : input.caps;
    const scores = this.scratch;
    const [min, max] = scoreRows(this.layout, this.cols, this.rows, points, caps, scores, this.subScratch);
    const gen = ++this.generation;
    const result = this.summarise(scores, min, max, input.thresholds, routedCode(input.grid, this.subScratch));
    const patternScores = this.mode === "patterns" ? scores.slice() : null;
    return {
      ...result,
      mode: this.mode,
      ms: performance.now() - t0,
      scores: () => {
        if (patternScores) {
          const rp = this.rowPattern!;
          const out = new Float64Array(this.n);
          for (let i = 0; i < this.n; i++) out[i] = patternScores[rp[i]];
          return out;
        }
        if (gen === this.generation) return this.scratch.slice();
        const out = new Float64Array(this.n);
        scoreRows(this.layout, this.cols, this.rows, points, caps, out);
        return out;
      },
    };
  }

  private summarise(scores: Float64Array, min: number, max: number, t: Thresholds, routed: ((k: number) => number) | null): Omit<WhatIfResult, "mode" | "ms" | "scores"> {
    const m = this.rows;
    const lo = Math.floor(min);
    const span = Math.floor(max) - lo + 1;
    const binWidth = span > MAX_BINS ? Math.ceil(span / MAX_BINS) : 1;
    const nBins = Math.floor((max - lo) / binWidth) + 1;
    // Counts interleaved by outcome (index 3·bin + outcome; outcome 0 lost, 1 won, 2 open), then split.
    const hist = new Float64Array(3 * nBins);
    const tier = new Float64Array(9);
    const sum = new Float64Array(3);
    const subSum = [new Float64Array(3), new Float64Array(3)];
    const [fitRow, engRow] = this.subScratch;
    const { nurture, salesReady } = t;
    let integer = true;
    if (this.patternCounts) {
      const counts = this.patternCounts;
      for (let k = 0; k < m; k++) {
        const s = scores[k];
        const f = Math.floor(s);
        if (f !== s) integer = false;
        const bin = binWidth === 1 ? f - lo : Math.floor((s - lo) / binWidth);
        const tr = routed ? routed(k) : s >= salesReady ? 6 : s >= nurture ? 3 : 0;
        for (let o = 0; o < 3; o++) {
          const w = counts[o][k];
          if (w === 0) continue;
          hist[3 * bin + o] += w;
          tier[tr + o] += w;
          sum[o] += s * w;
          subSum[0][o] += fitRow[k] * w;
          subSum[1][o] += engRow[k] * w;
        }
      }
    } else {
      const oi = this.outcomeIndex!;
      for (let i = 0; i < m; i++) {
        const s = scores[i];
        const o = oi[i];
        const f = Math.floor(s);
        if (f !== s) integer = false;
        const bin = binWidth === 1 ? f - lo : Math.floor((s - lo) / binWidth);
        hist[3 * bin + o]++;
        tier[(routed ? routed(i) : s >= salesReady ? 6 : s >= nurture ? 3 : 0) + o]++;
        sum[o] += s;
        subSum[0][o] += fitRow[i];
        subSum[1][o] += engRow[i];
      }
    }
    const split = (o: number) => {
      const out = new Uint32Array(nBins);
      for (let k = 0; k < nBins; k++) out[k] = hist[3 * k + o];
      return out;
    };
    const [lost, won, open] = [split(0), split(1), split(2)];
    const counts = { won: 0, lost: 0, open: 0 };
    let auc: number | null = null;
    let tied = 0, below = 0, pairs = 0;
    for (let k = 0; k < nBins; k++) {
      counts.lost += lost[k];
      counts.won += won[k];
      counts.open += open[k];
      pairs += won[k] * (below + 0.5 * lost[k]);
      tied += won[k] * lost[k];
      below += lost[k];
    }
    if (counts.won > 0 && counts.lost > 0) auc = pairs / (counts.won * counts.lost);
    const aucExact = integer && binWidth === 1;
    const oc = (r: number): OutcomeCounts => ({ won: tier[r + 1], lost: tier[r], open: tier[r + 2] });
    const mean = (x: number, c: number) => (c === 0 ? null : x / c);
    return {
      n: this.n,
      counts,
      histogram: { lo, binWidth, won, lost, open },
      tiers: { ignore: oc(0), nurture: oc(3), "sales-ready": oc(6) },
      auc,
      aucExact,
      aucMaxError: auc === null || aucExact ? 0 : (0.5 * tied) / (counts.won * counts.lost),
      mean: this.n === 0 ? 0 : (sum[0] + sum[1] + sum[2]) / this.n,
      meanByOutcome: { won: mean(sum[1], counts.won), lost: mean(sum[0], counts.lost), open: mean(sum[2], counts.open) },
      integerScores: integer,
      subScores: {
        fit: { won: mean(subSum[0][1], counts.won), lost: mean(subSum[0][0], counts.lost), open: mean(subSum[0][2], counts.open) },
        engagement: { won: mean(subSum[1][1], counts.won), lost: mean(subSum[1][0], counts.lost), open: mean(subSum[1][2], counts.open) },
      },
    };
  }
}

/**
 * With routing by grid cell (model.grid.routing), the tier code of row k
 * (0 ignore, 3 nurture, 6 sales-ready) from its fit and engagement
 * sub-scores; null without routing (the thresholds decide).
 */
function routedCode(grid: Model["grid"], sub: [Float64Array, Float64Array]): ((k: number) => number) | null {
  if (!grid?.routing || !grid.fit || !grid.engagement) return null;
  const code = new Uint8Array(16);
  const put = (cells: string[], c: number) => cells.forEach((cell) => (code[4 * "ABCD".indexOf(cell[0]) + "1234".indexOf(cell[1])] = c));
  put(grid.routing.nurture, 3);
  put(grid.routing.salesReady, 6);
  const fc = grid.fit as unknown as Cuts, ec = grid.engagement as unknown as Cuts;
  const [f, e] = sub;
  return (k) => code[4 * bandIndex(f[k], fc) + bandIndex(e[k], ec)];
}

/**
 * Groups identical rows (all slots equal): per pattern its first row, and
 * each row's pattern. null as soon as there are more than maxPatterns.
 */
function aggregate(cols: Unit[], n: number, maxPatterns: number): { first: Uint32Array; rowPattern: Uint32Array } | null {
  const S = cols.length;
  let size = 1024;
  while (size < maxPatterns * 2) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const first = new Uint32Array(Math.min(maxPatterns, n) + 1);
  const rowPattern = new Uint32Array(n);
  const f64 = cols.map((u) => (u instanceof Float64Array ? u : null));
  const u8 = cols.map((u) => (u instanceof Uint8Array ? u : null));
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let s = 0; s < S; s++) {
      const b = u8[s];
      if (b) h = Math.imul(h ^ b[i], 0x01000193);
      else {
        bits[0] = f64[s]![i] + 0; // +0 folds -0 into 0
        h = Math.imul(h ^ words[0], 0x01000193);
        h = Math.imul(h ^ words[1], 0x01000193);
      }
    }
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const k = table[slot];
      if (k === -1) {
        if (count >= maxPatterns) return null;
        table[slot] = count;
        first[count] = i;
        rowPattern[i] = count++;
        break;
      }
      const j = first[k];
      let same = true;
      for (let s = 0; s < S && same; s++) same = cols[s][i] === cols[s][j];
      if (same) {
        rowPattern[i] = k;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { first: first.slice(0, count), rowPattern };
}

/** The model's own what-if input: current points, caps and thresholds. */
export function whatIfInput(model: Model): WhatIfInput {
  return { points: unitSlots(model).map((s) => s.points), caps: model.caps, thresholds: model.thresholds, ...(model.grid ? { grid: model.grid } : {}) };
}
