/**
 * A first look at a CSV file for the browser's mapping page, in plain
 * JavaScript on the first rows (no database): delimiter, header, each
 * column's likely type with counts and examples, and which columns are
 * likely the lead id, the creation date and the label. `describeFromSniff`
 * turns that into a draft dataset description for the user to confirm.
 */
import { hasBom, headText, stripBom } from "./bytes.js";
import { detectDelimiter, parseCsvText } from "./csv.js";
import type { DatasetDescriptionInput } from "./schema.js";

export type InferredType = "id" | "date" | "number" | "boolean" | "category" | "text";

export interface SniffColumn {
  name: string;
  inferredType: InferredType;
  /** Distinct non-missing values in the sampled rows. */
  distinct: number;
  /** Missing cells in the sampled rows (empty, spaces, or a usual marker such as "Select", "NA"). */
  missing: number;
  /** Up to 5 distinct non-missing values, most frequent first. */
  examples: string[];
}

export interface SniffResult {
  delimiter: string;
  hasHeader: boolean;
  bom: boolean;
  /** Data rows looked at (the first ones, from the first MB). */
  rowsSampled: number;
  columns: SniffColumn[];
  likely: { leadId?: string; createdAt?: string; label?: string };
  /** Usual missing markers seen in the sample, e.g. ["Select"]. */
  missingMarkers: string[];
}

const SNIFF_BYTES = 1 << 20;
const SNIFF_ROWS = 5000;
const MARKERS = ["Select", "select", "unknown", "Unknown", "NA", "N/A", "n/a", "null", "NULL", "None", "-"];
const BOOL = new Set(["true", "false", "yes", "no", "y", "n", "0", "1", "t", "f"]);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Sniffs the start of a CSV file (first MB, at most 5,000 rows).
 * Example: sniffCsv(bytes of "id,created,won\na1,2024-01-02,yes\na2,2024-01-03,no\n")
 *   → {delimiter: ",", hasHeader: true, likely: {leadId: "id", createdAt: "created", label: "won"}, ...}
 */
export function sniffCsv(bytes: Uint8Array): SniffResult {
  const bom = hasBom(bytes);
  const body = stripBom(bytes);
  const text = headText(body, SNIFF_BYTES);
  const delimiter = detectDelimiter(text);
  let { rows } = parseCsvText(text, delimiter, SNIFF_ROWS + 1);
  // The last row may be cut by the 1 MB window.
  if (body.length > SNIFF_BYTES && rows.length > 2) rows = rows.slice(0, -1);
  const first = rows[0] ?? [];
  const data = rows.slice(1);
  const width = first.length;
  const cols: SniffColumn[] = [];
  const markersSeen = new Set<string>();
  for (let c = 0; c < width; c++) {
    const counts = new Map<string, number>();
    let missing = 0;
    for (const r of data) {
      const v = (r[c] ?? "").trim();
      if (v === "" || MARKERS.includes(v)) {
        missing++;
        if (v) markersSeen.add(v);
        continue;
      }
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const name = first[c].trim() || `column${c + 1}`;
    const values = [...counts.keys()];
    const nonMissing = data.length - missing;
    cols.push({
      name, inferredType: inferColumnType(name, values, nonMissing), distinct: values.length, missing,
      examples: [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([v]) => v),
    });
  }
  const looksLikeData = first.some((v, c) => {
    const t = cols[c]?.inferredType;
    return (t === "number" && NUMBER.test(v.trim())) || (t === "date" && DATE.test(v.trim()));
  });
  const hasHeader = !looksLikeData && new Set(first).size === first.length;
  return { delimiter, hasHeader, bom, rowsSampled: data.length, columns: cols, likely: likelyRoles(cols), missingMarkers: [...markersSeen] };
}

/** Type of a column from its distinct non-missing values (see SniffColumn). */
export function inferColumnType(name: string, values: string[], nonMissing: number): InferredType {
  if (!values.length) return "text";
  if (values.length <= 2 && values.every((v) => BOOL.has(v.toLowerCase()))) return "boolean";
  if (values.every((v) => DATE.test(v))) return "date";
  const unique = values.length === nonMissing && nonMissing >= 2;
  const idName = /(^|[^a-z])(id|key|uuid|code)([^a-z]|$)|_id$|Id$|ID$/.test(name) || /\bnumber\b/i.test(name);
  const idValues = values.every((v) => /^[0-9a-fA-F-]{16,}$/.test(v));
  if (unique && (idName || idValues)) return "id";
  if (values.every((v) => NUMBER.test(v))) return "number";
  if (values.length <= Math.max(50, 0.1 * nonMissing)) return "category";
  return "text";
}

function likelyRoles(cols: SniffColumn[]): SniffResult["likely"] {
  const pick = (type: InferredType, prefer: RegExp) => {
    const of = cols.filter((c) => c.inferredType === type);
    return (of.find((c) => prefer.test(c.name)) ?? of[0])?.name;
  };
  return {
    leadId: pick("id", /lead|prospect|mql|contact/i),
    createdAt: pick("date", /creat|first|signup|date/i),
    label: pick("boolean", /convert|won|label|target|outcome|closed|^y$/i),
  };
}

/**
 * A draft description for one leads file from a sniff: id, creation date
 * and label from `likely`, markers from the sample. Returns the draft and
 * what the user still has to decide (e.g. an asOf date when there is no
 * date column); run it through parseDatasetDescription once completed.
 */
export function describeFromSniff(sniff: SniffResult, options: { name: string; path: string }): { description: DatasetDescriptionInput; todo: string[] } {
  const todo: string[] = [];
  const id = sniff.likely.leadId ?? sniff.columns[0]?.name ?? "id";
  if (!sniff.likely.leadId) todo.push(`no column looks like a unique lead id; "${id}" was chosen: check leads.id`);
  const description: DatasetDescriptionInput = {
    name: options.name,
    files: { leads: { path: options.path, delimiter: sniff.delimiter, encoding: "utf-8", header: true } },
    leads: { id },
    missingValues: ["", ...sniff.missingMarkers],
  };
  if (sniff.likely.createdAt) description.leads.createdAt = sniff.likely.createdAt;
  else todo.push('no date column found: set leads.createdAt, or "asOf" (the data\'s end date) to date every lead');
  if (sniff.likely.label) {
    const col = sniff.columns.find((c) => c.name === sniff.likely.label)!;
    const positive = col.examples.filter((v) => ["1", "true", "yes", "y", "t", "won"].includes(v.toLowerCase()));
    const negative = col.examples.filter((v) => ["0", "false", "no", "n", "f", "lost"].includes(v.toLowerCase()));
    description.leads.label = { column: col.name, ...(positive.length ? { positive } : {}), ...(negative.length ? { negative } : {}) };
  } else todo.push("no 0/1 or yes/no column found for the outcome: map leads.label, or add a deals file");
  return { description, todo };
}
