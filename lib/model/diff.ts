/**
 * What changed between two model versions, criterion by criterion (matched
 * by id), for the versions and diff pages.
 */
import type { Criterion, Model, Rule } from "./schema.js";

export interface ModelDiff {
  from: { id: string; version: number };
  to: { id: string; version: number };
  added: Criterion[];
  removed: Criterion[];
  /** Same id, different `points` (not band rules: their points are part of the rule). */
  repointed: { id: string; from: number | null; to: number | null }[];
  /** Same id, a different rule (type, column, values, bands, window, decay …). */
  ruleChanged: { id: string; from: Rule; to: Rule }[];
  /** Same id, a different label, category or group. */
  relabelled: { id: string; field: "label" | "category" | "group"; from: string | null; to: string | null }[];
  thresholds: { name: "nurture" | "salesReady"; from: number; to: number }[];
  caps: { scope: "category" | "group"; name: string; from: number | null; to: number | null }[];
}

/** JSON with object keys sorted, so equal values give equal text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

function capsOf(m: Model) {
  const out = new Map<string, { scope: "category" | "group"; name: string; value: number }>();
  for (const [name, value] of Object.entries(m.caps?.category ?? {})) if (value !== undefined) out.set(`category:${name}`, { scope: "category", name, value });
  for (const [name, value] of Object.entries(m.caps?.group ?? {})) out.set(`group:${name}`, { scope: "group", name, value });
  return out;
}

/**
 * Compares model `a` (older) with `b` (newer). Criteria are matched by id;
 * lists keep the order of the model they come from.
 * @example diffModels(v1, v2).repointed // => [{ id: "pricing_page", from: 15, to: 20 }]
 */
export function diffModels(a: Model, b: Model): ModelDiff {
  const before = new Map(a.criteria.map((c) => [c.id, c]));
  const after = new Map(b.criteria.map((c) => [c.id, c]));
  const diff: ModelDiff = {
    from: { id: a.id, version: a.version },
    to: { id: b.id, version: b.version },
    added: b.criteria.filter((c) => !before.has(c.id)),
    removed: a.criteria.filter((c) => !after.has(c.id)),
    repointed: [],
    ruleChanged: [],
    relabelled: [],
    thresholds: [],
    caps: [],
  };
  for (const c of b.criteria) {
    const old = before.get(c.id);
    if (!old) continue;
    if ((old.points ?? null) !== (c.points ?? null)) diff.repointed.push({ id: c.id, from: old.points ?? null, to: c.points ?? null });
    if (canonical(old.rule) !== canonical(c.rule)) diff.ruleChanged.push({ id: c.id, from: old.rule, to: c.rule });
    for (const field of ["label", "category", "group"] as const) {
      const x = old[field] ?? null, y = c[field] ?? null;
      if (x !== y) diff.relabelled.push({ id: c.id, field, from: x, to: y });
    }
  }
  for (const name of ["nurture", "salesReady"] as const) {
    if (a.thresholds[name] !== b.thresholds[name]) diff.thresholds.push({ name, from: a.thresholds[name], to: b.thresholds[name] });
  }
  const ca = capsOf(a), cb = capsOf(b);
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const x = ca.get(key), y = cb.get(key);
    if (x?.value !== y?.value) diff.caps.push({ scope: (x ?? y)!.scope, name: (x ?? y)!.name, from: x?.value ?? null, to: y?.value ?? null });
  }
  return diff;
}

/** True when nothing that affects scores or tiers changed (labels may differ). */
export function sameScoring(d: ModelDiff): boolean {
  return !d.added.length && !d.removed.length && !d.repointed.length && !d.ruleChanged.length && !d.thresholds.length && !d.caps.length &&
    !d.relabelled.some((r) => r.field !== "label");
}
