/**
 * A model from data on the bundled sample (24,000 leads, seed 42), as `leadscore suggest --from-data
 * --split random` makes it (seed 1, window features allowed: the generator draws outcomes from them):
 * the bars of the "models from data" issue on the sample, judged against the generator's ground truth
 * (lib/sample/ground-truth.ts), not against recorded numbers.
 * - every ground-truth term with |β| ≥ 0.4 is selected with the right sign (test/suggest/helpers.ts
 *   termRecovery, the same check `npm run bench -- from-data` prints);
 * - the decay half-lives of the two types with a recency effect are within ±30 % of the generator's
 *   and their 95 % profile intervals cover them. (Types with no recency effect are not judged: the
 *   webinar's timing stands in for the webinar lead source, whose webinar is at creation, and shows
 *   a likelihood ratio of about 8; the benchmark prints them.)
 * Before the generator spread pricing-page and web-visit times over the window (2026-12-06), the
 * half-lives came out 43 % and 46 % short (pricing_page 4.0 d, webinar 5.4 d) and this test failed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { recompute } from "../../lib/scoring/recompute.js";
import { readFromDataInput } from "../../lib/suggest/from-data-read.js";
import { suggestFromData, type FromDataResult } from "../../lib/suggest/from-data.js";
import { halfLifeRecovery, openSampleDb, termRecovery } from "./helpers.js";

describe("a model from data on the bundled sample", () => {
  let r: FromDataResult;
  beforeAll(async () => {
    const db = await openSampleDb();
    await recompute(db, []);
    const input = await readFromDataInput(db);
    await db.close();
    r = suggestFromData(input, { split: "random", seed: 1, allowLeakage: true });
  }, 120_000);

  it("selects every ground-truth term with |β| ≥ 0.4 with the right sign, in at most 15 criteria", () => {
    const { checked, misses } = termRecovery(r);
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(misses).toEqual([]);
    expect(r.k).toBeLessThanOrEqual(15);
  });

  it("recovers the generator's half-lives within ±30 %, the intervals covering them", () => {
    const rec = halfLifeRecovery(r);
    expect(rec.missing).toEqual([]);
    expect(rec.judged.map((h) => h.activity).sort()).toEqual(["pricing_page", "web_visit"]);
    for (const h of rec.judged) {
      expect(Math.abs(h.error), `${h.activity}: ${h.halfLife.toFixed(1)} d vs ${h.truth} d`).toBeLessThanOrEqual(0.3);
      expect(h.covers, `${h.activity}: [${h.lo}, ${h.hi}] vs ${h.truth} d`).toBe(true);
    }
  });
});
