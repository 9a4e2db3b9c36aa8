/**
 * What the criteria builder offers: every leads column a rule can read (text,
 * number, yes/no; not the id, the creation time or the label) and every
 * activity type present, with human labels.
 */
import { readActivityCodes } from "../canonical.js";
import type { Db } from "../db/types.js";
import { readDataShape, columnKind } from "../scoring/check-data.js";
import { humanize } from "./blocks.js";

export interface BuilderSource {
  /** "col:<name>" or "act:<activity type>" */
  value: string;
  label: string;
  kind: "string" | "number" | "boolean" | "activity";
}

const NOT_CRITERIA = new Set(["lead_id", "created_at", "label", "lead_key"]);
const KIND_TEXT = { string: "text", number: "number", boolean: "yes/no" } as const;

export async function builderSources(db: Db): Promise<BuilderSource[]> {
  const shape = await readDataShape(db);
  const cols = [...shape.leadColumns].flatMap(([name, type]): BuilderSource[] => {
    const kind = columnKind(type);
    return kind && !NOT_CRITERIA.has(name) ? [{ value: `col:${name}`, label: `${humanize(name)} (${KIND_TEXT[kind]}, column ${name})`, kind }] : [];
  });
  const acts = [...(await readActivityCodes(db)).keys()].sort().map((a): BuilderSource => ({ value: `act:${a}`, label: `Activity: ${humanize(a)} (${a})`, kind: "activity" }));
  return [...cols, ...acts];
}
