import { describe, expect, it } from "vitest";
import { periodLabel, periodRange, periodsOf } from "../../lib/monitoring/periods.js";

describe("periodLabel / periodRange", () => {
  it("labels by the UTC month or quarter of the creation instant", () => {
    expect(periodLabel(Date.UTC(2024, 2, 31, 23, 59, 59), "month")).toBe("2024-03");
    expect(periodLabel(Date.UTC(2024, 2, 31, 23, 59, 59), "quarter")).toBe("2024-Q1");
    expect(periodLabel(Date.UTC(2024, 3, 1), "quarter")).toBe("2024-Q2");
    expect(periodLabel(Date.UTC(2024, 11, 31), "quarter")).toBe("2024-Q4");
  });

  it("gives half-open [start, end) ranges for months, quarters and days", () => {
    expect(periodRange("2024-02")).toEqual({ start: Date.UTC(2024, 1, 1), end: Date.UTC(2024, 2, 1) });
    expect(periodRange("2024-Q4")).toEqual({ start: Date.UTC(2024, 9, 1), end: Date.UTC(2025, 0, 1) });
    expect(periodRange("2024-02-29")).toEqual({ start: Date.UTC(2024, 1, 29), end: Date.UTC(2024, 2, 1) });
  });

  it("refuses other forms with the fix", () => {
    expect(() => periodRange("2024-13")).toThrow(/periodRange: a period must be "YYYY-MM", "YYYY-Qn" or a date "YYYY-MM-DD"; received "2024-13"/);
    expect(() => periodRange("2023-02-29")).toThrow(/received "2023-02-29"/);
    expect(() => periodRange("2024Q1")).toThrow(/Pass e.g. "2024-01"/);
  });
});

describe("periodsOf", () => {
  it("covers every period from the first to the last lead, empty ones included", () => {
    const t = [Date.UTC(2024, 2, 1), Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 31, 23)];
    const ps = periodsOf(t, "month");
    expect(ps.map((p) => [p.label, p.indices])).toEqual([
      ["2024-01", [1, 2]],
      ["2024-02", []],
      ["2024-03", [0]],
    ]);
    expect(periodsOf(t, "quarter").map((p) => p.label)).toEqual(["2024-Q1"]);
    expect(periodsOf([], "month")).toEqual([]);
  });

  it("groups one column once per period kind (the review's parts share it), again when the column changed in place", () => {
    const t = Float64Array.from([Date.UTC(2024, 0, 5), Date.UTC(2024, 3, 1), Date.UTC(2024, 1, 29, 23, 59)]);
    const a = periodsOf(t, "month");
    expect(periodsOf(t, "month")).toBe(a);
    expect(periodsOf(t, "quarter")).not.toBe(a);
    expect(periodsOf(t, "quarter")).toBe(periodsOf(t, "quarter"));
    expect(Object.isFrozen(a) && Object.isFrozen(a[0].indices)).toBe(true);
    // at a period's first instant and its last millisecond
    expect(a.map((p) => [p.label, [...p.indices]])).toEqual([["2024-01", [0]], ["2024-02", [2]], ["2024-03", []], ["2024-04", [1]]]);
    t[1] = Date.UTC(2024, 2, 31, 23, 59, 59, 999);
    const b = periodsOf(t, "month");
    expect(b).not.toBe(a);
    expect(b.map((p) => [p.label, [...p.indices]])).toEqual([["2024-01", [0]], ["2024-02", [2]], ["2024-03", [1]]]);
  });
});
