/**
 * lib/workspace scoreAddedVersions: a version saved in the browser is scored
 * on the lead features already in the engine, and gives the same scores as
 * rescoring everything; anything else (a new feature, a version changed or
 * removed) is left to the full rescore.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetSource } from "../../lib/dataset/source.js";
import { openWasmDb } from "../../lib/db/node-wasm.js";
import type { Db } from "../../lib/db/types.js";
import { openWorkspace, scoreAddedVersions, scoreVersions, type OpenedWorkspace } from "../../lib/workspace/open.js";

const text = (f: string) => readFileSync(`data/models/${f}`, "utf8");
const v1 = { file: "starting-v1.json", text: text("starting-v1.json") };
const v2 = { file: "starting-v2.json", text: text("starting-v2.json") };

/** starting v3: v2's criteria with other points (what a what-if draft saved as a version is). */
function v3(change: (m: any) => void = (m) => m.criteria.forEach((c: any, i: number) => typeof c.points === "number" && (c.points += 1 + (i % 3)))) {
  const m = JSON.parse(v2.text);
  m.version = 3;
  m.status = "draft";
  change(m);
  return { file: "starting-v3.json", text: JSON.stringify(m) };
}

const scoresOf = async (db: Db, ws: OpenedWorkspace, id: string) => db.query(ws.recompute!.versions.find((v) => `${v.model.id}@${v.model.version}` === id)!.sql);

describe("scoreAddedVersions on the sample", () => {
  let db: Db;
  let ws: OpenedWorkspace;
  beforeAll(async () => {
    db = await openWasmDb();
    const source = await datasetSource(undefined);
    ws = await openWorkspace(db, { description: source.description, files: source.files, models: [v1, v2] });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("scores only the added version, with the scores a full rescore gives", async () => {
    const before1 = await scoresOf(db, ws, "starting@1");
    const added = await scoreAddedVersions(db, ws.report, [v1, v2, v3()], ws);
    expect(added).not.toBeNull();
    expect(added!.models.map((m) => `${m.id}@${m.version}`)).toEqual(["starting@1", "starting@2", "starting@3"]);
    expect(added!.recompute!.versions.map((v) => v.model.version)).toEqual([1, 2, 3]);
    expect(added!.entries.map((e) => e.status)).toEqual(["fits", "fits", "fits"]);
    expect(Object.keys(added!.timings)).toEqual(["score the added versions"]);
    const incremental = await scoresOf(db, added!, "starting@3");
    expect(await scoresOf(db, added!, "starting@1")).toEqual(before1); // untouched
    const full = await scoreVersions(db, ws.report, [v1, v2, v3()]);
    const rescored = await scoresOf(db, full, "starting@3");
    expect(incremental.length).toBe(rescored.length);
    expect(incremental).toEqual(rescored);
    // the points changed, so the scores did
    expect(incremental.map((r: any) => r.score)).not.toEqual((await scoresOf(db, full, "starting@2")).map((r: any) => r.score));
  });

  it("leaves it to the full rescore when the added version needs a feature the engine lacks", async () => {
    const fresh = await scoreVersions(db, ws.report, [v1, v2]);
    const activity = JSON.parse(v2.text).criteria.find((c: any) => c.rule.activity)!.rule.activity;
    const needsActivity = v3((m) => m.criteria.push({ id: "x_act", label: "Any activity in the last 3 days", category: "behaviour", rule: { type: "hasActivity", activity, withinDays: 3 }, points: 3 }));
    // a valid version that fits the data (so the null below is for the missing feature)
    const full = await scoreVersions(db, ws.report, [v1, v2, needsActivity]);
    expect(full.entries.map((e) => `${e.status} ${e.reason ?? ""}`.trim())).toEqual(["fits", "fits", "fits"]);
    await scoreVersions(db, ws.report, [v1, v2]); // back to the features of v1 and v2
    expect(await scoreAddedVersions(db, ws.report, [v1, v2, needsActivity], fresh)).toBeNull();
  });

  it("leaves it to the full rescore when a version was changed or removed, or nothing was added", async () => {
    const fresh = await scoreVersions(db, ws.report, [v1, v2]);
    const changed = { ...v2, text: JSON.stringify({ ...JSON.parse(v2.text), thresholds: { nurture: 1, salesReady: 2 } }) };
    expect(await scoreAddedVersions(db, ws.report, [v1, changed, v3()], fresh)).toBeNull();
    expect(await scoreAddedVersions(db, ws.report, [v2, v3()], fresh)).toBeNull();
    expect(await scoreAddedVersions(db, ws.report, [v1, v2], fresh)).toBeNull();
  });
});
