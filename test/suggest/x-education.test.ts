/**
 * The suggestion on the real X Education leads (9,240 leads, `Converted`
 * label, no creation dates → a seeded random 70/30 split). Skipped, with a
 * message, when ../shared/data is absent.
 *
 * Model re-fitted: data/x-education/models/handmade-v1.json, plus candidate
 * criteria from the leak-free columns (the handmade model's own columns offered
 * again with finer bands and every category, and the unused form fields).
 * Left out as leakage (filled in by sales after contact, ../shared/data
 * SOURCE.md): Tags, Lead Quality, Last Activity, Last Notable Activity, the
 * Asymmetrique indices and scores; "What matters most…" is left out too
 * (flagged by its IV).
 *
 * Target AUC: METHODS.md quotes ≈ 0.88–0.90 for leak-free columns
 * (scikit-learn LogisticRegression(C=1) on one-hot categories + decile bands of
 * the three numeric columns, 5 random 70/30 splits: mean test AUC 0.886, run
 * here with Debian's scikit-learn 1.2). Measured for the integer points here
 * (seed 1 split): 0.886, calibration slope 0.954.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../lib/dataset/load.js";
import { readDescribedFiles } from "../../lib/dataset/node.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { buildDraft, readSuggestData, runSuggest, type SuggestData, type SuggestResult } from "../../lib/suggest/index.js";
import { LEAK_FREE, readModel } from "./helpers.js";

const DATA = "../shared/data/x-education-leads/Leads.csv";
const present = existsSync(DATA);
if (!present) console.warn(`X Education suggest tests SKIPPED: ${DATA} is absent (the shared data folder is not on this machine).`);


describe.skipIf(!present)("suggest on X Education (real data)", () => {
  let db: Db;
  let data: SuggestData;
  let result: SuggestResult;
  const model = readModel("data/x-education/models/handmade-v1.json");
  const options = { addCandidates: LEAK_FREE, replicates: 200, seed: 1 };
  beforeAll(async () => {
    db = await openWasmDb();
    const read = await readDescribedFiles("test/dataset/fixtures/x-education.dataset.json");
    await loadDataset(db, read.description, read.files);
    await recompute(db, [model]);
    data = await readSuggestData(db, model, { includeUsedColumns: true, bands: 10 });
    result = runSuggest(data, options);
  }, 240_000);
  afterAll(async () => db?.close());

  it("flags the sales-entered columns as leakage", () => {
    const flagged = new Set(result.attributes.filter((a) => a.leakage).map((a) => a.name));
    for (const c of ["Tags", "Lead Quality", "Last Activity", "Last Notable Activity"]) expect(flagged, c).toContain(c);
  });

  it("uses a random 70/30 split (the data carry no dates) and reaches the quality bar on the test leads", () => {
    expect(result.split.kind).toBe("random");
    expect(result.split.nTrain / data.n).toBeCloseTo(0.7, 1);
    const c = result.comparison;
    console.info(`X Education: test AUC ${c.suggested.auc.toFixed(4)} (unrounded ${result.rounding.testUnrounded.toFixed(4)}), calibration slope ${c.suggested.slope?.toFixed(3)}, handmade v1 ${c.current.auc.toFixed(4)}`);
    expect(c.suggested.auc).toBeGreaterThanOrEqual(0.88);
    expect(c.suggested.slope).toBeGreaterThanOrEqual(0.9);
    expect(c.suggested.slope).toBeLessThanOrEqual(1.1);
    expect(result.rounding.testUnrounded - result.rounding.testInteger).toBeLessThanOrEqual(0.005);
    expect(c.better).toBe(true);
  });

  it("adds only the chosen candidates and writes a valid draft", () => {
    const leaky = new Set(["Tags", "Lead Quality", "Last Activity", "Last Notable Activity"]);
    const { model: draft } = buildDraft(data, result, options);
    expect(parseModel(JSON.parse(JSON.stringify(draft)), "draft")).toEqual(draft);
    expect(draft).toMatchObject({ version: 2, parent: 1, status: "draft" });
    for (const c of draft.criteria) if ("column" in c.rule) expect(leaky.has(c.rule.column), c.id).toBe(false);
    expect(draft.changeNote).toMatch(/random/);
  });
});
