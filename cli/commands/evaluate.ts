import type { Model } from "../../lib/model/schema.js";
import { listOption, versionId } from "../models.js";
import { UsageError, type Command } from "./types.js";
import { terminalSafe } from "../terminal.js";
import { PG_OPTIONS, PG_USAGE } from "../postgres.js";

export const evaluate: Command = {
  summary: "evaluate model versions on the labelled leads (AUC, calibration, tiers, bands) and compare them (DeLong), as JSON",
  usage: `Usage: leadscore evaluate [--dataset FILE] [--models DIR] [--version ID@N ...]
                         [--compare A B] [--engine wasm|native|postgres] [--window DAYS] [--pg URL]

Recomputes the versions' scores (as \`leadscore score\` does) and prints one
JSON object: the dataset's name, asOf and outcome counts by rule; per version
the metrics of lib/metrics evaluate() over the labelled leads (won vs lost;
open leads excluded), using the model's own probabilityMap when it has one
(else a map fitted in-sample, flagged as such) and its tiers (thresholds on
the score, or the grid cells when the model routes by cell: tierSource,
tierRule in words); the
small-sample flags (fewer than 100 won leads, bands under 30 leads); the
fit and engagement sub-scores (fitEngagement: the A–D × 1–4 grid with
leads, won, lost, win rate, Wilson CI and share of wins per cell; fit-only
vs engagement-only vs total AUC with DeLong CIs, paired tests, tiers at
matched volume, and the relative weight of an engagement point in fit
points; status "no-engagement" when the dataset has no activities); and
paired DeLong tests of AUC (ΔAUC = AUC(A) − AUC(B), its 95 % CI and p-value).

Comparisons: --compare A B compares those two versions; by default the
current version (newest published) is compared with each other version.

Exit code 1 when a model file is invalid, a version does not fit the data or
cannot be evaluated (the others are still reported), or the data is unusable.

Options:
  --dataset FILE    dataset description   [default: $LEADSCORE_DATASET, else the bundled sample]
  --models DIR      folder of model files   [default: data/models]
  --version ID@N    only this version (repeatable)   [default: every valid version]
  --compare A B     compare version A with version B (ID@N each; also --compare A --compare B)
  --engine E        wasm, native, or postgres (scores computed in PostgreSQL on the tables
                    \`leadscore load --engine postgres\` put there; only per-lead scores come back)   [default: wasm]
  --window DAYS     scoring window after lead creation, whole days   [default: 30]
${PG_USAGE}`,
  options: {
    dataset: { type: "string" },
    models: { type: "string" },
    version: { type: "string", multiple: true },
    compare: { type: "string", multiple: true },
    engine: { type: "string" },
    window: { type: "string" },
    ...PG_OPTIONS,
  },
  async run(values, positionals) {
    const compare = [...listOption(values.compare), ...positionals];
    if (positionals.length && !values.compare) throw new UsageError(`unexpected argument(s): ${positionals.join(" ")}`);
    if (values.compare && compare.length !== 2) throw new UsageError(`--compare takes two versions, A and B (e.g. --compare starting@2 starting@1); got ${compare.length}`);
    const { openSession } = await import("../session.js");
    const session = values.engine === "postgres" ? await (await import("../postgres.js")).openPgSession(values) : await openSession(values);
    if (session.code !== null) return session.code;
    const { db, report, scored } = session;
    try {
      const { readScored, labelled } = await import("../../lib/workbench/scored.js");
      const { currentVersion } = await import("../../lib/workbench/models.js");
      const metrics = await import("../../lib/metrics/index.js");
      const grid = await import("../../lib/grid/index.js");
      const hasActivities = grid.datasetHasActivities(report);
      const failed = [...session.failed];
      const byId = new Map<string, { model: Model; leadIds: string[]; scores: Float64Array; labels: Uint8Array }>();
      const models = scored.map((v) => v.model);
      const current = currentVersion(models);
      const versions: unknown[] = [];
      for (const { model } of scored) {
        const id = versionId(model);
        const s = await readScored(db, model);
        const l = labelled(s);
        byId.set(id, { model, leadIds: Array.from(l.index, (i) => s.leadId[i]), scores: l.scores, labels: l.labels });
        const head = {
          version: id, label: `${model.id} v${model.version}`, status: model.status, current: model === current, leads: s.n, thresholds: model.thresholds,
          // The tier table counts the version's own tiers (score table): by grid cell when it routes so.
          tierSource: grid.routesByCell(model) ? "grid-cells" : "thresholds", tierRule: grid.tierRule(model),
        };
        try {
          const map = model.probabilityMap ? { a: model.probabilityMap.a, b: model.probabilityMap.b } : undefined;
          const ev = metrics.evaluate(l.scores, l.labels, { nurture: model.thresholds.nurture, salesReady: model.thresholds.salesReady, tiers: l.tiers, ...(map && { map }) });
          const smallBands = ev.bands.filter((b) => b.small).length;
          const smallTiers = ev.tiers.filter((t) => t.leads < metrics.SMALL_BAND).map((t) => t.tier);
          versions.push({
            ...head,
            smallSample: { fewWins: ev.flags.fewWins, nWon: ev.nWon, smallBands, smallTiers, minLeadsPerBand: metrics.SMALL_BAND },
            evaluation: ev,
            fitEngagement: grid.fitEngagement(model, await grid.readSubScored(db, model), { hasActivities }),
          });
        } catch (e) {
          failed.push(id);
          process.stderr.write(`${terminalSafe(`error: ${id}: ${(e as Error).message}`)}\n`);
          versions.push({ ...head, error: (e as Error).message });
        }
      }

      const pairs: [string, string][] = [];
      if (compare.length === 2) {
        const { selectVersions } = await import("../models.js");
        const [a, b] = selectVersions(session.loaded.models, compare).map(versionId);
        for (const v of [a, b]) if (!byId.has(v)) throw new UsageError(`--compare: version ${v} was not scored (choose it with --version too, or check its errors above)`);
        pairs.push([a, b]);
      } else if (current) {
        for (const m of models) if (m !== current) pairs.push([versionId(current), versionId(m)]);
      }
      const comparisons = pairs.map(([a, b]) => {
        const A = byId.get(a)!;
        const B = byId.get(b)!;
        try {
          if (A.leadIds.length !== B.leadIds.length || A.leadIds.some((id, i) => id !== B.leadIds[i])) throw new Error("the two versions were not scored on the same labelled leads");
          const d = metrics.delongPaired(A.scores, B.scores, A.labels);
          return { a, b, n: A.labels.length, aucA: d.aucA, aucB: d.aucB, deltaAuc: d.diff, se: d.se, ci95: d.ci95, z: d.z, p: d.p };
        } catch (e) {
          process.stderr.write(`${terminalSafe(`error: comparing ${a} with ${b}: ${(e as Error).message}`)}\n`);
          if (!failed.includes(`${a} vs ${b}`)) failed.push(`${a} vs ${b}`);
          return { a, b, error: (e as Error).message };
        }
      });

      const o = report.outcomes!;
      const output = {
        dataset: report.dataset,
        asOf: report.asOf,
        asOfSource: report.asOfSource,
        outcomes: { source: o.source, won: o.won, lost: o.lost, open: o.open, byRule: o.byRule },
        current: current ? versionId(current) : null,
        versions,
        comparisons,
        ...(failed.length && { errors: failed }),
      };
      process.stdout.write(`${JSON.stringify(output, jsonReplacer, 2)}\n`);
      return failed.length ? 1 : 0;
    } finally {
      await db.close();
    }
  },
};

/** Typed arrays as plain arrays; non-finite numbers as null (JSON has no NaN). */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
