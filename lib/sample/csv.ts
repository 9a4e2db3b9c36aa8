/**
 * Writes the sample as CSV text: header row, the fixed column order of
 * SAMPLE_COLUMNS, comma separator, LF line endings (also after the last row),
 * RFC 4180 quoting only where a value holds a comma, quote, CR or LF
 * (embedded quotes doubled), an empty cell for null, timestamps
 * "YYYY-MM-DD HH:MM:SS" (UTC), numbers as JavaScript's shortest round-trip
 * decimal (no locale, no thousands separator).
 */
import { formatDate } from "../db/types.js";
import { SAMPLE_COLUMNS, SAMPLE_FILES, type SampleTable } from "./schema.js";
import type { SampleData } from "./types.js";

/** A type alias, not an interface, so that Object.entries(csv) is typed [string, string][]. */
export type SampleCsv = {
  "leads.csv": string;
  "activities.csv": string;
  "deals.csv": string;
};

/** Quotes one CSV field only when RFC 4180 requires it. Example: `csvField('a,"b"')` → `"a,""b"""`. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const DAY_MS = 86_400_000;
const two = (n: number) => (n < 10 ? "0" : "") + n;

/**
 * "YYYY-MM-DD HH:MM:SS" (UTC) of whole-second epoch ms, the same text as
 * formatTimestamp in lib/db/types.ts, with the date part cached per day
 * (hundreds of thousands of rows share a few hundred days).
 */
function timestampFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let date = days.get(day);
    if (date === undefined) days.set(day, (date = formatDate(day * DAY_MS)));
    const s = Math.floor((ms - day * DAY_MS) / 1000);
    return `${date} ${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  };
}

function badNumber(table: SampleTable, row: number, column: string, value: unknown): never {
  throw new Error(
    `toCsv: ${table}[${row}].${column} must be a finite number or null; received ${String(value)}. Fix the generator or the row.`,
  );
}

function table(rows: ReadonlyArray<object>, name: SampleTable): string {
  const cols = SAMPLE_COLUMNS[name];
  const stamp = timestampFormatter();
  const lines = [cols.map(([c]) => c).join(",")];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    let line = "";
    for (let j = 0; j < cols.length; j++) {
      const [c, type] = cols[j];
      const v = row[c];
      if (j) line += ",";
      if (v === null || v === undefined) continue;
      if (type === "TIMESTAMP") line += stamp(v as number);
      else if (type === "DOUBLE") line += typeof v === "number" && Number.isFinite(v) ? String(v) : badNumber(name, i, c, v);
      else line += csvField(String(v));
    }
    lines.push(line);
  }
  return lines.join("\n") + "\n";
}

/**
 * The three CSV texts of a sample, keyed by file name
 * ("leads.csv", "activities.csv", "deals.csv"). Deterministic: the same data
 * always gives the same strings.
 */
export function toCsv(data: SampleData): SampleCsv {
  return {
    [SAMPLE_FILES.leads]: table(data.leads, "leads"),
    [SAMPLE_FILES.activities]: table(data.activities, "activities"),
    [SAMPLE_FILES.deals]: table(data.deals, "deals"),
  } as SampleCsv;
}
