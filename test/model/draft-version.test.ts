import { describe, expect, it } from "vitest";
import { nextDraftVersion } from "../../lib/model/draft-version.js";
import { nextVersion } from "../../lib/workspace/model-files.js";

describe("nextDraftVersion", () => {
  it("is the model's version + 1 when nothing else is known", () => {
    expect(nextDraftVersion({ id: "m", version: 1 })).toBe(2);
    expect(nextDraftVersion({ id: "m", version: 7 }, {})).toBe(8);
  });
  it("follows maxVersion when it is higher, never goes below the model's own version", () => {
    expect(nextDraftVersion({ id: "m", version: 2 }, { maxVersion: 4 })).toBe(5);
    expect(nextDraftVersion({ id: "m", version: 3 }, { maxVersion: 1 })).toBe(4);
  });
  it("counts only the versions of the same id", () => {
    const versions = [{ id: "m", version: 3 }, { id: "other", version: 9 }, { id: "m", version: 2 }];
    expect(nextDraftVersion({ id: "m", version: 1 }, { versions })).toBe(4);
    expect(nextDraftVersion({ id: "x", version: 1 }, { versions })).toBe(2);
  });
  it("takes the highest of maxVersion and versions together", () => {
    expect(nextDraftVersion({ id: "m", version: 1 }, { maxVersion: 6, versions: [{ id: "m", version: 5 }] })).toBe(7);
    expect(nextDraftVersion({ id: "m", version: 1 }, { maxVersion: 2, versions: [{ id: "m", version: 5 }] })).toBe(6);
  });
  it("gives a new model id version 1, and an existing one its highest + 1 (lib/workspace nextVersion)", () => {
    const models = [{ id: "builder", version: 2 }, { id: "builder", version: 5 }, { id: "x", version: 9 }];
    expect(nextVersion(models, "builder")).toBe(6);
    expect(nextVersion(models, "new")).toBe(1);
    expect(nextVersion([], "builder")).toBe(1);
  });
});
