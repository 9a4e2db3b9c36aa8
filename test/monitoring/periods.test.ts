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
});
