/**
 * The bundled decisions and votes go with the bundled sample only
 * (lib/context-folders): another dataset gets its own folders or none.
 */
import { describe, expect, it } from "vitest";
import { contextFolder } from "../lib/context-folders.js";

describe("contextFolder", () => {
  it("gives the sample its bundled folders", () => {
    expect(contextFolder("reviews", {})).toBe("data/reviews");
    expect(contextFolder("workshop", { dataset: "" })).toBe("data/workshop");
  });
  it("gives another dataset no folder unless one is named", () => {
    expect(contextFolder("reviews", { dataset: "x.dataset.json" })).toBeNull();
    expect(contextFolder("workshop", { dataset: "x.dataset.json" })).toBeNull();
    expect(contextFolder("reviews", { dataset: "x.dataset.json", given: "x-reviews" })).toBe("x-reviews");
  });
  it("uses a named folder for the sample too", () => {
    expect(contextFolder("workshop", { given: "other-votes" })).toBe("other-votes");
  });
});
