/**
 * The validation report of a dataset: reconciliation per file (rows read =
 * used + excluded by reason), problems with their first examples, spelling
 * merges offered, and how outcomes were labelled.
 */
import type { Example, ValidationReport } from "../lib/dataset/report.js";
import { Flag, Table, el, fmtInt } from "./ui.js";

const where = (e: Example) =>
  [e.row != null ? `data row ${e.row}` : null, e.line != null ? `line ${e.line}` : null, e.column != null ? `column ${JSON.stringify(e.column)}` : null, e.value != null ? `value ${JSON.stringify(e.value)}` : null]
    .filter(Boolean)
    .join(", ");

export function ReconciliationTable(r: ValidationReport) {
  const rows = Object.values(r.files).flatMap((f) => {
    if (!f) return [];
    const excluded = f.excluded.reduce((a, x) => a + x.count, 0);
    return [{
      file: `${f.kind} (${f.path})`, read: fmtInt(f.rowsRead), used: fmtInt(f.rowsUsed), excluded: fmtInt(excluded),
      reasons: f.excluded.length ? f.excluded.map((x) => `${x.reason.replaceAll("_", " ")}: ${fmtInt(x.count)}`).join("; ") : "none",
      check: f.rowsRead === f.rowsUsed + excluded ? Flag("read = used + excluded", "ok") : Flag("does not add up", "bad"),
    }];
  });
  return Table(
    [{ key: "file", label: "File" }, { key: "read", label: "Rows read", align: "right" }, { key: "used", label: "Used", align: "right" }, { key: "excluded", label: "Excluded", align: "right" }, { key: "reasons", label: "Excluded because" }, { key: "check", label: "" }],
    rows,
  );
}

export function ProblemsList(r: ValidationReport) {
  if (!r.problems.length) return el("p", {}, Flag("no problems found", "ok"));
  return el("div", {}, ...r.problems.map((p) =>
    el("details", p.severity === "error" ? { open: "" } : {},
      el("summary", {}, Flag(p.severity, p.severity === "error" ? "bad" : "warn"), ` ${p.file ?? "dataset"}: ${p.message} (${fmtInt(p.count)})`),
      p.examples.length ? el("ul", {}, ...p.examples.map((e) => el("li", {}, where(e)))) : el("span", {}, ""),
    )));
}

export function SuggestionsList(r: ValidationReport) {
  if (!r.suggestions.length) return el("p", { class: "muted" }, "No inconsistent spellings found.");
  return Table(
    [{ key: "column", label: "Column" }, { key: "variants", label: "Spellings found (leads)" }, { key: "suggested", label: "Merge into" }],
    r.suggestions.map((s) => ({ column: `${s.file}.${s.column}`, variants: s.variants.map((v) => `${JSON.stringify(v.value)} (${fmtInt(v.count)})`).join(", "), suggested: JSON.stringify(s.suggested) })),
  );
}

export function OutcomesTable(r: ValidationReport) {
  const o = r.outcomes;
  if (!o) return el("p", { class: "muted" }, "No outcomes (the data is not usable).");
  return Table(
    [{ key: "rule", label: "Rule" }, { key: "outcome", label: "Outcome" }, { key: "count", label: "Leads", align: "right" }],
    o.byRule.map((b) => ({ rule: b.rule.replaceAll("_", " "), outcome: b.outcome, count: fmtInt(b.count) })),
  );
}
