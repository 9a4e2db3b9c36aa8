/** Shared set-up of the suggest tests: a dataset loaded into DuckDB-WASM and models recomputed. */
import { readFileSync } from "node:fs";
import { loadDataset } from "../../lib/dataset/load.js";
import { parseDatasetDescription } from "../../lib/dataset/schema.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { parseModel } from "../../lib/model/parse.js";
import type { Model } from "../../lib/model/schema.js";
import { generateSample, toCsv } from "../../lib/sample/index.js";
import type { SampleOptions } from "../../lib/sample/types.js";

export function readModel(file: string): Model {
  return parseModel(JSON.parse(readFileSync(file, "utf8")), file);
}

/** The bundled sample (default options: 24,000 leads, seed 42; or `options`, e.g. more leads) through its dataset description, as the CLI and the site load it. */
export async function openSampleDb(options: SampleOptions = {}): Promise<Db> {
  const db = await openWasmDb();
  const description = parseDatasetDescription(readFileSync("data/sample.dataset.json", "utf8"), "data/sample.dataset.json");
  const csv = toCsv(generateSample(options)) as unknown as Record<string, string>;
  const files: Record<string, Uint8Array> = {};
  for (const [kind, spec] of Object.entries(description.files)) if (spec) files[spec.path] = new TextEncoder().encode(csv[`${kind}.csv`]);
  const report = await loadDataset(db, description, files);
  if (!report.usable) throw new Error("the sample dataset is not usable");
  return db;
}

/** Spearman rank correlation (average ranks for ties). */
export function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let k = 0; k < order.length; ) {
      let k2 = k;
      while (k2 + 1 < order.length && v[order[k2 + 1]] === v[order[k]]) k2++;
      for (let t = k; t <= k2; t++) r[order[t]] = (k + k2) / 2;
      k = k2 + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) (sxy += (rx[i] - mx) * (ry[i] - my)), (sxx += (rx[i] - mx) ** 2), (syy += (ry[i] - my) ** 2);
  return sxy / Math.sqrt(sxx * syy);
}

/** X Education columns a lead fills in or causes before contact (no sales-entered fields: Tags, Lead Quality, Lead Profile, Last Activity, Last Notable Activity, Asymmetrique*, and "What matters most…", flagged by its IV). */
export const LEAK_FREE = [
  "Lead Origin", "Lead Source", "What is your current occupation", "Total Time Spent on Website", "TotalVisits", "Do Not Email", "Specialization",
  "Do Not Call", "Page Views Per Visit", "Country", "How did you hear about X Education", "Search", "Newspaper Article", "X Education Forums",
  "Newspaper", "Digital Advertisement", "Through Recommendations", "City", "A free copy of Mastering The Interview", "Lead Profile",
];
