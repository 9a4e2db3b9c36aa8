/**
 * A model from data: the selection on data with a known truth, the half-life
 * profile on data with a known half-life, the split, the labels, and the
 * whole path on a small generated sample — library (the draft, rescored by
 * the SQL scorer, gives exactly the points the fit reported) and the CLI with
 * no models folder at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main.js";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import { mulberry32 } from "../../lib/prng.js";
import { parseModel } from "../../lib/model/parse.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { fitHalfLife } from "../../lib/suggest/decay.js";
import { stratifiedSplit } from "../../lib/suggest/from-data-split.js";
import { readFromDataInput } from "../../lib/suggest/from-data-read.js";
import { suggestFromData } from "../../lib/suggest/from-data.js";
import { countLabel, levelLabel, rangeLabel, recencyLabel } from "../../lib/suggest/labels.js";
import { forwardSelect, oneSeK, pairedOneSeK, type Group } from "../../lib/suggest/select.js";
import { readScored } from "../../lib/workbench/scored.js";

describe("forward selection on data with a known truth", () => {
  // 8 categorical columns; columns 0, 1, 2 carry effects (strongest first), 3–7 are noise
  const n = 20_000;
  const rng = mulberry32(5);
  const effects = [[0, 1.2, -0.8, 0.6], [0, 0.7, -0.5], [0, 0.45, 0.45, -0.3], [0, 0, 0], [0, 0], [0, 0, 0, 0], [0, 0], [0, 0, 0]];
  const groups: Group[] = effects.map((e, j) => ({ key: `c${j}`, nBins: e.length, codes: new Uint8Array(n), reference: 0 }));
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = -1.5;
    groups.forEach((g, j) => {
      g.codes[i] = Math.floor(rng() * g.nBins);
      eta += effects[j][g.codes[i]];
    });
    labels[i] = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const sel = forwardSelect(groups, labels, rows, { maxK: 6, seed: 2 });

  it("selects the informative columns first, strongest first", () => {
    expect(sel.order.slice(0, 3)).toEqual([0, 1, 2]);
  });
  it("chooses k = 3 by the one-standard-error rule (noise columns do not pay)", () => {
    expect(sel.k).toBe(3);
    expect(sel.kUnpaired).toBeLessThanOrEqual(3);
    expect(sel.path[2].cvAuc).toBeGreaterThan(sel.path[0].cvAuc);
  });
  it("recovers the signs of the effects", () => {
    const beta = sel.fits[2].coef[0];
    expect(Math.sign(beta[1])).toBe(1);
    expect(Math.sign(beta[2])).toBe(-1);
    expect(beta[1]).toBeGreaterThan(beta[3]);
  });
  it("applies the one-standard-error rules as documented", () => {
    expect(oneSeK([0.7, 0.78, 0.8, 0.801], [0.01, 0.01, 0.01, 0.01])).toBe(3);
    expect(pairedOneSeK([[0.7, 0.72], [0.8, 0.812], [0.801, 0.811]])).toBe(2);
  });
});

describe("decay half-life by profile likelihood", () => {
  it("recovers a known half-life of 7 days within ±30 %, the interval covering it", () => {
    const n = 30_000;
    const rng = mulberry32(11);
    const offsets = new Int32Array(n + 1);
    const ages: number[] = [];
    const band = new Uint8Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rng() * 4);
      let x = 0;
      for (let e = 0; e < k; e++) {
        const a = rng() * 30;
        ages.push(a);
        x += 2 ** (-a / 7);
      }
      offsets[i + 1] = ages.length;
      band[i] = k > 0 ? 1 : 0;
      labels[i] = rng() < 1 / (1 + Math.exp(-(-2 + 0.3 * band[i] + 1.2 * x))) ? 1 : 0;
    }
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const h = fitHalfLife(offsets, Float32Array.from(ages), band, 2, labels, new Float64Array(n), rows);
    expect(Math.abs(h.halfLife / 7 - 1)).toBeLessThanOrEqual(0.3);
    expect(h.lo).not.toBeNull();
    expect(h.lo!).toBeLessThan(7);
    expect(h.hi!).toBeGreaterThan(7);
    expect(h.lrt).toBeGreaterThan(3.84);
  });
});

describe("the scoring window", () => {
  it("counts only activities with age < windowDays, as the draft's rules do (an activity exactly 30 days or more before the scoring date is outside)", () => {
    // 2,000 leads; half have one "visit" at age 10 (won more often), and every lead also has one at age exactly 30
    // and one at age 45: counted, those would make every lead's count ≥ 2 and the count bands differ from the rule's
    const n = 2000;
    const rng = mulberry32(21);
    const offsets = new Int32Array(n + 1);
    const ages: number[] = [];
    const labels = new Uint8Array(n);
    const recent = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      recent[i] = rng() < 0.5 ? 1 : 0;
      if (recent[i]) ages.push(10);
      ages.push(30, 45);
      offsets[i + 1] = ages.length;
      labels[i] = rng() < (recent[i] ? 0.4 : 0.1) ? 1 : 0;
    }
    const input = {
      n, leadIds: Array.from({ length: n }, (_, i) => `L${String(i).padStart(5, "0")}`), labels,
      createdMs: new Float64Array(n), columns: [], activities: [{ type: "web_visit", offsets, ages: Float32Array.from(ages) }], windowDays: 30,
    };
    const r = suggestFromData(input, { split: "random", seed: 1, maxCriteria: 2, allowLeakage: true });
    const visits = r.draft.criteria.filter((c) => c.rule.type === "activityCount" || c.rule.type === "hasActivity");
    expect(visits.length).toBeGreaterThan(0);
    for (const c of visits) if (c.rule.type === "activityCount") expect(c.rule).toMatchObject({ withinDays: 30, min: 1 });
    // two scores only: one for the leads with the recent visit, one for the others
    const byRecent = [new Set<number>(), new Set<number>()];
    for (let i = 0; i < n; i++) byRecent[recent[i]].add(r.scores[i]);
    expect(byRecent[0].size).toBe(1);
    expect(byRecent[1].size).toBe(1);
    expect([...byRecent[1]][0]).toBeGreaterThan([...byRecent[0]][0]);
  });
});

describe("split and labels", () => {
  it("a stratified random split keeps the win rate on both sides", () => {
    const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const s = stratifiedSplit(y, 0.7, 3);
    expect(s.train.length).toBe(700);
    expect(s.train.filter((i) => y[i] === 1).length).toBe(70);
    expect(stratifiedSplit(y, 0.7, 3).test).toEqual(s.test);
  });
  it("reads like a rule a sales team would write", () => {
    expect(rangeLabel("Age", 60, null)).toBe("Age 60 or more");
    expect(rangeLabel("Age", null, 30)).toBe("Age under 30");
    expect(countLabel("pricing_page", 3, 30)).toBe("Visited the pricing page 3 times or more in the last 30 days");
    expect(recencyLabel("pricing_page", 0, 7)).toBe("Visited the pricing page in the last 7 days");
    expect(levelLabel("Lead Source", ["Referral", "Partner"])).toBe("Lead Source: Referral or Partner");
  });
});

/** A small generated sample (3,000 leads) on disk with its dataset description. */
function smallSample(dir: string): string {
  const desc = JSON.parse(readFileSync("data/sample.dataset.json", "utf8"));
  const csv = toCsv(generateSample({ leads: 3000, seed: 7 })) as unknown as Record<string, string>;
  mkdirSync(path.join(dir, "sample"), { recursive: true });
  for (const [kind, spec] of Object.entries(desc.files) as [string, { path: string }][]) writeFileSync(path.join(dir, spec.path), csv[`${kind}.csv`]);
  const file = path.join(dir, "small.dataset.json");
  writeFileSync(file, JSON.stringify({ ...desc, name: "small sample" }));
  return file;
}

const dir = mkdtempSync(path.join(os.tmpdir(), "from-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const descFile = smallSample(dir);

describe("suggestFromData on a small sample", () => {
  it("writes a valid draft whose SQL scores equal the fitted integer points, with thresholds tuned on the training leads", async () => {
    const db = await openWasmDb();
    try {
      const description = parseDatasetDescription(readFileSync(descFile, "utf8"), descFile);
      const files: Record<string, Uint8Array> = {};
      for (const spec of Object.values(description.files)) if (spec) files[spec.path] = new Uint8Array(readFileSync(path.join(dir, spec.path)));
      await loadDataset(db, description, files);
      await recompute(db, []);
      const input = await readFromDataInput(db);
      const progress: number[] = [];
      const r = suggestFromData(input, { split: "random", seed: 3, maxCriteria: 8 }, (_m, f) => progress.push(f));
      expect(progress[progress.length - 1]).toBe(1);
      expect(r.k).toBeGreaterThanOrEqual(1);
      expect(r.k).toBeLessThanOrEqual(8);
      expect(r.curve.length).toBeGreaterThanOrEqual(r.k);
      expect(parseModel(JSON.parse(JSON.stringify(r.draft)), "draft")).toEqual(r.draft);
      expect(r.draft).toMatchObject({ version: 1, parent: null, status: "draft" });
      expect(r.test.aucInteger).toBeGreaterThan(0.65);
      await recompute(db, [r.draft]);
      const scored = await readScored(db, r.draft);
      const byId = new Map(scored.leadId.map((id, i) => [id, scored.score[i]]));
      const mismatch = input.leadIds.filter((id, i) => byId.get(id) !== r.scores[i]);
      expect(mismatch).toEqual([]);
      expect(r.draft.changeNote).toMatch(/tuned on the training leads/);
    } finally {
      await db.close();
    }
  }, 180_000);
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("leadscore suggest --from-data", () => {
  it("needs no models folder and writes a schema-valid draft with readable labels", async () => {
    const out = path.join(dir, "draft.json");
    const r = await run("suggest", "--from-data", "--split", "random", "--dataset", descFile, "--models", path.join(dir, "no-such-folder"), "--max-criteria", "6", "--out", out);
    expect(r.stderr).toMatch(/wrote .*draft\.json \(from-data@1, draft\)/);
    expect(r.code).toBe(0);
    for (const heading of ["Stratified random split (seed 1)", "AUC against the number of criteria", "← chosen", "Thresholds (tuned on the training leads)", "Test leads"]) expect(r.stdout).toContain(heading);
    const draft = parseModel(JSON.parse(readFileSync(out, "utf8")), out);
    expect(draft.criteria.length).toBeGreaterThan(0);
    for (const c of draft.criteria) expect(c.label).not.toMatch(/#|\[/);
  }, 180_000);
  it("--allow-leakage keeps the columns the leakage rule flags (on the small sample: the pricing-page views)", async () => {
    const common = ["suggest", "--from-data", "--split", "random", "--dataset", descFile, "--max-criteria", "4"];
    const without = await run(...common, "--out", path.join(dir, "without.json"));
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout).toMatch(/pricing_page: count .*LEAKAGE\? left out/);
    const kept = await run(...common, "--allow-leakage", "--out", path.join(dir, "kept.json"));
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).not.toMatch(/LEAKAGE\? left out/);
    const draft = parseModel(JSON.parse(readFileSync(path.join(dir, "kept.json"), "utf8")), "kept.json");
    expect(draft.criteria.some((c) => "activity" in c.rule && c.rule.activity === "pricing_page")).toBe(true);
    expect(draft.changeNote).toMatch(/Kept although flagged as possible leakage .*pricing_page: count/);
    expect(kept.stdout).toMatch(/warning: kept although flagged as possible leakage; .*pricing_page: count \(IV /);
    expect(without.stdout).not.toMatch(/kept although flagged/);
  }, 240_000);
  it("refuses --split random without --from-data and bad values (exit 2)", async () => {
    expect((await run("suggest", "--split", "random")).code).toBe(2);
    expect((await run("suggest", "--from-data", "--max-criteria", "0")).code).toBe(2);
  });
});
