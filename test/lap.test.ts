import { describe, expect, it } from "vitest";
import { lapTimer } from "../lib/lap.js";

describe("lapTimer", () => {
  it("returns the time since the previous lap, the first since the timer was made", () => {
    const clock = [100, 130, 175, 175];
    let i = 0;
    const lap = lapTimer(() => clock[i++]);
    expect([lap(), lap(), lap()]).toEqual([30, 45, 0]);
  });
});
