/**
 * Validates `generateSample` options and resolves them into a calendar: the
 * epoch-ms start of each month, the snapshot instant and the drift boundary.
 */
import type { SampleOptions } from "./types.js";

export const DEFAULT_SAMPLE_OPTIONS = {
  seed: 42,
  leads: 24000,
  start: "2024-01-01",
  months: 24,
} as const;

export interface Calendar {
  seed: number;
  leads: number;
  start: string;
  months: number;
  /** monthStarts[k] = start + k calendar months (epoch ms); length months + 1, last = snapshot. */
  monthStarts: number[];
  /** Exclusive end of the data: nothing is dated at or after it. */
  endMs: number;
}

export const DAY_MS = 86_400_000;

function fail(option: string, rule: string, received: unknown, fix: string): never {
  throw new Error(
    `generateSample: option "${option}" ${rule}; received ${JSON.stringify(received)}. ${fix}`,
  );
}

/**
 * Fills defaults and checks every option. Throws an Error naming the option,
 * the rule, the value received and the fix, e.g. for `{leads: 0}`:
 * `generateSample: option "leads" must be an integer from 1 to 2000000; received 0. …`
 */
export function resolveOptions(options: SampleOptions = {}): Calendar {
  const seed = options.seed ?? DEFAULT_SAMPLE_OPTIONS.seed;
  const leads = options.leads ?? DEFAULT_SAMPLE_OPTIONS.leads;
  const start = options.start ?? DEFAULT_SAMPLE_OPTIONS.start;
  const months = options.months ?? DEFAULT_SAMPLE_OPTIONS.months;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    fail("seed", "must be an integer from 0 to 4294967295", seed, "Pass e.g. {seed: 1}.");
  if (!Number.isInteger(leads) || leads < 1 || leads > 2_000_000)
    fail("leads", "must be an integer from 1 to 2000000", leads, "Pass e.g. {leads: 24000}.");
  if (!Number.isInteger(months) || months < 1 || months > 240)
    fail("months", "must be an integer from 1 to 240", months, "Pass e.g. {months: 24}.");
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(start));
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) - 1 : NaN;
  const d = m ? Number(m[3]) : NaN;
  const startMs = Date.UTC(y, mo, d);
  if (!m || new Date(startMs).getUTCMonth() !== mo || d > 28 || y < 1970)
    fail(
      "start",
      'must be a date "YYYY-MM-DD" from 1970 on, with a day of month from 01 to 28 (so every month has that day)',
      start,
      'Pass e.g. {start: "2024-01-01"}.',
    );
  const monthStarts: number[] = [];
  for (let k = 0; k <= months; k++) monthStarts.push(Date.UTC(y, mo + k, d));
  return { seed, leads, start, months, monthStarts, endMs: monthStarts[months] };
}
