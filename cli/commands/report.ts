import type { Command } from "./types.js";
import { terminalSafe } from "../terminal.js";
import { UsageError } from "./types.js";

/** Loader outputs that depend on the environment (dataset, models, reviews, votes): Framework caches them by loader file only. */
const ENV_LOADER_CACHE = ["data/models.json", "data/reviews.json", "data/workshop.json", "data/dataset/description.json", "data/dataset/leads.csv", "data/dataset/deals.csv", "data/dataset/activities.csv"];

export const report: Command = {
  summary: "build the static workbench site and its calibration report for a dataset, with summary.json",
  usage: `Usage: leadscore report [--dataset FILE] [--models DIR] [--reviews DIR] [--workshop DIR] --out DIR
                       [--by month|quarter] [--stable-months N] [--engine wasm|native]

Builds the whole static site (every page, the published report at
DIR/report.html) for the dataset, with \`observable build\`, and writes
DIR/summary.json: the report's figures as JSON (dataset, asOf, data range,
headline metrics of every version, the draft-vs-current paired DeLong test,
the periodic review of the current version from lib/monitoring summary, and the
decision log), computed here with the same code as the report page.

The site makes no outside request, but browsers do not run its module
scripts from file:// URLs: serve DIR with any static web server, e.g.
\`leadscore serve DIR\`, and open http://127.0.0.1:3001/report. To open from
disk, DIR/report.pdf is the same report printed by headless Chromium (when
Chromium is installed; CHROMIUM_PATH names another binary).

DIR must be empty, missing, or a previous report (it is then replaced).

Review decisions and workshop votes belong to a dataset: data/reviews and
data/workshop are the bundled sample's and are used only for the sample. For
another dataset, give its own folders (or none: an empty decision log). A
decision file that names another dataset ("dataset": its description's name),
or versions its models do not have, is listed apart in summary.json
(otherDecisions), never in the log.

Options:
  --dataset FILE       dataset description   [default: $LEADSCORE_DATASET, else the bundled sample]
  --models DIR         folder of model files   [default: data/models]
  --reviews DIR        folder of review decision files   [default: $LEADSCORE_REVIEWS, else data/reviews for the sample, none for another dataset]
  --workshop DIR       folder of workshop votes files   [default: $LEADSCORE_WORKSHOP, else data/workshop for the sample, none for another dataset]
  --out DIR            where the site and summary.json go   (required)
  --by P               cohorts by month or quarter   [default: quarter]
  --stable-months N    review cadence once proven, 6–12 months   [default: 6]
  --engine E           wasm or native, for summary.json   [default: wasm]`,
  options: {
    dataset: { type: "string" },
    models: { type: "string" },
    reviews: { type: "string" },
    workshop: { type: "string" },
    out: { type: "string" },
    by: { type: "string" },
    "stable-months": { type: "string" },
    engine: { type: "string" },
  },
  async run(values, positionals) {
    if (positionals.length) throw new UsageError(`unexpected argument(s): ${positionals.join(" ")}`);
    if (typeof values.out !== "string" || !values.out) throw new UsageError("--out DIR is required (the folder the site is built into)");
    const by = (values.by as string | undefined) ?? "quarter";
    if (by !== "month" && by !== "quarter") throw new UsageError(`--by must be month or quarter, got ${JSON.stringify(by)}`);
    const stableMonths = values["stable-months"] === undefined ? 6 : Number(values["stable-months"]);
    if (!Number.isInteger(stableMonths) || stableMonths < 6 || stableMonths > 12) throw new UsageError(`--stable-months must be a whole number from 6 to 12, got ${JSON.stringify(values["stable-months"])}`);

    const fs = await import("node:fs");
    const path = (await import("node:path")).default;
    const { ROOT } = await import("../dataset-source.js");
    const { contextFolder } = await import("../../lib/context-folders.js");
    const { DEFAULT_MODELS_DIR } = await import("../models.js");
    const out = path.resolve(values.out);
    const dataset = values.dataset !== undefined ? path.resolve(values.dataset as string) : process.env.LEADSCORE_DATASET ? path.resolve(process.env.LEADSCORE_DATASET) : undefined;
    const models = path.resolve((values.models as string | undefined) ?? DEFAULT_MODELS_DIR);
    // The sample's decisions and votes go with the sample only (lib/context-folders); null: none.
    const folder = (kind: "reviews" | "workshop", given: string | undefined) => {
      const f = contextFolder(kind, { dataset, given });
      return f === null ? null : given ? path.resolve(f) : path.join(ROOT, f);
    };
    const reviews = folder("reviews", (values.reviews as string | undefined) ?? (process.env.LEADSCORE_REVIEWS || undefined));
    const workshop = folder("workshop", (values.workshop as string | undefined) ?? (process.env.LEADSCORE_WORKSHOP || undefined));
    if (dataset !== undefined && !fs.existsSync(dataset)) throw new Error(`dataset description ${JSON.stringify(values.dataset ?? dataset)} not found`);
    if (values.reviews !== undefined && !fs.existsSync(reviews!)) throw new Error(`reviews folder ${JSON.stringify(values.reviews)} does not exist`);
    if (values.workshop !== undefined && !fs.existsSync(workshop!)) throw new Error(`workshop folder ${JSON.stringify(values.workshop)} does not exist`);
    prepareOut(fs, path, out);

    // 1. The figures, computed in Node with the page's code.
    const { openSession } = await import("../session.js");
    const session = await openSession({ dataset, models, engine: values.engine });
    if (session.code !== null) return session.code;
    let summaryText: string;
    try {
      const { parseReviewFiles } = await import("../../lib/decisions/parse.js");
      const { collectReport } = await import("../../lib/decisions/collect.js");
      const { readJsonFolder } = await import("../../lib/json-folder.js");
      const files = reviews !== null && fs.existsSync(reviews)
        ? readJsonFolder(reviews, (f) => `reviews/${f}`)
        : [];
      const entries = parseReviewFiles(files);
      for (const e of entries) if (!e.ok) process.stderr.write(`${terminalSafe(`warning: ${e.error}`)}\n`);
      const asOf = session.report.asOf;
      if (!asOf) throw new Error("the dataset has no end date (asOf): give one in the dataset description");
      const data = await collectReport(session.db, { dataset: session.report.dataset, asOf, models: session.scored.map((v) => v.model), reviews: entries }, { by, stableMonths });
      summaryText = `${JSON.stringify(data.summary, null, 2)}\n`;
    } finally {
      await session.db.close();
    }

    // 2. The site, built by Framework with the same inputs.
    const cache = path.join(ROOT, "src/.observablehq/cache");
    const clearCache = () => { for (const f of ENV_LOADER_CACHE) fs.rmSync(path.join(cache, f), { force: true }); };
    clearCache();
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...(dataset !== undefined ? { LEADSCORE_DATASET: dataset } : {}),
        LEADSCORE_MODELS: models,
        LEADSCORE_OUT: out,
        OBSERVABLE_TELEMETRY_DISABLE: "1",
      };
      // The site reads the same folders as summary.json, or none.
      for (const [k, v] of [["LEADSCORE_REVIEWS", reviews], ["LEADSCORE_WORKSHOP", workshop]] as const) if (v === null) delete env[k]; else env[k] = v;
      const code = await build(ROOT, env);
      if (code !== 0) {
        process.stderr.write(`error: observable build exited with ${code}\n`);
        return 1;
      }
    } finally {
      clearCache(); // the next plain build must not reuse this dataset's loader output
    }
    if (!fs.existsSync(path.join(out, "report.html"))) throw new Error(`the build did not write ${path.join(out, "report.html")}`);
    await bundleBuiltPages(ROOT, out);
    fs.writeFileSync(path.join(out, "summary.json"), summaryText);
    process.stderr.write(`printing ${path.join(out, "report.pdf")} with Chromium…\n`);
    const { printReportPdf } = await import("../report-pdf.js");
    const why = await printReportPdf(out);
    if (why) process.stderr.write(`warning: no report.pdf: ${why}\n`);
    process.stderr.write(`wrote ${out}/ (site; the report is report.html${why ? "" : ", and report.pdf to open from disk"}) and ${path.join(out, "summary.json")}\nserve it with: npx leadscore serve ${values.out}\n`);
    return 0;
  },
};

/** Refuses a non-empty folder that is not a previous report; empties a previous report. */
function prepareOut(fs: typeof import("node:fs"), path: typeof import("node:path"), out: string) {
  if (!fs.existsSync(out)) return fs.mkdirSync(out, { recursive: true });
  if (!fs.statSync(out).isDirectory()) throw new Error(`--out ${out} is a file, not a folder`);
  const names = fs.readdirSync(out);
  if (!names.length) return;
  let previous = false;
  try {
    previous = JSON.parse(fs.readFileSync(path.join(out, "summary.json"), "utf8")).kind === "leadscore-report" && names.includes("report.html");
  } catch {
    previous = false;
  }
  if (!previous) throw new Error(`--out ${out} is not empty and holds no previous report (summary.json + report.html): choose an empty or new folder`);
  for (const n of names) fs.rmSync(path.join(out, n), { recursive: true, force: true });
}

/** One script per page instead of ~200 local modules, as `npm run build` does (scripts/bundle-pages.mjs). */
async function bundleBuiltPages(root: string, out: string): Promise<void> {
  const { pathToFileURL } = await import("node:url");
  const { join } = await import("node:path");
  const { bundlePages } = (await import(pathToFileURL(join(root, "scripts/bundle-pages.mjs")).href)) as { bundlePages: (dist: string) => Promise<unknown[]> };
  await bundlePages(out);
}

/** Runs `npx observable build` in the project root (npx puts tsx on PATH for the TypeScript loaders). */
async function build(root: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--no-install", "observable", "build"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
