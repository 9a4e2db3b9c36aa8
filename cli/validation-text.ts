/**
 * A dataset validation report (lib/dataset/report) as readable terminal text:
 * `leadscore validate` prints it whole, the other commands print its problems
 * when the data is not usable.
 */
import { existsSync } from "node:fs";
import type { Example, FileReport, Problem, ValidationReport } from "../lib/dataset/report.js";
import { terminalSafe } from "./terminal.js";

const n = (x: number) => x.toLocaleString("en-US");
const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;

function bytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 ** 2) return `${(b / 1024).toFixed(1)} KB`;
  return `${(b / 1024 ** 2).toFixed(1)} MB`;
}

/** "row 12 (line 13), column "x": "abc"" */
export function formatExample(e: Example): string {
  const where: string[] = [];
  if (e.row !== null) where.push(`row ${n(e.row)}${e.line !== null ? ` (line ${n(e.line)})` : ""}`);
  else if (e.line !== null) where.push(`line ${n(e.line)}`);
  if (e.column !== null) where.push(`column ${JSON.stringify(e.column)}`);
  const at = where.join(", ");
  const value = e.value === null ? (e.row !== null ? "(missing)" : "") : JSON.stringify(e.value.length > 80 ? `${e.value.slice(0, 77)}...` : e.value);
  return [at, value].filter(Boolean).join(": ");
}

/** The problems of a report, errors first, as readable lines. */
export function formatProblems(problems: readonly Problem[], indent = "  "): string {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const lines: string[] = [];
  for (const p of sorted) {
    lines.push(`${indent}${p.severity === "error" ? "ERROR" : "warning"} [${p.code}]${p.file ? ` ${p.file}` : ""}${p.count > 1 ? ` (${n(p.count)}×)` : ""}: ${p.message}`);
    for (const e of p.examples) {
      const text = formatExample(e);
      if (text) lines.push(`${indent}    e.g. ${text}`);
    }
  }
  return terminalSafe(lines.join("\n"));
}

function formatFile(f: FileReport): string[] {
  const excluded = f.excluded.reduce((s, e) => s + e.count, 0);
  const lines = [
    `  ${f.kind}: ${f.path} (${bytes(f.bytes)}${f.delimiter ? `, delimiter ${JSON.stringify(f.delimiter)}` : ""}${f.bom ? ", BOM" : ""})`,
    `    rows read ${n(f.rowsRead)} = used ${n(f.rowsUsed)} + excluded ${n(excluded)}`,
  ];
  for (const x of f.excluded) {
    lines.push(`      excluded ${n(x.count)}: ${x.reason}`);
    for (const e of x.examples) {
      const text = formatExample(e);
      if (text) lines.push(`        e.g. ${text}`);
    }
  }
  const used = f.columns.filter((c) => c.role !== "unused");
  if (used.length) {
    lines.push(`    columns (${used.length} used of ${f.columns.length}):`);
    const w = Math.min(40, Math.max(...used.map((c) => JSON.stringify(c.name).length)));
    for (const c of used) {
      const markers = Object.entries(c.markers).map(([m, k]) => `${JSON.stringify(m)} ${n(k)}`).join(", ");
      const missing = c.missing ? `, missing ${n(c.missing)}${markers ? ` (markers: ${markers})` : ""}` : "";
      lines.push(`      ${JSON.stringify(c.name).padEnd(w)}  ${c.role} ${c.type}${missing}`);
    }
    const unused = f.columns.filter((c) => c.role === "unused").map((c) => JSON.stringify(c.name));
    if (unused.length) lines.push(`      not used: ${unused.join(", ")}`);
  }
  return lines;
}

/** A validation report as readable text. */
export function formatReport(r: ValidationReport, descriptionPath: string): string {
  const errors = r.problems.filter((p) => p.severity === "error").length;
  const warnings = r.problems.length - errors;
  const out: string[] = [
    `Dataset: ${r.dataset}`,
    `Description: ${descriptionPath}`,
    `Result: ${r.usable ? "USABLE" : "NOT USABLE"} — ${plural(errors, "error")}, ${plural(warnings, "warning")}`,
  ];
  if (r.asOf) out.push(`As of: ${r.asOf} (${r.asOfSource}); maturity ${r.maturityDays} days`);
  out.push("", "Files:");
  for (const f of Object.values(r.files)) if (f) out.push(...formatFile(f));
  out.push(`  (${r.rowConvention})`);
  if (r.problems.length) out.push("", "Problems:", formatProblems(r.problems));
  if (r.suggestions.length) {
    out.push("", "Merge suggestions (accept with \"leads.recode\" in the description):");
    for (const s of r.suggestions)
      out.push(`  ${s.file}.${JSON.stringify(s.column)}: ${s.variants.map((v) => `${JSON.stringify(v.value)} (${n(v.count)})`).join(" / ")} → ${JSON.stringify(s.suggested)}`);
  }
  if (r.outcomes) {
    const o = r.outcomes;
    const labelled = o.won + o.lost;
    out.push("", `Outcomes (from ${o.source}): won ${n(o.won)}, lost ${n(o.lost)}, open ${n(o.open)}${labelled ? `; win rate ${((100 * o.won) / labelled).toFixed(1)} % of labelled leads` : ""}`);
    const w = Math.max(...o.byRule.map((b) => b.rule.length), 4);
    for (const b of o.byRule) out.push(`  ${b.rule.padEnd(w)}  ${b.outcome.padEnd(4)}  ${n(b.count).padStart(10)}`);
  }
  return terminalSafe(`${out.join("\n")}\n`);
}

/** Throws a clear error when the description file itself is absent. */
export function requireFile(file: string): void {
  if (!existsSync(file)) throw new Error(`dataset description ${JSON.stringify(file)} not found`);
}
