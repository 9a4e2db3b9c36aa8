/**
 * Out-of-time split: fit on the older leads, test on the newer ones
 * (METHODS.md §7: tune on the newest period).
 */
import { mulberry32 } from "../prng.js";

export interface Split {
  /** "date": created before / on or after `date`; "random": the data carry no creation dates (all leads share one). */
  kind: "date" | "random";
  /** YYYY-MM-DD (first day of the test period), null for a random split. */
  date: string | null;
  /** 1 = test lead, 0 = training lead. */
  test: Uint8Array;
  nTrain: number;
  nTest: number;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Splits leads by creation date. Default date: the day of the lead at the
 * `share` quantile of creation times (default 0.7, so the oldest ≈ 70 % train);
 * a given date must be YYYY-MM-DD and leave leads on both sides. When every
 * lead has the same creation time (a dataset dated by asOf only), falls back
 * to a seeded random split with the same share.
 *
 * @throws when the date is malformed or leaves one side empty.
 * @example splitLeads(created, { date: "2025-06-01" }).nTest
 */
export function splitLeads(createdMs: Float64Array, options: { date?: string; share?: number; seed?: number } = {}): Split {
  const n = createdMs.length;
  const share = options.share ?? 0.7;
  if (!(share > 0 && share < 1)) throw new Error(`splitLeads: share must be in (0, 1); received ${share}. Use e.g. 0.7 to fit on the oldest 70 %.`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) (lo = Math.min(lo, createdMs[i])), (hi = Math.max(hi, createdMs[i]));
  const test = new Uint8Array(n);
  if (!(hi > lo) && options.date === undefined) {
    const rng = mulberry32(options.seed ?? 1);
    let nTest = 0;
    for (let i = 0; i < n; i++) if (rng() >= share) (test[i] = 1), nTest++;
    return { kind: "random", date: null, test, nTrain: n - nTest, nTest };
  }
  let cutMs: number;
  if (options.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || !Number.isFinite(Date.parse(`${options.date}T00:00:00Z`)))
      throw new Error(`splitLeads: the split date must be YYYY-MM-DD; received ${JSON.stringify(options.date)}.`);
    cutMs = Date.parse(`${options.date}T00:00:00Z`);
  } else {
    const sorted = Float64Array.from(createdMs).sort();
    const at = sorted[Math.min(n - 1, Math.floor(share * n))];
    cutMs = Math.floor(at / DAY) * DAY;
    if (cutMs <= lo) cutMs += DAY;
  }
  let nTest = 0;
  for (let i = 0; i < n; i++) if (createdMs[i] >= cutMs) (test[i] = 1), nTest++;
  if (nTest === 0 || nTest === n)
    throw new Error(`splitLeads: the split date ${day(cutMs)} leaves ${n - nTest} training and ${nTest} test leads; leads run from ${day(lo)} to ${day(hi)}. Choose a date in between.`);
  return { kind: "date", date: day(cutMs), test, nTrain: n - nTest, nTest };
}
