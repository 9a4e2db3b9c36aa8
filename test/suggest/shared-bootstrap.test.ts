/**
 * The Suggestions page shares the bootstrap between two workers
 * (src/components/suggest-worker.ts: a main worker that fits and evaluates, a
 * helper that only takes bootstrap chunks, the page's chunkDealer handing them
 * out). Simulated here in one process with asynchronous messages: the result
 * is runSuggest's to the bit, whichever worker takes which chunk, also when
 * the helper fails holding a chunk, and when the intervals decide drops.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/types.js";
import { recompute } from "../../lib/scoring/recompute.js";
import { bootstrapPlan } from "../../lib/suggest/bootstrap.js";
import { readSuggestData, runSuggest, type SuggestData, type SuggestOptions } from "../../lib/suggest/index.js";
import { chunkDealer, suggestWorker, type SuggestCommand, type SuggestReply, type WorkerRole } from "../../src/components/suggest-worker.js";
import { openSampleDb, readModel } from "./helpers.js";

const v2 = readModel("data/models/starting-v2.json");
const draftOptions = { maxVersion: 2, author: "test" };
const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));

/** Two simulated workers and the dealer; `helperDiesAfter` chunks taken, the helper fails (holding its next chunk). */
function shared(data: SuggestData, options: SuggestOptions, helperDiesAfter = Infinity) {
  return new Promise<{ done: Extract<SuggestReply, { type: "done" }>; byHelper: number; byMain: number }>((resolve, reject) => {
    const inbox: Record<WorkerRole, (cmd: SuggestCommand) => void> = { main: () => {}, helper: () => {} };
    let helperAlive = true;
    let byHelper = 0;
    let byMain = 0;
    const dealer = chunkDealer(bootstrapPlan({ replicates: options.replicates }), (to, cmd) => setTimeout(() => (to === "main" || helperAlive) && inbox[to](cmd), 0));
    const from = (role: WorkerRole) => (r: SuggestReply) => setTimeout(() => {
      if (role === "helper" && !helperAlive) return;
      if (r.type === "chunk-done") role === "helper" ? byHelper++ : byMain++;
      if (role === "helper" && r.type === "chunk-done" && byHelper >= helperDiesAfter) {
        helperAlive = false;
        dealer.lost("helper");
        return;
      }
      if (dealer.reply(role, r)) return;
      if (r.type === "done") resolve({ done: r, byHelper, byMain });
      if (r.type === "error") reject(new Error(r.message));
    }, 0);
    inbox.main = suggestWorker(from("main"));
    inbox.helper = suggestWorker(from("helper"));
    inbox.main({ type: "start", role: "main", data, options, draftOptions });
    inbox.helper({ type: "start", role: "helper", data, options });
  });
}

describe("the bootstrap shared between two workers", () => {
  let db: Db;
  let data: SuggestData;
  beforeAll(async () => {
    db = await openSampleDb();
    await recompute(db, [v2]);
    data = await readSuggestData(db, v2);
  }, 240_000);
  afterAll(async () => db?.close());

  it("gives runSuggest's result, with both workers taking chunks", async () => {
    const options = { replicates: 60, seed: 3 };
    const s = await shared(data, options);
    expect(s.byHelper).toBeGreaterThan(0);
    expect(s.byMain + s.byHelper).toBe(3);
    expect(plain(s.done.result)).toEqual(plain(runSuggest(data, options)));
  });

  it("gives the same result when the helper fails holding a chunk (the chunk is redone)", async () => {
    const options = { replicates: 60, seed: 3 };
    const s = await shared(data, options, 1);
    expect(plain(s.done.result)).toEqual(plain(runSuggest(data, options)));
  });

  it("gives the same result when the intervals decide drops (evaluated after the bootstrap)", async () => {
    const options = { replicates: 50, seed: 2, dropIfIntervalSpansZero: true, minPoints: 2 };
    const s = await shared(data, options);
    expect(plain(s.done.result)).toEqual(plain(runSuggest(data, options)));
  });
});
