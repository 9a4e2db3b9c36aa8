/**
 * The what-if engine: re-scores every lead with new points, caps and
 * thresholds in plain arithmetic over the unit columns of units.ts (no SQL),
 * fast enough to follow a slider (≤ 100 ms for 1 M leads × 30 slots).
 *
 * Storage: leads whose unit vectors are identical (typical when every slot
 * is a 0/1 criterion or a small count) are aggregated once into "patterns"
 * with a count per outcome, so a rescore costs O(patterns × slots). When
 * there are too many distinct vectors (decayed sums are nearly all
 * distinct), the units are kept per lead, 0..255 integers as Uint8Array and
 * the rest as Float64Array, and scored in cache-sized blocks, O(leads × slots).
 *
 * Scores are summed exactly as compile.ts does (per category, in criteria
 * order; a group summed, capped, then added where it first appears; then the
 * category cap; then fit + behaviour), so they equal the SQL scores bit for
 * bit for the same points.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { parseModel } from "../model/parse.js";
import { CATEGORIES } from "./compile.js";
import { unitSlots, unitsSql, type UnitSlot } from "./units.js";

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
interface PlanUnit { slots: number[]; grouped: boolean; cap: number }
interface PlanCategory { units: PlanUnit[]; cap: number }

const isByte = (v: number) => v >= 0 && v <= 255 && Number.isInteger(v);

function addU8(acc: Float64Array, u: Uint8Array, p: number, off: number, len: number) {
  for (let i = 0; i < len; i++) acc[i] += p * u[off + i];
}
function addF64(acc: Float64Array, u: Float64Array, p: number, off: number, len: number) {
  for (let i = 0; i < len; i++) acc[i] += p * u[off + i];
}
const addUnit = (acc: Float64Array, u: Unit, p: number, off: number, len: number) =>
  u instanceof Uint8Array ? addU8(acc, u, p, off, len) : addF64(acc, u, p, off, len);

/** The summation plan of slots (compile.ts scorePlan, slot-wise): a cap of +Infinity = none. */
function plan(slots: UnitSlot[], caps: Caps): PlanCategory[] {
  return CATEGORIES.map((category) => {
    const units: PlanUnit[] = [];
    const groups = new Map<string, PlanUnit>();
    for (const s of slots) {
      if (s.category !== category) continue;
      if (s.group === null) {
        units.push({ slots: [s.index], grouped: false, cap: Infinity });
        continue;
      }
      let g = groups.get(s.group);
      if (!g) {
        g = { slots: [], grouped: true, cap: caps?.group?.[s.group] ?? Infinity };
        groups.set(s.group, g);
        units.push(g);
      }
      g.slots.push(s.index);
    }
    return { units, cap: caps?.category?.[category] ?? Infinity };
  });
}

/** Scores rows [0, m) of `cols` into `out`, in blocks, with compile.ts's summation order. */
function scoreRows(cols: Unit[], m: number, points: ArrayLike<number>, p: PlanCategory[], out: Float64Array) {
  const acc = [new Float64Array(BLOCK), new Float64Array(BLOCK)];
  const g = new Float64Array(BLOCK);
  for (let off = 0; off < m; off += BLOCK) {
    const len = Math.min(BLOCK, m - off);
    for (let c = 0; c < p.length; c++) {
      const a = acc[c];
      a.fill(0, 0, len);
      for (const unit of p[c].units) {
        if (!unit.grouped) {
          const s = unit.slots[0];
          if (points[s] !== 0) addUnit(a, cols[s], points[s], off, len);
          continue;
        }
        g.fill(0, 0, len);
        for (const s of unit.slots) if (points[s] !== 0) addUnit(g, cols[s], points[s], off, len);
        const cap = unit.cap;
        for (let i = 0; i < len; i++) a[i] += g[i] < cap ? g[i] : cap;
      }
    }
    const [f, b] = acc;
    const capF = p[0].cap, capB = p[1].cap;
    for (let i = 0; i < len; i++) out[off + i] = (f[i] < capF ? f[i] : capF) + (b[i] < capB ? b[i] : capB);
  }
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
  private readonly cols: Unit[];
  private readonly outcomes: Int8Array | null = null;
  private readonly patternCounts: Uint32Array[] | null = null;
  private readonly rowPattern: Uint32Array | null = null;
  private readonly defaultCaps: Caps;
  private readonly scratch: Float64Array;
  private generation = 0;

  /**
   * @param slots unitSlots(model)
   * @param units one column per slot (units.ts; numbers, never NaN), each of length n
   * @param outcomes per lead: 1 won, 0 lost, −1 open (same row order)
   * Throws when lengths disagree or a unit is not finite.
   */
  constructor(slots: UnitSlot[], units: ArrayLike<number>[], outcomes: ArrayLike<number>, options: WhatIfOptions = {}) {
    if (units.length !== slots.length) throw new Error(`WhatIf: expected one unit column per slot (${slots.length}); received ${units.length}. Pass the columns of unitsSql(model) in unitSlots(model) order.`);
    const n = outcomes.length;
    units.forEach((u, s) => {
      if (u.length !== n) throw new Error(`WhatIf: unit column ${slots[s].column} has ${u.length} rows but outcomes has ${n}. Read both from the same query.`);
    });
    const out8 = outcomes instanceof Int8Array ? outcomes : Int8Array.from(outcomes);
    for (let i = 0; i < n; i++) {
      const o = out8[i];
      if (o !== 1 && o !== 0 && o !== -1) throw new Error(`WhatIf: outcome of row ${i} must be 1 (won), 0 (lost) or -1 (open); received ${outcomes[i]}.`);
    }
    this.n = n;
    this.slots = slots;
    this.defaultCaps = options.caps;
    // Compact per-slot storage: Uint8Array for 0..255 integers, else Float64Array.
    const cols: Unit[] = units.map((u, s) => {
      let byte = true;
      for (let i = 0; i < n; i++) {
        const v = u[i];
        if (!Number.isFinite(v)) throw new Error(`WhatIf: unit ${slots[s].column} (${slots[s].criterionId}) of row ${i} is ${v}; units are never NULL. Use unitsSql(model).`);
        if (byte && !isByte(v)) byte = false;
      }
      if (byte) return u instanceof Uint8Array ? u : Uint8Array.from(u);
      return u instanceof Float64Array ? u : Float64Array.from(u);
    });
    const maxPatterns = options.maxPatterns ?? Math.max(4096, n >> 2);
    const patterns = maxPatterns > 0 ? aggregate(cols, n, maxPatterns) : null;
    if (patterns) {
      this.mode = "patterns";
      this.rows = patterns.first.length;
      this.cols = cols.map((u) => {
        const p = u instanceof Uint8Array ? new Uint8Array(this.rows) : new Float64Array(this.rows);
        for (let k = 0; k < this.rows; k++) p[k] = u[patterns.first[k]];
        return p;
      });
      const counts = [new Uint32Array(this.rows), new Uint32Array(this.rows), new Uint32Array(this.rows)]; // lost, won, open
      for (let i = 0; i < n; i++) counts[out8[i] === -1 ? 2 : out8[i]][patterns.rowPattern[i]]++;
      this.patternCounts = counts;
      this.rowPattern = patterns.rowPattern;
    } else {
      this.mode = "dense";
      this.rows = n;
      this.cols = cols;
      this.outcomes = out8;
    }
    this.scratch = new Float64Array(this.rows);
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
    const p = plan(this.slots, caps);
    const scores = this.scratch;
    scoreRows(this.cols, this.rows, points, p, scores);
    const gen = ++this.generation;
    const result = this.summarise(scores, input.thresholds);
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
        scoreRows(this.cols, this.rows, points, p, out);
        return out;
      },
    };
  }

  private summarise(scores: Float64Array, t: Thresholds): Omit<WhatIfResult, "mode" | "ms" | "scores"> {
    const m = this.rows;
    let min = Infinity, max = -Infinity, integer = true;
    for (let k = 0; k < m; k++) {
      const s = scores[k];
      if (s < min) min = s;
      if (s > max) max = s;
      if (integer && s !== Math.floor(s)) integer = false;
    }
    if (m === 0) min = max = 0;
    const lo = Math.floor(min);
    let binWidth = 1;
    if (Math.floor(max) - lo + 1 > MAX_BINS) binWidth = Math.ceil((Math.floor(max) - lo + 1) / MAX_BINS);
    const nBins = Math.floor((max - lo) / binWidth) + 1;
    const hist = [new Uint32Array(nBins), new Uint32Array(nBins), new Uint32Array(nBins)]; // lost, won, open
    const tier = [new Float64Array(3), new Float64Array(3), new Float64Array(3)]; // [tier][lost, won, open]
    const sum = new Float64Array(3);
    const { nurture, salesReady } = t;
    const add = (s: number, o: number, w: number) => {
      const k = binWidth === 1 ? Math.floor(s) - lo : Math.floor((s - lo) / binWidth);
      hist[o][k] += w;
      tier[s >= salesReady ? 2 : s >= nurture ? 1 : 0][o] += w;
      sum[o] += s * w;
    };
    if (this.patternCounts) {
      const [cl, cw, co] = this.patternCounts;
      for (let k = 0; k < m; k++) {
        const s = scores[k];
        if (cl[k]) add(s, 0, cl[k]);
        if (cw[k]) add(s, 1, cw[k]);
        if (co[k]) add(s, 2, co[k]);
      }
    } else {
      const o = this.outcomes!;
      for (let i = 0; i < m; i++) add(scores[i], o[i] === -1 ? 2 : o[i], 1);
    }
    const counts = { lost: 0, won: 0, open: 0 };
    for (let k = 0; k < nBins; k++) {
      counts.lost += hist[0][k];
      counts.won += hist[1][k];
      counts.open += hist[2][k];
    }
    let auc: number | null = null;
    let tied = 0;
    if (counts.won > 0 && counts.lost > 0) {
      let lostBelow = 0, s = 0;
      for (let k = 0; k < nBins; k++) {
        s += hist[1][k] * (lostBelow + 0.5 * hist[0][k]);
        tied += hist[1][k] * hist[0][k];
        lostBelow += hist[0][k];
      }
      auc = s / (counts.won * counts.lost);
    }
    const aucExact = integer && binWidth === 1;
    const oc = (r: Float64Array): OutcomeCounts => ({ won: r[1], lost: r[0], open: r[2] });
    const mean = (x: number, c: number) => (c === 0 ? null : x / c);
    return {
      n: this.n,
      counts,
      histogram: { lo, binWidth, won: hist[1], lost: hist[0], open: hist[2] },
      tiers: { ignore: oc(tier[0]), nurture: oc(tier[1]), "sales-ready": oc(tier[2]) },
      auc,
      aucExact,
      aucMaxError: auc === null || aucExact ? 0 : (0.5 * tied) / (counts.won * counts.lost),
      mean: this.n === 0 ? 0 : (sum[0] + sum[1] + sum[2]) / this.n,
      meanByOutcome: { won: mean(sum[1], counts.won), lost: mean(sum[0], counts.lost), open: mean(sum[2], counts.open) },
      integerScores: integer,
    };
  }
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
  return { points: unitSlots(model).map((s) => s.points), caps: model.caps, thresholds: model.thresholds };
}

/**
 * Reads the units (and outcomes from `outcomes`, a table or view with lead_id
 * and 'won' / 'lost' / other text) and builds a WhatIf with the model's caps.
 * Needs scoring_dates and lead_features (recompute.ts) covering the model.
 */
export async function loadWhatIf(db: Db, model: Model, outcomes: { table: string; column: string }, options: WhatIfOptions = {}): Promise<WhatIf> {
  const cols = await db.queryColumns(unitsSql(model, { outcomes }));
  return WhatIf.fromColumns(unitSlots(model), cols, cols.columns.outcome as ArrayLike<number>, { caps: model.caps, ...options });
}

export interface DraftOptions {
  author: string;
  /** The reason for the change, first in the changeNote. */
  note: string;
  /** The highest version number of this model id so far (default model.version): the draft gets it + 1. */
  maxVersion?: number;
  /** Default: the model's effectiveFrom. */
  effectiveFrom?: string;
}

const bandLabel = (b: { lo: number | null; hi: number | null }) => `[${b.lo ?? "-inf"}, ${b.hi ?? "+inf"})`;

/**
 * A new draft version of `model` with the what-if points (per slot, in
 * unitSlots order; integers) and thresholds: version = maxVersion + 1,
 * parent = model.version, status "draft", changeNote = note + the list of
 * changed points and thresholds (e.g. "senior_title 20 → 25; thresholds.nurture 30 → 35").
 * A probabilityMap is dropped when any points changed (it maps the old
 * scores; refit it). Validated by parseModel, which throws ModelError.
 */
export function draftFromWhatIf(model: Model, newPoints: ArrayLike<number>, thresholds: Thresholds, options: DraftOptions): Model {
  const slots = unitSlots(model);
  if (newPoints.length !== slots.length) throw new Error(`draftFromWhatIf: expected ${slots.length} points (one per slot of unitSlots(model)); received ${newPoints.length}.`);
  const draft = structuredClone(model) as Model & Record<string, unknown>;
  const changes: string[] = [];
  slots.forEach((s, k) => {
    const to = newPoints[k];
    if (!Number.isInteger(to)) throw new Error(`draftFromWhatIf: points must be whole numbers; slot ${k} (${s.criterionId}) received ${to}. Round the what-if points first.`);
    if (to === s.points) return;
    const c = draft.criteria.find((x) => x.id === s.criterionId)!;
    const r = c.rule;
    let where = JSON.stringify(s.criterionId);
    if (s.bandIndex === null) c.points = to;
    else if (s.bandIndex === "missing" && r.type === "bands") (r.missing.points = to), (where += " missing");
    else if (s.bandIndex === "never" && r.type === "recency") (r.never.points = to), (where += " never");
    else if (typeof s.bandIndex === "number" && (r.type === "bands" || r.type === "recency")) {
      r.bands[s.bandIndex].points = to;
      where += ` ${bandLabel(r.bands[s.bandIndex])}`;
    }
    changes.push(`${where} ${s.points} → ${to}`);
  });
  const pointsChanged = changes.length > 0;
  for (const k of ["nurture", "salesReady"] as const) {
    if (thresholds[k] !== model.thresholds[k]) changes.push(`thresholds.${k} ${model.thresholds[k]} → ${thresholds[k]}`);
  }
  draft.thresholds = { nurture: thresholds.nurture, salesReady: thresholds.salesReady };
  if (pointsChanged && draft.probabilityMap) delete draft.probabilityMap;
  const version = (options.maxVersion ?? model.version) + 1;
  const what = changes.length ? changes.join("; ") : "no changes to points or thresholds";
  draft.version = version;
  draft.parent = model.version;
  draft.status = "draft";
  draft.author = options.author;
  draft.effectiveFrom = options.effectiveFrom ?? model.effectiveFrom;
  draft.changeNote = `${options.note.trim()}${options.note.trim() ? " " : ""}(what-if from v${model.version}: ${what}${pointsChanged && model.probabilityMap ? "; probability map dropped, refit it" : ""})`;
  return parseModel(draft, `draft of ${JSON.stringify(model.id)} v${version}`);
}
