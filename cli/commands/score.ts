import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import type { Db } from "../../lib/db/types.js";
import type { VersionScores } from "../../lib/scoring/recompute.js";
import { scoresSelect } from "../../lib/scoring/recompute.js";
import { INPUT } from "../../lib/scoring/compile.js";
import { col, render } from "../../lib/sql/index.js";
import { listOption, versionId } from "../models.js";
import { openSession } from "../session.js";
import { UsageError, type Command } from "./types.js";
import { csvCell } from "../../lib/export/csv.js";
import type { Columns } from "../../lib/db/types.js";
import type { Model } from "../../lib/model/schema.js";
import { PG_OPTIONS, PG_USAGE, pgUrl, sourceTables } from "../postgres.js";

/** Scores in PostgreSQL (--engine postgres) and writes the same output as the DuckDB engines. */
async function scorePostgres(values: Record<string, unknown>, format: string): Promise<number> {
  const url = pgUrl(values);
  const src = sourceTables(values);
  const { loadModels, selectVersions } = await import("../models.js");
  const { windowOption } = await import("../session.js");
  const windowDays = windowOption(values.window);
  const loaded = await loadModels(values.models as string | undefined);
  const selected = selectVersions(loaded.models, listOption(values.version));
  if (!selected.length) {
    process.stderr.write(`error: no valid model version in ${loaded.dir}\n`);
    return 1;
  }
  const { openPg } = await import("../../lib/db/postgres.js");
  const { scoreInPostgres } = await import("../../lib/warehouse/postgres.js");
  const pg = await openPg(url);
  try {
    const scoringDates = windowDays === undefined ? undefined : { kind: "firstCloseOrWindow" as const, windowDays };
    const r = await scoreInPostgres(pg, selected, { scoringDates, sources: src });
    for (const f of r.failed) process.stderr.write(`error: ${versionId(f.model)} could not be scored: ${f.error}\n`);
    for (const w of new Set(r.warnings)) process.stderr.write(`warning: ${w}\n`);
    if (!r.versions.length) {
      process.stderr.write("error: no model version could be scored\n");
      return 1;
    }
    const out = openOutput(values.out as string | undefined);
    const byVersion = new Map(r.versions.map((v) => [v.model, v.columns]));
    async function* one(v: { model: Model }) {
      yield byVersion.get(v.model)!;
    }
    await (format === "csv" ? writeCsv : writeJson)(one, r.versions, out);
    await out.close();
    if (values.out) process.stderr.write(`wrote ${values.out} (${r.versions.length} version(s): ${r.versions.map((v) => versionId(v.model)).join(", ")})\n`);
    return loaded.errors.length || r.failed.length ? 1 : 0;
  } finally {
    await pg.close();
  }
}

export const score: Command = {
  summary: "recompute every model version's historical scores and write them as CSV or JSON",
  usage: `Usage: leadscore score [--dataset FILE] [--models DIR] [--version ID@N ...]
                      [--format csv|json] [--out FILE] [--engine wasm|native|postgres] [--window DAYS]
                      [--pg URL] [--table K=NAME ...]

Validates the dataset, then recomputes each lead's score as of its scoring
date (the earlier of its first won/lost deal close and created_at + DAYS; no
activity after it counts) for every valid model version, or the versions
chosen with --version.

Output: one row per lead per version, ordered by version then lead_id.
  csv   columns version ("starting@2"), lead_id, scoring_at, score, tier,
        fit_score, engagement_score (the fit and behaviour categories' capped
        totals; score = fit_score + engagement_score), then one column per criterion id with its points (the union over the
        versions; empty where a version has no such criterion). RFC 4180
        quoting, LF line ends; a text cell starting with = + - @ tab or CR
        gets a leading ' so a spreadsheet does not run it as a formula.
  json  an array of {version, lead_id, scoring_at, score, tier, fit_score, engagement_score,
        points: {criterion id: points}}.

An invalid model file or a version that does not fit the data prints its
error to stderr; the other versions are still scored, and the exit code is 1.
Unusable data prints the validation problems and exits with 1.

Options:
  --dataset FILE   dataset description   [default: $LEADSCORE_DATASET, else the bundled sample]
  --models DIR     folder of model files (*.json; *.schema.json skipped)   [default: data/models]
  --version ID@N   only this version, e.g. starting@2 (repeatable)   [default: every valid version]
  --format F       csv or json   [default: csv]
  --out FILE       write to FILE   [default: standard output]
  --engine E       wasm (DuckDB-WASM, as in the browser), native (@duckdb/node-api, for large data)
                   or postgres (score in PostgreSQL on tables already there, see \`leadscore load\`;
                   only the per-lead scores come back; of --dataset only the description's
                   "tables" names are read)   [default: wasm]
  --window DAYS    scoring window after lead creation, whole days   [default: 30]
${PG_USAGE}`,
  options: {
    dataset: { type: "string" },
    models: { type: "string" },
    version: { type: "string", multiple: true },
    format: { type: "string" },
    out: { type: "string" },
    engine: { type: "string" },
    window: { type: "string" },
    ...PG_OPTIONS,
  },
  async run(values) {
    const format = (values.format as string | undefined) ?? "csv";
    if (format !== "csv" && format !== "json") throw new UsageError(`--format must be csv or json, got ${JSON.stringify(format)}`);
    if (values.out !== undefined) {
      const { existsSync, statSync } = await import("node:fs");
      const dir = (await import("node:path")).dirname(values.out as string);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`cannot write ${values.out}: the folder ${dir} does not exist`);
    }
    if (values.engine === "postgres") return scorePostgres(values, format);
    const session = await openSession(values);
    if (session.code !== null) return session.code;
    try {
      const out = openOutput(values.out as string | undefined);
      const db = session.db;
      await (format === "csv" ? writeCsv : writeJson)((v) => chunks(db, v as VersionScores), session.scored, out);
      await out.close();
      if (values.out) process.stderr.write(`wrote ${values.out} (${session.scored.length} version(s): ${session.scored.map((v) => versionId(v.model)).join(", ")})\n`);
      return session.failed.length ? 1 : 0;
    } finally {
      await session.db.close();
    }
  },
};

// ---------------------------------------------------------------------------
// Output

interface Output {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Buffered writes to a file or stdout that wait for 'drain' (output may be
 * large). A write error (e.g. the folder does not exist) rejects; a closed
 * stdout pipe (`leadscore score | head`) just ends the output quietly.
 */
function openOutput(file: string | undefined): Output {
  const stream: Writable = file ? createWriteStream(file) : process.stdout;
  let buffer = "";
  let failure: Error | null = null;
  let closed = false;
  const onError = (e: NodeJS.ErrnoException) => {
    if (!file && e.code === "EPIPE") closed = true;
    else failure = new Error(`cannot write ${file ?? "to standard output"}: ${e.message}`);
  };
  stream.on("error", onError);
  const settle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("error", done);
        resolve();
      };
      stream.once("drain", done);
      stream.once("error", done);
    });
  const flush = async () => {
    if (failure) throw failure;
    if (!buffer || closed) return void (buffer = "");
    const chunk = buffer;
    buffer = "";
    if (!stream.write(chunk)) await settle();
    if (failure) throw failure;
  };
  return {
    async write(text) {
      if (closed) return;
      buffer += text;
      if (buffer.length >= 1 << 16) await flush();
    },
    async close() {
      try {
        await flush();
        if (file) {
          stream.end();
          await new Promise<void>((resolve) => (stream.writableFinished || failure ? resolve() : stream.once("finish", resolve).once("error", () => resolve())));
          if (failure) throw failure;
        }
      } finally {
        if (!file) stream.off("error", onError);
      }
    },
  };
}

/** A CSV field: the one CSV writer's cell (lib/export/csv.ts: RFC 4180 quoting, formulas neutralised). */
export const csvField = csvCell;

const FIXED = ["version", "lead_id", "scoring_at", "score", "tier", "fit_score", "engagement_score"];
const CHUNK = 100_000;

/** Rows of one version's score table, in chunks (the SELECT is ordered by lead_id). */
async function* chunks(db: Db, v: VersionScores) {
  for (let offset = 0; ; offset += CHUNK) {
    // v.sql's query (scoresSql: scoresSelect ordered by lead_id), one chunk of it
    const c = await db.queryColumns(render({ ...scoresSelect(v.model, v.table), orderBy: [col("lead_id", INPUT)], limit: CHUNK, offset }));
    if (c.numRows) yield c;
    if (c.numRows < CHUNK) return;
  }
}

/** Criterion columns: the union of the versions' criterion ids (renamed when one clashes with a fixed column). */
function criterionColumns(versions: { model: Model }[]): { id: string; name: string }[] {
  const ids = [...new Set(versions.flatMap((v) => v.model.criteria.map((c) => c.id)))];
  return ids.map((id) => ({ id, name: FIXED.includes(id.toLowerCase()) ? `criterion:${id}` : id }));
}

type ChunksOf = (v: { model: Model }) => AsyncIterable<Columns>;

async function writeCsv(chunksOf: ChunksOf, versions: { model: Model }[], out: Output) {
  const crit = criterionColumns(versions);
  await out.write(`${[...FIXED, ...crit.map((c) => c.name)].map(csvField).join(",")}\n`);
  for (const v of versions) {
    const label = csvField(versionId(v.model));
    const own = new Set(v.model.criteria.map((c) => c.id));
    for await (const c of chunksOf(v)) {
      const cols = [c.columns.lead_id, c.columns.scoring_at, c.columns.score, c.columns.tier, c.columns.fit_score, c.columns.engagement_score];
      const points = crit.map((k) => (own.has(k.id) ? c.columns[k.id] : null));
      let text = "";
      for (let i = 0; i < c.numRows; i++) {
        text += label;
        for (const col of cols) text += `,${csvField(col[i])}`;
        for (const col of points) text += `,${col ? csvField(col[i]) : ""}`;
        text += "\n";
        if (text.length >= 1 << 16) {
          await out.write(text);
          text = "";
        }
      }
      await out.write(text);
    }
  }
}

async function writeJson(chunksOf: ChunksOf, versions: { model: Model }[], out: Output) {
  await out.write("[");
  let first = true;
  for (const v of versions) {
    const version = versionId(v.model);
    const ids = v.model.criteria.map((c) => c.id);
    for await (const c of chunksOf(v)) {
      const col = c.columns;
      let text = "";
      for (let i = 0; i < c.numRows; i++) {
        const points: Record<string, unknown> = {};
        for (const id of ids) points[id] = col[id][i];
        const row = {
          version, lead_id: col.lead_id[i], scoring_at: col.scoring_at[i], score: col.score[i], tier: col.tier[i],
          fit_score: col.fit_score[i], engagement_score: col.engagement_score[i], points,
        };
        text += `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
        first = false;
        if (text.length >= 1 << 16) {
          await out.write(text);
          text = "";
        }
      }
      await out.write(text);
    }
  }
  await out.write(first ? "]\n" : "\n]\n");
}
