import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isJsonDataFile, readJsonFolder } from "../lib/json-folder.js";

describe("readJsonFolder", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "json-folder-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, "b.json"), '{"b":1}');
  writeFileSync(path.join(dir, "a.json"), "not json");
  writeFileSync(path.join(dir, "model.schema.json"), "{}");
  writeFileSync(path.join(dir, "notes.txt"), "x");
  writeFileSync(path.join(dir, "c.JSON"), "{}");
  mkdirSync(path.join(dir, "sub"));

  it("reads every *.json except *.schema.json, in name order, with its text (invalid JSON included, as text)", () => {
    expect(readJsonFolder(dir)).toEqual([
      { file: "a.json", text: "not json" },
      { file: "b.json", text: '{"b":1}' },
    ]);
  });
  it("names the files with the label given", () => {
    expect(readJsonFolder(dir, (f) => `models/${f}`).map((f) => f.file)).toEqual(["models/a.json", "models/b.json"]);
  });
  it("throws for a missing folder", () => {
    expect(() => readJsonFolder(path.join(dir, "missing"))).toThrow(/ENOENT/);
  });
  it("tells data files from schemas", () => {
    expect(isJsonDataFile("v1.json")).toBe(true);
    expect(isJsonDataFile("model.schema.json")).toBe(false);
    expect(isJsonDataFile("v1.json.bak")).toBe(false);
  });
});
