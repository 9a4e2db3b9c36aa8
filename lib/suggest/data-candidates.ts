/**
 * Candidate criteria from every usable column of a FromDataInput, binned on
 * the training leads only and applied to all leads:
 * - categorical (string / boolean): each level with at least `minLevelShare`
 *   of the training leads (at most `maxLevels`), the rarer ones as "other",
 *   missing as its own level;
 * - numeric: optimal bands (binning.ts), missing as its own band;
 * - activities, per type: the count in the window in optimal bands (the count
 *   0 kept as its own band when it holds enough leads), has-activity when the
 *   count bands do not already split at 1, and the recency of the last one in
 *   optimal bands with "never" as its own band.
 * Each candidate carries its evidence: per band the leads, wins, win rate
 * with Wilson interval and WoE; the IV, the AUC of the column alone and the
 * leakage flag (IV > 0.5 or AUC > 0.9, METHODS.md §2).
 */
import { wilsonBounds } from "../fit/score-table.js";
import { cellAuc } from "./diagnostics.js";
import { ivTerm, optimalBinning, type BinningOptions, type Trend } from "./binning.js";
import type { FromDataInput } from "./from-data-input.js";
import type { Group } from "./select.js";

export type BandSpec =
  | { kind: "range"; lo: number | null; hi: number | null }
  | { kind: "level"; value: string | boolean }
  | { kind: "other"; values: (string | boolean)[] }
  | { kind: "missing" };

export interface BandEvidence {
  spec: BandSpec;
  n: number;
  won: number;
  winRate: number;
  lo: number;
  hi: number;
  woe: number;
}

export interface Candidate extends Group {
  /** "column" for a leads column; an activity candidate reads `activity`. */
  source: "numeric" | "categorical" | "count" | "has" | "recency";
  column: string | null;
  activity: string | null;
  columnKind: "number" | "string" | "boolean" | null;
  bands: BandEvidence[];
  iv: number;
  auc: number;
  leakage: boolean;
  trend: Trend | null;
}

export interface CandidateOptions extends BinningOptions {
  /** Levels rarer than this share of the training leads are "other" (default 0.01). */
  minLevelShare?: number;
  /** At most this many levels per column (default 30). */
  maxLevels?: number;
  /** Columns never offered (e.g. leakage the analyst knows of). */
  exclude?: readonly string[];
}

export interface CandidateSkip {
  column: string;
  reason: string;
}

function evidence(specs: BandSpec[], codes: Uint8Array, labels: ArrayLike<number>, rows: ArrayLike<number>): { bands: BandEvidence[]; iv: number; auc: number } {
  const n = new Float64Array(specs.length);
  const won = new Float64Array(specs.length);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    n[codes[i]]++;
    won[codes[i]] += labels[i];
  }
  let W = 0;
  let N = 0;
  for (let b = 0; b < specs.length; b++) (W += won[b]), (N += n[b]);
  const L = N - W;
  let iv = 0;
  const bands = specs.map((spec, b) => {
    iv += ivTerm(won[b], n[b] - won[b], W, L);
    const [lo, hi] = wilsonBounds(won[b], n[b]);
    return { spec, n: n[b], won: won[b], winRate: n[b] ? won[b] / n[b] : 0, lo, hi, woe: Math.log((won[b] + 0.5) / (W + 0.5) / ((n[b] - won[b] + 0.5) / (L + 0.5))) };
  });
  return { bands, iv, auc: cellAuc(won, Float64Array.from(n, (x, b) => x - won[b])) };
}

function largest(bands: BandEvidence[]): number {
  let r = 0;
  bands.forEach((b, k) => b.n > bands[r].n && (r = k));
  return r;
}

function numericCandidate(values: Float64Array, labels: ArrayLike<number>, rows: ArrayLike<number>, options: BinningOptions, zeroBand = false): { specs: BandSpec[]; codes: Uint8Array; trend: Trend } | null {
  const bin = optimalBinning(values, labels, options, rows);
  let ranges = bin.bands.map((b) => ({ lo: b.lo, hi: b.hi }));
  if (zeroBand && ranges.length && ranges[0].hi !== null && ranges[0].hi > 1) {
    // counts: "none" stays its own band when it holds enough leads
    let zeros = 0;
    for (let t = 0; t < rows.length; t++) if (values[rows[t]] === 0) zeros++;
    if (zeros >= (options.minShare ?? 0.05) * rows.length && rows.length - zeros >= (options.minShare ?? 0.05) * rows.length) ranges = [{ lo: null, hi: 1 }, { lo: 1, hi: ranges[0].hi }, ...ranges.slice(1)];
  }
  const hasMissing = bin.missing.n > 0;
  if (ranges.length < 2 && !hasMissing) return null;
  const cuts = ranges.slice(1).map((r) => r.lo as number);
  const specs: BandSpec[] = ranges.map((r) => ({ kind: "range", ...r }));
  if (hasMissing) specs.push({ kind: "missing" });
  const codes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) codes[i] = hasMissing ? ranges.length : 0;
    else {
      let b = 0;
      while (b < cuts.length && x >= cuts[b]) b++;
      codes[i] = b;
    }
  }
  return { specs, codes, trend: bin.trend };
}

/**
 * Every candidate of `input`, binned on `trainRows`.
 * @example dataCandidates(input, trainRows).candidates.map((c) => c.key) // ["company_size", "industry", "pricing_page: count", …]
 */
export function dataCandidates(input: FromDataInput, trainRows: ArrayLike<number>, options: CandidateOptions = {}): { candidates: Candidate[]; skipped: CandidateSkip[] } {
  const { labels } = input;
  const minLevelShare = options.minLevelShare ?? 0.01;
  const maxLevels = options.maxLevels ?? 30;
  const exclude = new Set(options.exclude ?? []);
  const out: Candidate[] = [];
  const skipped: CandidateSkip[] = [];
  const push = (base: Omit<Candidate, "bands" | "iv" | "auc" | "leakage" | "reference" | "nBins">, specs: BandSpec[], fixedReference?: number) => {
    const ev = evidence(specs, base.codes, labels, trainRows);
    out.push({ ...base, ...ev, nBins: specs.length, reference: fixedReference ?? largest(ev.bands), leakage: ev.iv > 0.5 || ev.auc > 0.9 });
  };
  for (const c of input.columns) {
    if (exclude.has(c.name)) continue;
    if (c.kind === "number") {
      const seen = new Set<number>();
      let present = 0;
      let integer = true;
      for (let t = 0; t < trainRows.length; t++) {
        const x = c.values[trainRows[t]];
        if (Number.isNaN(x)) continue;
        present++;
        seen.add(x);
        if (!Number.isInteger(x)) integer = false;
      }
      if (integer && seen.size > 50 && seen.size >= 0.95 * present) {
        skipped.push({ column: c.name, reason: "identifier-like (almost every value distinct)" });
        continue;
      }
      const r = numericCandidate(c.values, labels, trainRows, options);
      if (!r) skipped.push({ column: c.name, reason: "constant" });
      else push({ key: c.name, source: "numeric", column: c.name, activity: null, columnKind: "number", codes: r.codes, trend: r.trend }, r.specs);
      continue;
    }
    const counts = new Map<string | boolean, number>();
    let missing = 0;
    for (let t = 0; t < trainRows.length; t++) {
      const v = c.values[trainRows[t]];
      if (v === null) missing++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const present = trainRows.length - missing;
    const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
    if (entries.length > 50 && entries.length >= 0.95 * present) {
      skipped.push({ column: c.name, reason: "identifier-like (almost every value distinct)" });
      continue;
    }
    const frequent = entries.filter(([, k], i) => k >= minLevelShare * trainRows.length && i < maxLevels).map(([v]) => v);
    const rare = entries.slice(frequent.length).map(([v]) => v);
    const specs: BandSpec[] = frequent.map((value) => ({ kind: "level", value }));
    if (rare.length) specs.push({ kind: "other", values: rare });
    // missing is a level when training leads have it; otherwise a later null joins the largest level
    const missingBin = missing > 0 ? specs.length : 0;
    if (missing > 0) specs.push({ kind: "missing" });
    if (specs.length < 2) {
      skipped.push({ column: c.name, reason: "constant" });
      continue;
    }
    const codeOf = new Map<string | boolean, number>(frequent.map((v, b) => [v, b]));
    const otherBin = rare.length ? frequent.length : -1;
    const codes = new Uint8Array(input.n);
    for (let i = 0; i < input.n; i++) {
      const v = c.values[i];
      // values unseen in training are "other" when there is an other band, else missing
      codes[i] = v === null ? missingBin : codeOf.get(v) ?? (otherBin >= 0 ? otherBin : missingBin);
    }
    push({ key: c.name, source: "categorical", column: c.name, activity: null, columnKind: c.kind, codes, trend: null }, specs);
  }
  for (const a of input.activities) {
    if (exclude.has(a.type)) continue;
    const count = new Float64Array(input.n);
    const last = new Float64Array(input.n).fill(NaN);
    for (let i = 0; i < input.n; i++) {
      const from = a.offsets[i];
      const to = a.offsets[i + 1];
      count[i] = to - from;
      for (let e = from; e < to; e++) if (!(a.ages[e] >= last[i])) last[i] = a.ages[e];
    }
    let cnt = numericCandidate(count, labels, trainRows, options, true);
    if (!cnt) {
      // too rare to band at the minimum share: has-activity alone, when at least minLevelShare of the leads have one
      let has = 0;
      for (let t = 0; t < trainRows.length; t++) if (count[trainRows[t]] > 0) has++;
      if (has >= minLevelShare * trainRows.length) cnt = { specs: [{ kind: "range", lo: null, hi: 1 }, { kind: "range", lo: 1, hi: null }], codes: Uint8Array.from(count, (k) => (k > 0 ? 1 : 0)), trend: "ascending" };
    }
    if (!cnt) {
      skipped.push({ column: a.type, reason: "no lead has this activity in the window, or too few to band" });
      continue;
    }
    push({ key: `${a.type}: count`, source: "count", column: null, activity: a.type, columnKind: null, codes: cnt.codes, trend: cnt.trend }, cnt.specs, 0);
    const splitsAtOne = cnt.specs.length > 1 && cnt.specs[0].kind === "range" && cnt.specs[0].hi === 1;
    if (!splitsAtOne) {
      const codes = Uint8Array.from(count, (k) => (k > 0 ? 1 : 0));
      push({ key: `${a.type}: any`, source: "has", column: null, activity: a.type, columnKind: null, codes, trend: null }, [{ kind: "range", lo: null, hi: 1 }, { kind: "range", lo: 1, hi: null }], 0);
    }
    const rec = numericCandidate(last, labels, trainRows, options);
    if (rec) push({ key: `${a.type}: recency`, source: "recency", column: null, activity: a.type, columnKind: null, codes: rec.codes, trend: rec.trend }, rec.specs);
  }
  return { candidates: out, skipped };
}
