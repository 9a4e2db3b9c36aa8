import { describe, expect, it } from "vitest";
import { addMonths, formatDate, parseDate } from "../../lib/monitoring/dates.js";

describe("dates", () => {
  it("parses strict YYYY-MM-DD as UTC midnight", () => {
    expect(parseDate("f", "asOf", "1970-01-02")).toBe(86_400_000);
    expect(formatDate(parseDate("f", "asOf", "2024-02-29"))).toBe("2024-02-29");
    expect(() => parseDate("reviewDue", "asOf", "2025-02-30")).toThrow(/reviewDue: asOf must be a calendar date "YYYY-MM-DD"; received "2025-02-30". Pass e.g./);
    expect(() => parseDate("reviewDue", "asOf", "2025-2-3")).toThrow(/received "2025-2-3"/);
  });

  it("adds calendar months, clamping to the month's last day (as Excel EDATE)", () => {
    const add = (d: string, m: number) => formatDate(addMonths(parseDate("f", "d", d), m));
    expect(add("2024-08-31", 6)).toBe("2025-02-28");
    expect(add("2024-02-29", 12)).toBe("2025-02-28");
    expect(add("2024-01-31", 1)).toBe("2024-02-29"); // leap year
    expect(add("2024-11-15", 6)).toBe("2025-05-15");
  });
});
