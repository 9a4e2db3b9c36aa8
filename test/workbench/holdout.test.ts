/**
 * Out-of-time and cross-validated calibration. Reference: when the map is
 * fitted on the same distribution it is judged on, the calibration slope is
 * close to 1 and the intercept close to 0 (large samples); a score that is
 * twice as steep on the test period gives a slope near 2.
 */
import { describe, expect, it } from "vitest";
import { crossValidatedCalibration, splitCalibration } from "../../lib/workbench/holdout.js";

function data(n: number, seed: number, slopeAfter = 1) {
  let a = seed;
  const rand = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
  const s = new Float64Array(n), y = new Uint8Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = Math.round(rand() * 100);
    t[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    const k = i >= 0.7 * n ? slopeAfter : 1;
    const p = 1 / (1 + Math.exp(-(k * (s[i] - 50) / 15)));
    y[i] = rand() < p ? 1 : 0;
  }
  return { s, y, t };
}

describe("splitCalibration", () => {
  it("fits on the oldest 70 % and finds slope ≈ 1 when nothing changes", () => {
    const { s, y, t } = data(20000, 7);
    const r = splitCalibration(s, y, t);
    expect(r.source).toBe("split");
    expect(r.nFit).toBeGreaterThan(13000);
    expect(r.nTest).toBeGreaterThan(5000);
    expect(r.interceptSlope!.slope).toBeGreaterThan(0.9);
    expect(r.interceptSlope!.slope).toBeLessThan(1.1);
    expect(Math.abs(r.interceptSlope!.intercept)).toBeLessThan(0.1);
  });
  it("finds a slope near 2 when the score separates twice as sharply in the newest period", () => {
    const { s, y, t } = data(20000, 11, 2);
    const r = splitCalibration(s, y, t);
    expect(r.interceptSlope!.slope).toBeGreaterThan(1.6);
  });
  it("falls back to cross-validation when every lead has the same date", () => {
    const { s, y } = data(5000, 3);
    const r = splitCalibration(s, y, new Float64Array(5000).fill(0));
    expect(r.source).toBe("cv");
    expect(r.interceptSlope!.slope).toBeGreaterThan(0.85);
    expect(r.interceptSlope!.slope).toBeLessThan(1.15);
    expect(crossValidatedCalibration(s, y)).toEqual(r);
  });
});
