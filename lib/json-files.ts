/**
 * Files of JSON parsed one by one with a validating parser, so that an
 * invalid file carries its error (shown in place on a page, printed by the
 * CLI) while the others keep working. Shared by model versions
 * (lib/workbench/models.ts) and review decisions (lib/decisions/parse.ts).
 */

export interface JsonFile {
  /** Where the text came from, as shown in messages (e.g. "models/starting-v1.json"). */
  file: string;
  text: string;
}

/** The largest JSON file read (characters of text): 5 MB. A model or review file is a few KB; beyond this the file is refused before parsing. */
export const MAX_JSON_CHARS = 5 * 1024 * 1024;

/** The deepest nesting of arrays and objects accepted (a model file nests about 6 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * The JSON path of the first value nested deeper than `max` levels, or null.
 * Iterative (no recursion), so any depth is safe to check.
 * @example tooDeep(JSON.parse("[[[1]]]"), 2) // => [0, 0]
 */
export function tooDeep(json: unknown, max = MAX_JSON_DEPTH): (string | number)[] | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: json, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (path.length >= max) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
  }
  return null;
}

export type JsonEntry<T> = { file: string; ok: true; value: T } | { file: string; ok: false; error: string };

/** Parses each file: JSON syntax errors name the file; `parse` errors keep their message. Never throws. */
export function parseJsonFiles<T>(files: readonly JsonFile[], parse: (json: unknown, file: string) => T): JsonEntry<T>[] {
  return files.map(({ file, text }) => {
    if (text.length > MAX_JSON_CHARS)
      return { file, ok: false, error: `${file}: the file is ${(text.length / 1048576).toFixed(1)} MB; the limit for a JSON file is ${MAX_JSON_CHARS / 1048576} MB. A model or review file is a few KB: check that this is the right file, or split long lists` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { file, ok: false, error: `${file}: not valid JSON: ${(e as Error).message}` };
    }
    try {
      return { file, ok: true, value: parse(json, file) };
    } catch (e) {
      return { file, ok: false, error: (e as Error).message };
    }
  });
}
