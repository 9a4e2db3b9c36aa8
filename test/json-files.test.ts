/** parseJsonFiles (lib/json-files.ts): each file on its own; syntax and validation errors name the file; never throws. */
import { describe, expect, it } from "vitest";
import { parseJsonFiles } from "../lib/json-files.js";

const positive = (json: unknown, file: string) => {
  if (typeof json !== "number" || json <= 0) throw new Error(`${file}: must be a positive number; received ${JSON.stringify(json)}`);
  return json;
};

describe("parseJsonFiles", () => {
  it("keeps the good files when others are bad", () => {
    expect(parseJsonFiles([{ file: "a.json", text: "3" }, { file: "b.json", text: "{" }, { file: "c.json", text: "-1" }], positive)).toEqual([
      { file: "a.json", ok: true, value: 3 },
      { file: "b.json", ok: false, error: expect.stringMatching(/^b\.json: not valid JSON: /) },
      { file: "c.json", ok: false, error: "c.json: must be a positive number; received -1" },
    ]);
  });
});
