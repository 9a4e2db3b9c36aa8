/**
 * The validation report returned by `loadDataset`: what was read, what was
 * used, what was excluded and why, with counts and the first examples.
 * Plain JSON (the CLI prints it, the browser renders it).
 *
 * Row convention: `row` is the data row number (1 = first record after the
 * header; a record with quoted line breaks counts once); `line` is the
 * physical line where that record starts (header = line 1).
 */
import type { FileKind } from "./schema.js";

export type Severity = "error" | "warning";

export interface Example {
  /** Data row (1 = first record after the header); null when the problem is not about a row (e.g. the header). */
  row: number | null;
  /** Physical line where the record starts (header = line 1); null when unknown. */
  line: number | null;
  column: string | null;
  value: string | null;
}

export interface Exclusion {
  /** Same code as the matching problem, e.g. "duplicate_lead_id". */
  reason: string;
  count: number;
  examples: Example[];
}

export interface ColumnSummary {
  name: string;
  /** Type in the canonical table (VARCHAR / DOUBLE / BOOLEAN / TIMESTAMP), or "ignored". */
  type: string;
  /** Role in the mapping: "id", "createdAt", "label", "attribute", … or "unused". */
  role: string;
  /** Rows read (and parsed) where the cell is missing: empty, spaces only or a missing marker; null for columns not used. */
  missing: number | null;
  /** Count per missing marker found exactly, e.g. {"Select": 1942}. */
  markers: Record<string, number>;
}

export interface FileReport {
  kind: FileKind;
  path: string;
  bytes: number;
  delimiter: string | null;
  bom: boolean;
  /** Records after the header that the CSV reader saw (including malformed ones). */
  rowsRead: number;
  /** Rows that made it into the canonical table. */
  rowsUsed: number;
  /** rowsRead = rowsUsed + Σ excluded.count (checked by `checkInvariant`). */
  excluded: Exclusion[];
  columns: ColumnSummary[];
}

export interface Problem {
  severity: Severity;
  /** Stable machine code, e.g. "bad_date", "wrong_delimiter". */
  code: string;
  message: string;
  /** The description's file kind ("leads" …) or null for dataset-wide problems. */
  file: FileKind | null;
  count: number;
  examples: Example[];
}

export interface MergeSuggestion {
  file: FileKind;
  column: string;
  variants: { value: string; count: number }[];
  suggested: string;
}

export interface OutcomeCounts {
  source: "deals" | "label";
  won: number;
  lost: number;
  open: number;
  byRule: { rule: string; outcome: "won" | "lost" | "open"; count: number }[];
}

export interface ValidationReport {
  dataset: string;
  /** False when any problem is an error: the canonical tables must not be used. */
  usable: boolean;
  /** The data's end date used for maturity and "after the end" checks, "YYYY-MM-DD HH:MM:SS". */
  asOf: string | null;
  asOfSource: "description" | "max date in data" | null;
  maturityDays: number;
  rowConvention: string;
  files: Partial<Record<FileKind, FileReport>>;
  problems: Problem[];
  suggestions: MergeSuggestion[];
  outcomes: OutcomeCounts | null;
}

export const ROW_CONVENTION =
  "row = data row (1 = first record after the header; a quoted field with line breaks does not add rows); line = physical line where the record starts (header = line 1)";

/** The maximum number of examples kept per problem or exclusion. */
export const MAX_EXAMPLES = 5;

/**
 * Throws when a file report breaks rowsRead = rowsUsed + Σ excluded.count
 * (a bug in the loader, never a data problem).
 */
export function checkInvariant(f: FileReport): void {
  const excluded = f.excluded.reduce((s, e) => s + e.count, 0);
  if (f.rowsRead !== f.rowsUsed + excluded)
    throw new Error(
      `loadDataset invariant broken for ${f.kind} (${f.path}): rowsRead ${f.rowsRead} ≠ rowsUsed ${f.rowsUsed} + excluded ${excluded}`,
    );
}

/** "9240" → "9,240" for messages. */
export function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

/** Quotes a value for a message, shortened to 80 characters. */
export function show(v: string | null): string {
  if (v === null) return "(missing)";
  const s = v.length > 80 ? `${v.slice(0, 77)}...` : v;
  return JSON.stringify(s);
}
