import { describe, expect, it } from "vitest";
import { readAhead } from "../../lib/workbench/read-ahead.js";

describe("readAhead", () => {
  it("starts the next version's read when one is taken, and reads each version once", async () => {
    const started: string[] = [];
    const ahead = readAhead(["a", "b", "c"], async (m) => (started.push(m), m.toUpperCase()));
    expect(await ahead.take("a")).toBe("A");
    expect(started).toEqual(["a", "b"]);
    expect(await ahead.take("b")).toBe("B");
    expect(await ahead.of("a")).toBe("A");
    expect(started).toEqual(["a", "b", "c"]);
    expect(await ahead.take("c")).toBe("C");
    expect(started).toEqual(["a", "b", "c"]);
  });

  it("forgets a taken read once settled (read again when asked), and a failed read ahead is reported only when taken", async () => {
    const started: string[] = [];
    const ahead = readAhead(["a", "b"], async (m) => {
      started.push(m);
      if (m === "b") throw new Error("b failed");
      return m;
    }, { forget: true });
    await ahead.take("a");
    await new Promise((r) => setTimeout(r, 0));
    await ahead.of("a");
    expect(started).toEqual(["a", "b", "a"]);
    await expect(ahead.take("b")).rejects.toThrow("b failed");
  });
});
