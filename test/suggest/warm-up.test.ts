/**
 * lib/suggest/warm-up.ts: the made-up data the suggestion's worker fits while
 * the page reads the real data. It must be a valid SuggestData on the model's
 * own criteria (the same slots as the real data), the same every time, with
 * both outcomes in the training and the test period, so that the warm-up
 * runs the very code the real fit runs.
 */
import { describe, expect, it } from "vitest";
import { designColumns } from "../../lib/suggest/columns.js";
import { prepareSuggest, runSuggest } from "../../lib/suggest/run.js";
import { warmUp, warmUpData } from "../../lib/suggest/warm-up.js";
import { readModel } from "./helpers.js";

const MODELS = ["starting-v1", "starting-v2", "ground-truth-v1"];

describe("warmUpData", () => {
  for (const f of MODELS)
    it(`${f}: the model's own slots, deterministic, both outcomes on both sides of the split`, () => {
      const m = readModel(`data/models/${f}.json`);
      const d = warmUpData(m);
      expect(d.columns.map((c) => c.key)).toEqual(designColumns(m, "model").map((c) => c.key));
      expect(d.n).toBe(3000);
      expect(d.offsets.length).toBe(d.n + 1);
      expect(d.offsets[d.n]).toBe(d.indices.length);
      for (let i = 0; i < d.n; i++) for (let k = d.offsets[i] + 1; k < d.offsets[i + 1]; k++) expect(d.indices[k]).toBeGreaterThan(d.indices[k - 1]);
      expect(warmUpData(m)).toEqual(d);
      const prep = prepareSuggest(d, {});
      for (const per of [prep.trainPeriod, prep.testPeriod]) {
        expect(per.won).toBeGreaterThan(0.1 * per.n);
        expect(per.won).toBeLessThan(0.9 * per.n);
      }
      // the made-up leads are won more often the higher their current score, so the fit has something to find
      const r = runSuggest(d, { replicates: 10 });
      expect(r.comparison.current.auc).toBeGreaterThan(0.6);
      expect(warmUp(m)).toBe(true);
    });

  it("says false (and throws nothing) for a model it cannot read", () => {
    const m = readModel("data/models/starting-v2.json");
    expect(warmUp({ ...m, criteria: undefined } as unknown as typeof m)).toBe(false);
  });
});
