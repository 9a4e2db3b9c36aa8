/**
 * The state of "Use your own files" (Data page) and the pure steps between
 * states, without a DOM: the files picked with their sniffs, the column
 * mapping, the last validation. src/components/import-view.ts draws a state
 * and turns clicks and form edits into these steps.
 */
import type { LoadProgress } from "./load.js";
import { describeFromSniff, type SniffResult } from "./sniff.js";
import { acceptMerge, describeMapping, guessActivities, guessDeals, labelValues, outcomeValues, splitList, type ImportMapping } from "./mapping.js";
import type { MergeSuggestion, ValidationReport } from "./report.js";
import type { DatasetDescription, FileKind } from "./schema.js";

/** One picked file: its name, its bytes (read in the tab) and how it was sniffed. */
export interface Picked {
  name: string;
  bytes: Uint8Array;
  sniff: SniffResult;
}

/** The three kinds of file, in the order they are offered and described. */
export const IMPORT_KINDS: readonly FileKind[] = ["leads", "deals", "activities"];

export interface ImportState {
  picked: Partial<Record<FileKind, Picked>>;
  /** null until a leads file with columns is picked */
  mapping: ImportMapping | null;
  /** the last validation, cleared by any change to the files or the mapping */
  report: ValidationReport | null;
  /** the description that last validation used */
  validated: DatasetDescription | null;
}

export const emptyImport = (): ImportState => ({ picked: {}, mapping: null, report: null, validated: null });

/** The column names of the picked file of a kind (none when not picked). */
export function columnsOf(picked: ImportState["picked"], kind: FileKind): string[] {
  return picked[kind]?.sniff.columns.map((c) => c.name) ?? [];
}

/**
 * A first mapping from the sniffs, keeping what the user already chose where
 * it still fits; null without a leads file that has columns. Without a
 * creation date column the data's date defaults to `today` (YYYY-MM-DD).
 */
export function draftMapping(picked: ImportState["picked"], prev: ImportMapping | null, today: string = new Date().toISOString().slice(0, 10)): ImportMapping | null {
  const L = picked.leads;
  if (!L || !L.sniff.columns.length) return null;
  const cols = (k: FileKind) => columnsOf(picked, k);
  const keep = (v: string | null | undefined, k: FileKind, fallback: string | null) => (v && cols(k).includes(v) ? v : fallback);
  const { description } = describeFromSniff(L.sniff, { name: L.name.replace(/\.[^.]+$/, ""), path: L.name });
  const label = description.leads.label;
  const leadsLabel = prev?.leads.label && cols("leads").includes(prev.leads.label.column) ? prev.leads.label
    : label ? { column: label.column, positive: label.positive ?? [], negative: label.negative ?? [] } : null;
  const dealsGuess = picked.deals ? guessDeals(picked.deals.sniff, description.leads.id) : null;
  const actsGuess = picked.activities ? guessActivities(picked.activities.sniff, description.leads.id) : null;
  return {
    name: prev?.name ?? description.name,
    leads: {
      path: L.name, delimiter: L.sniff.delimiter,
      id: keep(prev?.leads.id, "leads", description.leads.id)!,
      createdAt: prev ? keep(prev.leads.createdAt, "leads", null) : description.leads.createdAt ?? null,
      label: leadsLabel,
    },
    deals: dealsGuess && picked.deals ? { ...dealsGuess, ...(prev?.deals && prev.deals.path === picked.deals.name ? prev.deals : {}), path: picked.deals.name } : null,
    activities: actsGuess && picked.activities ? { ...actsGuess, ...(prev?.activities && prev.activities.path === picked.activities.name ? prev.activities : {}), path: picked.activities.name } : null,
    outcomeFrom: prev?.outcomeFrom === "label" && leadsLabel ? "label" : picked.deals ? "deals" : "label",
    missingValues: prev?.missingValues ?? (description.missingValues ?? []).filter((v) => v !== ""),
    maturityDays: prev?.maturityDays ?? 90,
    asOf: prev?.asOf ?? (description.leads.createdAt ? null : today),
  };
}

/** A file picked (or cleared, `file` null): the mapping is drafted again, the validation dropped. */
export function pickFile(state: ImportState, kind: FileKind, file: Picked | null, today?: string): ImportState {
  const picked = { ...state.picked };
  if (!file) delete picked[kind];
  else picked[kind] = file;
  return { ...state, picked, mapping: draftMapping(picked, state.mapping, today), report: null };
}

/**
 * The mapping as the form shows it: `value(name)` is the form control of that
 * name's value ("" when absent). Null without a mapping.
 */
export function readMapping(m: ImportMapping | null, value: (name: string) => string): ImportMapping | null {
  if (!m) return null;
  const v = value;
  const opt = (n: string) => v(n) || null;
  const labelCol = opt("leads.label.column");
  const outcomeCol = opt("deals.outcome.column");
  return {
    ...m,
    name: v("name"),
    leads: {
      ...m.leads, id: v("leads.id"), createdAt: opt("leads.createdAt"),
      label: labelCol ? { column: labelCol, positive: splitList(v("leads.label.positive")), negative: splitList(v("leads.label.negative")) } : null,
    },
    deals: m.deals ? {
      ...m.deals, leadId: v("deals.leadId"), closeDate: v("deals.closeDate"), createdAt: opt("deals.createdAt"), amount: opt("deals.amount"),
      outcome: outcomeCol ? { column: outcomeCol, won: splitList(v("deals.won")), lost: splitList(v("deals.lost")), open: splitList(v("deals.open")) } : null,
    } : null,
    activities: m.activities ? { ...m.activities, leadId: v("activities.leadId"), type: v("activities.type"), timestamp: v("activities.timestamp") } : null,
    outcomeFrom: (v("outcomeFrom") || m.outcomeFrom) as "label" | "deals",
    missingValues: splitList(v("missingValues")),
    maturityDays: Number(v("maturityDays")),
    asOf: opt("asOf")?.trim() || null,
  };
}

/** Whether a change of this form control changes which fields the form shows (a new label or outcome column). */
export const redrawsForm = (name: string | null): boolean => name === "leads.label.column" || name === "deals.outcome.column";

/**
 * The form edited (`changed` = the name of the control): the mapping read
 * from the form; a new label or outcome column takes its won / lost values
 * from the sniffed sample. The validation is dropped.
 */
export function editMapping(state: ImportState, read: ImportMapping | null, changed: string | null): ImportState {
  const mapping = read;
  if (changed === "leads.label.column" && mapping?.leads.label)
    mapping.leads.label = { column: mapping.leads.label.column, ...labelValues(state.picked.leads?.sniff.columns.find((c) => c.name === mapping.leads.label!.column)) };
  if (changed === "deals.outcome.column" && mapping?.deals?.outcome)
    mapping.deals.outcome = { column: mapping.deals.outcome.column, ...outcomeValues(state.picked.deals?.sniff.columns.find((c) => c.name === mapping.deals!.outcome!.column)) };
  return { ...state, mapping, report: null };
}

/** A merge suggestion ticked or unticked: the mapping's recodes follow (the validation stays). */
export function toggleMerge(state: ImportState, s: MergeSuggestion, accept: boolean): ImportState {
  if (!state.mapping) return state;
  return { ...state, mapping: acceptMerge(state.mapping, s, accept, columnsOf(state.picked, "leads")) };
}

/** The dataset description of a mapping as the text of a `*.dataset.json` file ("{}" without a mapping). */
export function descriptionText(m: ImportMapping | null): string {
  return JSON.stringify(m ? describeMapping(m) : {}, null, 2) + "\n";
}

/**
 * The picked files keyed by their description paths.
 * @throws when two files share a name (rename one and pick it again).
 */
export function filesOf(picked: ImportState["picked"], d: DatasetDescription): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const kind of IMPORT_KINDS) {
    const spec = d.files[kind];
    const p = picked[kind];
    if (!spec || !p) continue;
    if (files[spec.path]) throw new Error(`two of the files are both called ${JSON.stringify(spec.path)}: rename one of them and pick it again`);
    files[spec.path] = p.bytes;
  }
  return files;
}

/** The name of the new workspace: what was typed, else the leads file's name without extension, else the dataset's name. */
export function workspaceName(typed: string, picked: ImportState["picked"], description: Pick<DatasetDescription, "name">): string {
  return typed.trim() || picked.leads?.name.replace(/\.[^.]+$/, "") || description.name;
}

/** The progress line's text for a loadDataset progress report. */
export function progressText(p: Pick<LoadProgress, "phase" | "file">, hasActivities: boolean): string {
  return p.phase === "done" ? "Done" : p.phase === "key" ? (hasActivities ? "Indexing the activities by lead…" : "Keying the leads…") : `${p.phase === "read" ? "Reading" : p.phase === "validate" ? "Checking" : "Labelling outcomes of"} ${p.file ?? "the leads"}…`;
}
