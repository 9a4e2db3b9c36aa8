/**
 * The browser's mapping form as plain data: which column plays which role in
 * each file, turned into a dataset description (the same JSON the CLI reads).
 * Also the first guesses for a deals or activities file from its sniff, and
 * accepting a merge suggestion (→ `leads.recode` or `activities.types`).
 * No DOM here: src/components/import-view.ts reads the form into an
 * `ImportMapping` and calls these.
 */
import type { MergeSuggestion } from "./report.js";
import type { DatasetDescriptionInput } from "./schema.js";
import type { SniffColumn, SniffResult } from "./sniff.js";

export interface ImportFile {
  /** The file's name, used as `files.<kind>.path` (the description lives next to the files). */
  path: string;
  delimiter: string;
}

export interface ImportMapping {
  name: string;
  leads: ImportFile & {
    id: string;
    /** Creation date column, or null to date every lead at `asOf`. */
    createdAt: string | null;
    label: { column: string; positive: string[]; negative: string[] } | null;
  };
  deals: (ImportFile & {
    leadId: string;
    /** Outcome column with its won / lost / open values, or null when every deal in the file is won. */
    outcome: { column: string; won: string[]; lost: string[]; open: string[] } | null;
    closeDate: string;
    createdAt: string | null;
    amount: string | null;
  }) | null;
  activities: (ImportFile & { leadId: string; type: string; timestamp: string }) | null;
  /** Where outcomes come from. */
  outcomeFrom: "label" | "deals";
  /** Missing markers besides empty cells, e.g. ["Select", "unknown"]. */
  missingValues: string[];
  maturityDays: number;
  /** "YYYY-MM-DD" or null (then the latest date in the data). */
  asOf: string | null;
  /** Accepted spelling merges: leads column → {variant: spelling}, and activity type renames. */
  recode?: Record<string, Record<string, string>>;
  activityTypes?: Record<string, string>;
}

/** "Select, unknown ,n/a" → ["Select", "unknown", "n/a"] (empty items dropped). */
export function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * The dataset description of a mapping (not yet validated: pass it to
 * parseDatasetDescription, which names any missing piece). Empty optional
 * choices are left out; "" is always a missing value.
 */
export function describeMapping(m: ImportMapping): DatasetDescriptionInput {
  const file = (f: ImportFile) => ({ path: f.path, delimiter: f.delimiter, encoding: "utf-8", header: true as const });
  const d: DatasetDescriptionInput = {
    name: m.name.trim() || "my-data",
    files: { leads: file(m.leads) },
    leads: { id: m.leads.id },
    missingValues: ["", ...m.missingValues.filter((v) => v.trim() !== "")],
    maturityDays: m.maturityDays,
  };
  if (m.leads.createdAt) d.leads.createdAt = m.leads.createdAt;
  if (m.leads.label) {
    const { column, positive, negative } = m.leads.label;
    d.leads.label = { column, ...(positive.length ? { positive } : {}), ...(negative.length ? { negative } : {}) };
  }
  if (m.recode && Object.keys(m.recode).length) d.leads.recode = m.recode;
  if (m.deals) {
    const D = m.deals;
    d.files.deals = file(D);
    d.deals = {
      leadId: D.leadId,
      outcome: D.outcome ? { column: D.outcome.column, won: D.outcome.won, lost: D.outcome.lost, open: D.outcome.open } : { constant: "won" },
      closeDate: D.closeDate,
      ...(D.createdAt ? { createdAt: D.createdAt } : {}),
      ...(D.amount ? { amount: D.amount } : {}),
    };
  }
  if (m.activities) {
    const A = m.activities;
    d.files.activities = file(A);
    d.activities = { leadId: A.leadId, type: A.type, timestamp: A.timestamp, ...(m.activityTypes && Object.keys(m.activityTypes).length ? { types: m.activityTypes } : {}) };
  }
  if (m.asOf) d.asOf = m.asOf;
  d.outcomeFrom = m.deals ? m.outcomeFrom : "label";
  return d;
}

/**
 * The mapping with a merge suggestion accepted (or withdrawn when `accept`
 * is false): every variant other than the suggested spelling is recoded to
 * it. Leads columns go to `recode` (keyed by the source column: a column
 * renamed "attr_<name>" in the table is "<name>" in the file); activity
 * types to `activityTypes`.
 * Example: Google (2868) / google (5) → recode {"Lead Source": {"google": "Google"}}.
 */
export function acceptMerge(m: ImportMapping, s: MergeSuggestion, accept: boolean, sourceColumns: readonly string[] = []): ImportMapping {
  const pairs = s.variants.filter((v) => v.value !== s.suggested).map((v) => [v.value, s.suggested] as const);
  const edit = (map: Record<string, string> | undefined) => {
    const out = { ...(map ?? {}) };
    for (const [from, to] of pairs) {
      if (accept) out[from] = to;
      else if (out[from] === to) delete out[from];
    }
    return out;
  };
  if (s.file === "activities") return { ...m, activityTypes: edit(m.activityTypes) };
  const column = !sourceColumns.includes(s.column) && s.column.startsWith("attr_") ? s.column.slice(5) : s.column;
  const recode = { ...(m.recode ?? {}) };
  const next = edit(recode[column]);
  if (Object.keys(next).length) recode[column] = next;
  else delete recode[column];
  return { ...m, recode };
}

const WON_WORDS = ["1", "true", "yes", "y", "t", "won", "win", "closed won", "converted"];
const LOST_WORDS = ["0", "false", "no", "n", "f", "lost", "lose", "closed lost"];
const OPEN_WORDS = ["open", "pending", "in progress"];

/** Positive and negative label values among a column's sampled values (as written there). */
export function labelValues(col: SniffColumn | undefined): { positive: string[]; negative: string[] } {
  const ex = col?.examples ?? [];
  return {
    positive: ex.filter((v) => WON_WORDS.includes(v.trim().toLowerCase())),
    negative: ex.filter((v) => LOST_WORDS.includes(v.trim().toLowerCase())),
  };
}

/** Won / lost / open values among a deal status column's sampled values. */
export function outcomeValues(col: SniffColumn | undefined): { won: string[]; lost: string[]; open: string[] } {
  const ex = col?.examples ?? [];
  const is = (words: string[]) => ex.filter((v) => words.includes(v.trim().toLowerCase()));
  return { won: is(WON_WORDS), lost: is(LOST_WORDS), open: is(OPEN_WORDS) };
}

function pick(s: SniffResult, test: (c: SniffColumn) => boolean, prefer?: RegExp): string | null {
  const of = s.columns.filter(test);
  return ((prefer && of.find((c) => prefer.test(c.name))) ?? of[0])?.name ?? null;
}

/** The lead-id column of a deals or activities file: the leads id's name, else a name like lead/mql/prospect id. */
function leadIdColumn(s: SniffResult, leadsId: string | null): string {
  if (leadsId && s.columns.some((c) => c.name === leadsId)) return leadsId;
  return pick(s, (c) => /lead|mql|prospect|contact/i.test(c.name) && /id|key|number/i.test(c.name)) ?? pick(s, () => true, /id/i) ?? "";
}

/** First guesses for a deals file from its sniff. */
export function guessDeals(s: SniffResult, leadsId: string | null): NonNullable<ImportMapping["deals"]> {
  const leadId = leadIdColumn(s, leadsId);
  const status = pick(s, (c) => c.name !== leadId && (c.inferredType === "category" || c.inferredType === "boolean") && /status|outcome|stage|result|won/i.test(c.name));
  const statusCol = s.columns.find((c) => c.name === status);
  const dates = (c: SniffColumn) => c.inferredType === "date";
  return {
    path: "", delimiter: s.delimiter, leadId,
    outcome: status ? { column: status, ...outcomeValues(statusCol) } : null,
    closeDate: pick(s, dates, /clos|won|decid|end/i) ?? "",
    createdAt: pick(s, (c) => dates(c) && /creat|open|start/i.test(c.name)),
    amount: pick(s, (c) => c.inferredType === "number" && /amount|value|revenue|price|size/i.test(c.name)),
  };
}

/** First guesses for an activities file from its sniff. */
export function guessActivities(s: SniffResult, leadsId: string | null): NonNullable<ImportMapping["activities"]> {
  const leadId = leadIdColumn(s, leadsId);
  return {
    path: "", delimiter: s.delimiter, leadId,
    type: pick(s, (c) => c.name !== leadId && c.inferredType === "category", /type|activity|event|action/i) ?? "",
    timestamp: pick(s, (c) => c.inferredType === "date", /time|date|at$|occur/i) ?? "",
  };
}
