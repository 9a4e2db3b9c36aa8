/**
 * "Use your own files" on the Data page: pick CSV files (read in this tab
 * with File.arrayBuffer, never uploaded), see how each was sniffed
 * (delimiter, header, inferred types, first rows), confirm the column
 * mapping, validate into a scratch DuckDB with the same loadDataset as the
 * CLI, accept spelling merges, then keep the dataset in this browser
 * (IndexedDB) or download its description. Every failure is shown in place.
 */
import { headText, stripBom } from "../lib/dataset/bytes.js";
import { delimiterName, parseCsvText } from "../lib/dataset/csv.js";
import {
  columnsOf, descriptionText, editMapping, emptyImport, filesOf, pickFile, progressText, readMapping, redrawsForm, toggleMerge, workspaceName,
  type ImportState, type Picked,
} from "../lib/dataset/import-state.js";
import { loadDataset } from "../lib/dataset/load.js";
import { describeMapping, type ImportMapping } from "../lib/dataset/mapping.js";
import type { MergeSuggestion, ValidationReport } from "../lib/dataset/report.js";
import { DatasetDescriptionError, parseDatasetDescription, type DatasetDescription, type FileKind } from "../lib/dataset/schema.js";
import { sniffCsv } from "../lib/dataset/sniff.js";
import type { Db } from "../lib/db/types.js";
import { OutcomesTable, ProblemsList, ReconciliationTable } from "./report-view.js";
import { createWorkspace } from "./workspaces.js";
import { DownloadButton, ErrorBox, Flag, ProgressLine, Table, el, fmtInt } from "./ui.js";

const KINDS: { kind: FileKind; label: string; note: string }[] = [
  { kind: "leads", label: "Leads (required)", note: "one row per lead: an id, a creation date, attributes, and a 0/1 outcome column if you have no deals file" },
  { kind: "deals", label: "Deals (optional)", note: "one row per deal: the lead's id, the outcome (won / lost / open) and the close date" },
  { kind: "activities", label: "Activities (optional)", note: "one row per activity: the lead's id, the activity type and when it happened" },
];

const NONE = "";
const mb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`);

/** A labelled form control; `hint` is shown under it. */
function field(label: string, control: HTMLElement, hint?: string) {
  return el("label", { class: "import-field" }, el("span", { class: "import-label" }, label), control, hint ? el("span", { class: "muted import-hint" }, hint) : null);
}

function select(name: string, options: string[], value: string | null, none?: string) {
  const s = el("select", { name });
  if (none !== undefined) s.append(el("option", { value: NONE }, none));
  for (const o of options) s.append(el("option", { value: o }, o));
  s.value = value ?? NONE;
  return s;
}

function input(name: string, value: string, attrs: Record<string, string> = {}) {
  const i = el("input", { name, type: "text", ...attrs });
  i.value = value;
  return i;
}

/** What sniffing found in one file: size, delimiter, header, columns with their likely type, the first rows. */
function SniffView(p: Picked) {
  const s = p.sniff;
  if (!s.columns.length)
    return el("div", { class: "import-sniff", "data-sniff": "" }, ErrorBox(`${p.name} is empty: a leads, deals or activities file needs a header row and at least one data row`, "Empty file"));
  const oneColumn = s.columns.length < 2;
  const garbled = headText(stripBom(p.bytes), 1 << 16).includes("\uFFFD");
  const preview = parseCsvText(headText(stripBom(p.bytes), 1 << 16), s.delimiter, 6).rows;
  const header = preview[0] ?? [];
  return el("div", { class: "import-sniff", "data-sniff": "" },
    el("p", {},
      el("strong", {}, p.name), ` · ${mb(p.bytes.length)} · delimiter ${delimiterName(s.delimiter)} · `,
      s.hasHeader ? "first row is a header" : Flag("the first row does not look like a header", "bad"),
      ` · ${s.columns.length} columns · types guessed from the first ${fmtInt(s.rowsSampled)} rows`,
      s.bom ? " · starts with a byte-order mark (removed)" : "",
      s.missingMarkers.length ? ` · missing markers seen: ${s.missingMarkers.map((m) => JSON.stringify(m)).join(", ")}` : "",
    ),
    oneColumn ? el("p", {}, Flag("only one column found: is the delimiter right?", "bad")) : null,
    garbled ? el("p", {}, Flag("some characters near the start are not UTF-8: the file may be Latin-1; Validate says where", "bad")) : null,
    el("details", {},
      el("summary", {}, "Columns and guessed types"),
      el("div", { class: "import-scroll" }, Table(
        [{ key: "name", label: "Column" }, { key: "type", label: "Guessed type" }, { key: "distinct", label: "Distinct", align: "right" }, { key: "missing", label: "Missing", align: "right" }, { key: "examples", label: "Most frequent values" }],
        s.columns.map((c) => ({ name: c.name, type: c.inferredType, distinct: fmtInt(c.distinct), missing: fmtInt(c.missing), examples: c.examples.map((v) => (v.length > 30 ? `${v.slice(0, 28)}…` : v)).join(" · ") })),
      )),
    ),
    el("details", {},
      el("summary", {}, `First ${Math.max(0, preview.length - 1)} rows`),
      el("div", { class: "import-scroll" }, Table(
        header.map((h, i) => ({ key: String(i), label: h })),
        preview.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [String(i), v.length > 40 ? `${v.slice(0, 38)}…` : v]))),
      )),
    ),
  );
}

/** The report of a validation, with a checkbox per merge suggestion. */
function ReportView(r: ValidationReport, onMerge: (s: MergeSuggestion, accept: boolean) => void) {
  const errors = r.problems.filter((p) => p.severity === "error");
  const merges = r.suggestions.length
    ? el("div", {},
        el("p", {}, "Values that differ only in case or spaces. Tick a merge to add it to the description (", el("code", {}, "leads.recode"), "); it applies when you use the data or validate again."),
        ...r.suggestions.map((s) => {
          const box = el("input", { type: "checkbox", "data-merge": `${s.file}.${s.column}:${s.suggested}` });
          box.addEventListener("change", () => onMerge(s, box.checked));
          return el("label", { class: "import-merge" }, box,
            ` ${s.file}.${s.column}: ${s.variants.map((v) => `${JSON.stringify(v.value)} (${fmtInt(v.count)})`).join(", ")} → ${JSON.stringify(s.suggested)}`);
        }))
    : el("p", { class: "muted" }, "No inconsistent spellings found.");
  return el("div", { "data-import-report": r.usable ? "usable" : "unusable", class: "card" },
    el("h3", {}, "Your files, validated (not yet a workspace)"),
    el("p", {}, r.usable ? Flag("usable", "ok") : Flag(`not usable: ${errors.length} error(s) to fix`, "bad"),
      r.asOf ? ` As of ${r.asOf} (${r.asOfSource === "description" ? "as you gave it" : "no date given: the latest date in the data"}).` : ""),
    ...errors.map((p) => ErrorBox(p.message, `${p.file ?? "dataset"}`)),
    el("h3", {}, "Rows read, used and excluded"),
    ReconciliationTable(r),
    el("h3", {}, "Problems"),
    ProblemsList(r),
    el("h3", {}, "Spellings to merge"),
    merges,
    el("h3", {}, "Outcomes"),
    OutcomesTable(r),
  );
}

/** The mapping form for a mapping and the picked files' columns. */
function MappingFields(m: ImportMapping, picked: ImportState["picked"]): Node[] {
  const lc = columnsOf(picked, "leads");
  const parts: Node[] = [
    el("fieldset", {}, el("legend", {}, "Leads"),
      field("Dataset name", input("name", m.name)),
      field("Lead id", select("leads.id", lc, m.leads.id), "unique per lead"),
      field("Created at", select("leads.createdAt", lc, m.leads.createdAt, "(no date column)"), "the lead's creation date; leads are scored as of this date"),
      field("Data as of", input("asOf", m.asOf ?? "", { placeholder: "YYYY-MM-DD", pattern: "\\d{4}-\\d{2}-\\d{2}" }),
        "the date the files were exported (default: the latest date in the data); required without a creation date, which then dates every lead"),
    ),
    el("fieldset", {}, el("legend", {}, "Outcome"),
      picked.deals
        ? field("Outcomes from", select("outcomeFrom", ["deals", "label"], m.outcomeFrom), "deals: won when a deal is won; lost when all deals are lost or none after the maturity window")
        : el("p", { class: "muted" }, "From a label column of the leads file (add a deals file to take outcomes from deals)."),
      field("Label column", select("leads.label.column", lc, m.leads.label?.column ?? null, "(none)"), "e.g. Converted: 1 = won, 0 = lost; other values = open"),
      field("Won values", input("leads.label.positive", (m.leads.label?.positive ?? []).join(", ")), "comma-separated, compared ignoring case"),
      field("Lost values", input("leads.label.negative", (m.leads.label?.negative ?? []).join(", "))),
    ),
  ];
  if (m.deals) {
    const dc = columnsOf(picked, "deals");
    const D = m.deals;
    parts.push(el("fieldset", {}, el("legend", {}, `Deals (${D.path})`),
      field("Lead id", select("deals.leadId", dc, D.leadId)),
      field("Outcome column", select("deals.outcome.column", dc, D.outcome?.column ?? null, "(every deal is won)")),
      field("Won values", input("deals.won", (D.outcome?.won ?? []).join(", "))),
      field("Lost values", input("deals.lost", (D.outcome?.lost ?? []).join(", "))),
      field("Open values", input("deals.open", (D.outcome?.open ?? []).join(", "))),
      field("Close date", select("deals.closeDate", dc, D.closeDate)),
      field("Deal created at", select("deals.createdAt", dc, D.createdAt, "(none: the close date)")),
      field("Amount", select("deals.amount", dc, D.amount, "(none)")),
    ));
  }
  if (m.activities) {
    const ac = columnsOf(picked, "activities");
    const A = m.activities;
    parts.push(el("fieldset", {}, el("legend", {}, `Activities (${A.path})`),
      field("Lead id", select("activities.leadId", ac, A.leadId)),
      field("Activity type", select("activities.type", ac, A.type)),
      field("Timestamp", select("activities.timestamp", ac, A.timestamp)),
    ));
  }
  parts.push(el("fieldset", {}, el("legend", {}, "Missing values and maturity"),
    field("Missing markers", input("missingValues", m.missingValues.join(", ")), 'cells holding these count as missing, besides empty ones, e.g. Select, unknown'),
    field("Maturity (days)", input("maturityDays", String(m.maturityDays), { type: "number", min: "0", max: "3650", step: "1" }), "a lead with no deal after this many days is lost"),
  ));
  return parts;
}

/**
 * The whole import flow: one ImportState (lib/dataset/import-state.ts), its
 * steps called from the controls, and the view drawn from it. `openDb` opens
 * the scratch database used for validation (once, reused by later validations).
 */
export function ImportView({ openDb }: { openDb: () => Promise<Db> }) {
  let state: ImportState = emptyImport();
  let db: Promise<Db> | null = null;

  const root = el("section", { class: "import", "data-import": "" });
  const inputs = el("div", { class: "grid grid-cols-3" });
  const sniffs = el("div", {});
  const form = el("form", { class: "import-form", "data-mapping": "" });
  form.hidden = true;
  form.addEventListener("submit", (e) => e.preventDefault());
  const status = el("div", { "data-import-status": "", role: "status" });
  const result = el("div", {});
  const validateButton = el("button", { type: "button", "data-action": "validate" }, "Validate");
  const useButton = el("button", { type: "button", "data-action": "use", disabled: "" }, "Create a workspace with this data");
  const nameInput = el("input", { type: "text", name: "workspace-name", placeholder: "Workspace name (e.g. CRM export 2026-Q3)", "data-workspace-name": "", size: "36" }) as HTMLInputElement;
  const download = DownloadButton("Download dataset description", "dataset.json", () => descriptionText(readForm()));
  download.setAttribute("data-action", "download");
  const actions = el("p", { class: "import-actions" }, validateButton, " ", nameInput, " ", useButton, " ", download);
  actions.hidden = true;
  const mappingTitle = el("h3", {}, "Mapping: which column is what");
  mappingTitle.hidden = true;

  const show = (node: Node | null) => status.replaceChildren(...(node ? [node] : []));
  const fail = (e: unknown, title = "Problem") => show(ErrorBox(e instanceof Error ? e.message : String(e), title));
  /** The mapping as the form currently shows it. */
  const readForm = () => readMapping(state.mapping, (n) => (form.elements.namedItem(n) as HTMLInputElement | HTMLSelectElement | null)?.value ?? "");
  /** "Use" is offered only for a usable validation that no change has dropped since. */
  const syncUse = () => (state.report?.usable ? useButton.removeAttribute("disabled") : useButton.setAttribute("disabled", ""));

  function renderForm() {
    const m = state.mapping;
    form.hidden = !m;
    actions.hidden = !m;
    mappingTitle.hidden = !m;
    form.replaceChildren(...(m ? MappingFields(m, state.picked) : []));
  }

  for (const k of KINDS) {
    const box = el("input", { type: "file", accept: ".csv,.tsv,.txt,text/csv,text/plain", "data-file": k.kind });
    box.addEventListener("change", () => void pick(k.kind, box.files?.[0] ?? null).catch((e) => fail(e, `Could not read the ${k.kind} file`)));
    inputs.append(el("div", { class: "card" }, el("div", { class: "kpi-label" }, k.label), box, el("p", { class: "muted import-hint" }, k.note)));
  }

  async function pick(kind: FileKind, file: File | null) {
    show(null);
    result.replaceChildren();
    state = { ...state, report: null };
    syncUse();
    const picked = file ? await readPicked(file) : null;
    state = pickFile(state, kind, picked);
    sniffs.replaceChildren(...KINDS.flatMap((k) => (state.picked[k.kind] ? [el("h3", {}, `${k.kind} file`), SniffView(state.picked[k.kind]!)] : [])));
    renderForm();
  }

  form.addEventListener("change", (e) => {
    try {
      const name = (e.target as HTMLElement).getAttribute("name");
      state = editMapping(state, readForm(), name);
      if (redrawsForm(name)) renderForm();
      syncUse();
    } catch (err) {
      fail(err);
    }
  });

  validateButton.addEventListener("click", () => void validate());
  async function validate() {
    result.replaceChildren();
    state = { ...state, report: null };
    syncUse();
    try {
      state = { ...state, mapping: readForm() };
      if (!state.mapping) throw new Error("pick a leads file first");
      let description: DatasetDescription;
      try {
        description = parseDatasetDescription(describeMapping(state.mapping), "the mapping");
      } catch (e) {
        if (e instanceof DatasetDescriptionError)
          return show(el("div", { class: "error-box", role: "alert" }, el("strong", {}, "The mapping is not complete: "),
            el("ul", {}, ...e.issues.map((i) => el("li", {}, i)))));
        throw e;
      }
      const files = filesOf(state.picked, description);
      const progress = ProgressLine("Starting DuckDB…");
      show(progress.node);
      validateButton.setAttribute("disabled", "");
      const t = performance.now();
      // A failed start is not kept: the next Validate tries again.
      db ??= openDb().catch((e) => {
        db = null;
        throw e;
      });
      const scratch = await db;
      const hasActivities = Boolean(state.picked.activities);
      const r = await loadDataset(scratch, description, files, { onProgress: (p) => progress.update(progressText(p, hasActivities), p.fraction) });
      progress.done(`Validated in ${(performance.now() - t) / 1000 < 10 ? ((performance.now() - t) / 1000).toFixed(1) : fmtInt((performance.now() - t) / 1000)} s.`);
      state = { ...state, report: r, validated: description };
      result.replaceChildren(ReportView(r, (s, accept) => {
        state = toggleMerge(state, s, accept);
      }));
      syncUse();
    } catch (e) {
      fail(e, "Validation failed");
    } finally {
      validateButton.removeAttribute("disabled");
    }
  }

  useButton.addEventListener("click", () => void use());
  async function use() {
    try {
      if (!state.report?.usable || !state.validated || !state.mapping) throw new Error("validate the files first; only usable data can be used");
      // Accepted merges since validating go into the saved description.
      const description = parseDatasetDescription(describeMapping(state.mapping), "the mapping");
      show(el("p", { class: "progress" }, "Saving the files in this browser…"));
      const name = workspaceName(nameInput.value, state.picked, description);
      await createWorkspace(name, description, filesOf(state.picked, description));
      show(el("p", { class: "progress" }, `Workspace "${name}" created and active. Reloading…`));
      location.reload();
    } catch (e) {
      fail(e, "Could not keep the data in this browser");
    }
  }

  root.append(
    el("p", {}, "Pick your CSV files. They are read in this tab and never uploaded. A workspace made from them is kept in this browser (IndexedDB) with its model versions, decisions and votes, until you delete it."),
    inputs, sniffs, mappingTitle,
    form, actions, status, result,
  );
  return root;
}

/** A picked file read in this tab and sniffed. */
async function readPicked(file: File): Promise<Picked> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, bytes, sniff: sniffCsv(bytes) };
}
