/**
 * The metrics a page may name, each with a one-line plain meaning and a
 * good / investigate / bad guide (thresholds from METHODS.md where it gives
 * them: PSI §8, IV bands after Siddiqi, calibration slope 0.9–1.1), and a
 * plain grade for an AUC. `Glossary(keys)` renders the explanations where a
 * page shows the metrics; every explanation carries data-term-explained so
 * the browser tests can check that a page naming a metric explains it.
 * The data part imports no DOM, so tests read `GLOSSARY` in Node.
 */

export interface Term {
  key: string;
  name: string;
  /** How the page names the metric (matched against the page's text). */
  pattern: RegExp;
  meaning: string;
  good: string;
  investigate: string;
  bad: string;
}

export const GLOSSARY: Term[] = [
  {
    key: "auc", name: "AUC", pattern: /\bAUC\b/,
    meaning: "the chance that a randomly picked won lead scores higher than a randomly picked lost one (0.5 = a coin toss, 1 = perfect sorting).",
    good: "≥ 0.75", investigate: "0.65–0.75", bad: "< 0.65",
  },
  {
    key: "gini", name: "Gini", pattern: /\bGini\b/,
    meaning: "the AUC rescaled to 0–1 (2 × AUC − 1): 0 = no better than chance.",
    good: "≥ 0.50", investigate: "0.30–0.50", bad: "< 0.30",
  },
  {
    key: "ks", name: "KS", pattern: /\bKS\b/,
    meaning: "the largest gap, at any score cut, between the share of won and the share of lost leads above the cut.",
    good: "≥ 0.40", investigate: "0.20–0.40", bad: "< 0.20",
  },
  {
    key: "brier", name: "Brier score", pattern: /\bBrier\b/,
    meaning: "the mean squared gap between the predicted win probability and what happened (0 or 1); lower is better, and it depends on the base win rate.",
    good: "well below the base rate × (1 − base rate)", investigate: "close to it", bad: "at or above it (no better than predicting the base rate)",
  },
  {
    key: "logloss", name: "Log loss", pattern: /\blog loss\b/i,
    meaning: "like the Brier score, but confident mistakes cost far more; lower is better.",
    good: "clearly below the base rate's own log loss", investigate: "close to it", bad: "above it",
  },
  {
    key: "ece", name: "ECE", pattern: /\bECE\b/,
    meaning: "expected calibration error: the average gap between predicted and observed win rate over 10 probability bins.",
    good: "< 0.02", investigate: "0.02–0.05", bad: "> 0.05",
  },
  {
    key: "slope", name: "Calibration slope", pattern: /calibration slope|slope \/ intercept/i,
    meaning: "fitted on newer leads: 1 means scores convert as predicted; below 1 the score overstates differences, above 1 it understates them (thresholds need recalibrating).",
    good: "0.9–1.1", investigate: "0.8–0.9 or 1.1–1.25", bad: "< 0.8 or > 1.25",
  },
  {
    key: "psi", name: "PSI", pattern: /\bPSI\b/,
    meaning: "population stability index: how far a period's score (or criterion) distribution moved from the reference window's.",
    good: "< 0.10", investigate: "0.10–0.25", bad: "≥ 0.25",
  },
  {
    key: "iv", name: "IV", pattern: /\bIV\b/,
    meaning: "information value: how strongly one column separates won from lost on its own. A rare value can have a high lift yet a low IV, because it concerns few leads.",
    good: "0.1–0.5", investigate: "0.02–0.1 (weak) or > 0.5 (suspicious: check for leakage)", bad: "< 0.02 (useless)",
  },
  {
    key: "lift", name: "Lift", pattern: /\blift\b/i,
    meaning: "win rate of a group ÷ the overall win rate: 2 means the group wins twice as often as the average lead.",
    good: "> 1.5 for a criterion that adds points", investigate: "1–1.5", bad: "< 1 (the group wins less than average)",
  },
  {
    key: "pvalue", name: "p-value", pattern: /\bp [=<]/,
    meaning: "the chance of a difference at least this large if there were no real difference; below 0.05 the difference is called significant.",
    good: "< 0.05 (a real difference)", investigate: "0.05–0.10", bad: "> 0.10 (could be chance)",
  },
];

const BY_KEY = new Map(GLOSSARY.map((t) => [t.key, t]));

/** A plain grade for an AUC, on the glossary's guide. @example aucGrade(0.82) // "good" */
export function aucGrade(auc: number): { grade: string; kind: "ok" | "warn" | "bad" } {
  if (!Number.isFinite(auc)) return { grade: "not measurable", kind: "warn" };
  if (auc >= 0.85) return { grade: "strong", kind: "ok" };
  if (auc >= 0.75) return { grade: "good", kind: "ok" };
  if (auc >= 0.65) return { grade: "fair: worth improving", kind: "warn" };
  return { grade: "weak: close to a coin toss", kind: "bad" };
}

/** Whether a calibration slope is inside the good band (0.9–1.1). */
export const slopeOk = (slope: number) => slope >= 0.9 && slope <= 1.1;

/** The terms named in a text, in glossary order. */
export function termsIn(text: string): string[] {
  // An explanation may name another metric (Gini names the AUC): explain that one too.
  let all = text;
  let keys: string[] = [];
  for (;;) {
    const next = GLOSSARY.filter((t) => t.pattern.test(all));
    if (next.length === keys.length) return keys;
    keys = next.map((t) => t.key);
    all = text + " " + next.map((t) => t.meaning).join(" ");
  }
}

/** A hover title for a table heading: the meaning and the guide in one line. */
export function termTitle(key: string): string {
  const t = BY_KEY.get(key);
  if (!t) throw new Error(`glossary: no term "${key}"`);
  return `${t.name}: ${t.meaning} Good ${t.good}; investigate ${t.investigate}; bad ${t.bad}.`;
}

function fillGlossary(d: HTMLDetailsElement, keys: readonly string[], title: string) {
  const s = document.createElement("summary");
  s.textContent = title;
  const dl = document.createElement("dl");
  for (const k of [...new Set(keys)]) {
    const t = BY_KEY.get(k);
    if (!t) throw new Error(`glossary: no term "${k}"`);
    const dt = document.createElement("dt");
    dt.textContent = t.name;
    const dd = document.createElement("dd");
    dd.dataset.termExplained = t.key;
    dd.textContent = `${t.meaning[0].toUpperCase()}${t.meaning.slice(1)} Good ${t.good} · investigate ${t.investigate} · bad ${t.bad}.`;
    dl.append(dt, dd);
  }
  d.replaceChildren(s, dl);
  d.hidden = keys.length === 0;
}

/** "What these numbers mean": one line and the guide for each key, open by default when `open`. */
export function Glossary(keys: readonly string[], { open = false, title = "What these numbers mean" } = {}): HTMLElement {
  const d = document.createElement("details");
  d.className = "glossary";
  d.open = open;
  fillGlossary(d, keys, title);
  return d;
}

/**
 * A glossary of every metric named in `root`'s text, kept up to date: the
 * page's cells draw in any order and redraw when an input changes, so the
 * glossary watches `root` and adds an explanation whenever a new metric
 * appears (it never removes one while the page is open).
 */
export function GlossaryOf(root: HTMLElement | null, { open = false, title = "What these numbers mean" } = {}): HTMLElement {
  const d = document.createElement("details");
  d.className = "glossary";
  d.open = open;
  d.dataset.glossary = "page";
  let keys: string[] = [];
  const refresh = () => {
    if (!root) return;
    const text = textOf(root, d);
    const found = termsIn(text);
    const merged = GLOSSARY.map((t) => t.key).filter((k) => keys.includes(k) || found.includes(k));
    if (merged.length === keys.length) return;
    keys = merged;
    fillGlossary(d, keys, title);
  };
  refresh();
  if (root) {
    let timer: ReturnType<typeof setTimeout> | null = null;
    new MutationObserver((records) => {
      if (records.every((r) => d.contains(r.target))) return;
      if (timer === null) timer = setTimeout(() => ((timer = null), refresh()), 60);
    }).observe(root, { childList: true, subtree: true, characterData: true });
  }
  return d;
}

/**
 * The text of `root` outside `skip`, its text nodes joined by spaces (cells and
 * labels stay separate words). Not innerText: that lays the whole page out
 * first (25–45 ms on the Review page, before it is ready).
 */
function textOf(root: HTMLElement, skip: Node): string {
  const parts: string[] = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (skip.contains(n) || n.parentElement?.closest("style, script") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walk.nextNode(); n; n = walk.nextNode()) parts.push(n.nodeValue ?? "");
  return parts.join(" ");
}

/** A p-value in words: "p < 0.0001" or "p = 0.032" (lib/metrics/delong-text.ts, the one home of p-value wording). */
export { pValueWords as fmtP } from "../lib/metrics/delong-text.js";

/**
 * The end of a page: its glossary, and the page marked ready
 * (`data-ready="1"` on <html>, what the browser tests and screenshots wait
 * for). Pass the page's drawn parts: the cell then runs once they are drawn,
 * ordered by these data dependencies rather than by placeholder cells.
 */
export function PageEnd(..._drawn: unknown[]): HTMLElement {
  const glossary = GlossaryOf(document.getElementById("observablehq-main"));
  document.documentElement.dataset.ready = "1";
  return glossary;
}
