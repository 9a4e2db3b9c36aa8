/**
 * Files of JSON parsed one by one with a validating parser, so that an
 * invalid file carries its error (shown in place on a page, printed by the
 * CLI) while the others keep working. Shared by model versions
 * (lib/workbench/models.ts) and review decisions (lib/reviews/parse.ts).
 */

export interface JsonFile {
  /** Where the text came from, as shown in messages (e.g. "models/starting-v1.json"). */
  file: string;
  text: string;
}

export type JsonEntry<T> = { file: string; ok: true; value: T } | { file: string; ok: false; error: string };

/** Parses each file: JSON syntax errors name the file; `parse` errors keep their message. Never throws. */
export function parseJsonFiles<T>(files: readonly JsonFile[], parse: (json: unknown, file: string) => T): JsonEntry<T>[] {
  return files.map(({ file, text }) => {
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
