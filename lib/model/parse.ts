/**
 * The only way a model enters the program: `parseModel(json, source)`.
 */
import { MAX_JSON_DEPTH, tooDeep } from "../json-files.js";
import { MAX_CRITERIA, ModelSchema, type Model } from "./schema.js";

/** A model file that breaks the format; `issues` lists every problem, `message` starts with the first. */
export class ModelError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(issues.map((i) => `${source}: ${i.path || "(root)"}: ${i.message}`).join("\n"));
    this.name = "ModelError";
  }
}

/**
 * Formats a JSON path the way a reader writes it.
 * @example formatPath(["criteria", 4, "rule", "bands"]) // => "criteria[4].rule.bands"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (typeof p === "string" && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/**
 * Validates a parsed JSON value as a scoring model (structure, then the
 * cross-field rules of check.ts) and returns it typed.
 * Throws ModelError, e.g. `models/v3.json: criteria[4].rule.bands: bands overlap at 30: …`.
 */
export function parseModel(json: unknown, source: string): Model {
  const deep = tooDeep(json, MAX_JSON_DEPTH);
  if (deep)
    throw new ModelError(source, [{ path: formatPath(deep), message: `the JSON nests deeper than ${MAX_JSON_DEPTH} levels here; a model nests about 6. Remove the extra nesting` }]);
  const criteria = (json as { criteria?: unknown } | null)?.criteria;
  // Refused before the schema runs: a huge criteria list costs seconds to validate and cannot be scored anyway.
  if (Array.isArray(criteria) && criteria.length > MAX_CRITERIA)
    throw new ModelError(source, [{ path: "criteria", message: `${criteria.length} criteria; a model may have at most ${MAX_CRITERIA}. Merge criteria (e.g. one "in" rule instead of many "equals") or split the model` }]);
  const result = ModelSchema.safeParse(json);
  if (result.success) return withOwnKeys(result.data, json);
  throw new ModelError(
    source,
    result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}

/**
 * Names from the file are looked up as keys (group caps, column kinds):
 * rebuilds those records without a prototype, from the validated file's own
 * keys, so that a group named "toString" has no inherited value and one named
 * "__proto__" keeps its cap (the schema's record output drops that key).
 */
function withOwnKeys(model: Model, json: unknown): Model {
  const raw = json as { caps?: { group?: Record<string, number> }; dataset: { columns: Record<string, unknown> } };
  const own = <V>(o: Record<string, V>): Record<string, V> => {
    const out = Object.create(null) as Record<string, V>;
    for (const k of Object.keys(o)) Object.defineProperty(out, k, { value: o[k], enumerable: true, writable: true, configurable: true });
    return out;
  };
  model.dataset.columns = own(raw.dataset.columns) as Model["dataset"]["columns"];
  if (model.caps?.group && raw.caps?.group) model.caps.group = own(raw.caps.group);
  return model;
}
