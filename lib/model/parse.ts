/**
 * The only way a model enters the program: `parseModel(json, source)`.
 */
import { ModelSchema, type Model } from "./schema.js";

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
  const result = ModelSchema.safeParse(json);
  if (result.success) return result.data;
  throw new ModelError(
    source,
    result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}
