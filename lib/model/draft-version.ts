/**
 * The version number of a new draft of a model: one rule for every place
 * that makes a draft (what-if editor, suggestions, workshop consensus).
 */
import type { Model } from "./schema.js";

export interface DraftVersionFrom {
  /** The highest version number of the model's id known so far. */
  maxVersion?: number;
  /** Known versions (any ids): only those of the model's id count. */
  versions?: readonly Pick<Model, "id" | "version">[];
}

/**
 * The draft's version: one more than the highest of the model's own version,
 * `maxVersion` and the versions of the same id in `versions`, so a draft never
 * reuses a number its id already has.
 *
 * @example nextDraftVersion({ id: "starting", version: 2 }, { maxVersion: 4 }) // 5
 * @example nextDraftVersion({ id: "a", version: 1 }, { versions: [{ id: "a", version: 3 }, { id: "b", version: 9 }] }) // 4
 */
export function nextDraftVersion(model: Pick<Model, "id" | "version">, from: DraftVersionFrom = {}): number {
  let max = model.version;
  if (from.maxVersion !== undefined) max = Math.max(max, from.maxVersion);
  for (const v of from.versions ?? []) if (v.id === model.id) max = Math.max(max, v.version);
  return max + 1;
}
