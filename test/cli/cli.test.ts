/**
 * The leadscore CLI run in-process (main from cli/main.ts, stdout and stderr
 * captured) on a small generated sample: 2,000 leads written by
 * `leadscore sample` into a temporary folder, with a description pointing at
 * the files and a models folder holding copies of data/models.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { csvField } from "../../cli/commands/score.js";
import { main } from "../../cli/main.js";
import { auc, delongPaired } from "../../lib/metrics/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LEADS = 2000;
const MODEL_FILES = ["starting-v1.json", "starting-v2.json", "ground-truth-v1.json"];
const VERSIONS = ["starting@1", "starting@2", "ground-truth@1"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `leadscore ...args` in-process and captures what it prints. */
async function run(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void (stdout += `${a.join(" ")}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void (stderr += `${a.join(" ")}\n`));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

/** CSV text → objects keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

let tmp: string;
let dataset: string;
let models: string;
/** 1 won, 0 lost, −1 open, derived here from the sample's CSV files (METHODS §1, maturity 90 days). */
let outcome: Map<string, number>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "leadscore-cli-"));
  const r = await run("sample", "--out", path.join(tmp, "data"), "--leads", String(LEADS));
  expect(r.code).toBe(0);
  const description = JSON.parse(readFileSync(path.join(ROOT, "data/sample.dataset.json"), "utf8"));
  description.name = "CLI test sample (2,000 leads)";
  for (const kind of ["leads", "deals", "activities"]) description.files[kind].path = `data/${kind}.csv`;
  dataset = path.join(tmp, "sample.dataset.json");
  writeFileSync(dataset, JSON.stringify(description, null, 2));
  models = path.join(tmp, "models");
  mkdirSync(models);
  for (const f of MODEL_FILES) copyFileSync(path.join(ROOT, "data/models", f), path.join(models, f));

  const asOf = Date.parse(description.asOf.replace(" ", "T") + "Z");
  const deals = new Map<string, string[]>();
  for (const d of records(readFileSync(path.join(tmp, "data/deals.csv"), "utf8"))) deals.set(d.lead_id, [...(deals.get(d.lead_id) ?? []), d.status]);
  outcome = new Map();
  for (const l of records(readFileSync(path.join(tmp, "data/leads.csv"), "utf8"))) {
    const ds = deals.get(l.lead_id) ?? [];
    const created = Date.parse(l.created_at.replace(" ", "T") + "Z");
    const o = ds.includes("won") ? 1 : ds.length ? (ds.every((s) => s === "lost") ? 0 : -1) : created + 90 * 86_400_000 <= asOf ? 0 : -1;
    outcome.set(l.lead_id, o);
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("leadscore --help", () => {
  it("lists every command", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    for (const c of ["sample", "validate", "score", "evaluate"]) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  it("prints each command's usage", async () => {
    for (const c of ["validate", "score", "evaluate"]) {
      const r = await run(c, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: leadscore ${c}`);
    }
  });
});

describe("leadscore validate", () => {
  it("reports good data as usable (exit 0) with rows read = used + excluded", async () => {
    const r = await run("validate", "--dataset", dataset);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Result: USABLE");
    expect(r.stdout).toMatch(/rows read 2,000 = used 2,000 \+ excluded 0/);
    expect(r.stdout).toMatch(/won_deal\s+won/);
  });

  it("prints the JSON report with --json", async () => {
    const r = await run("validate", "--dataset", dataset, "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.usable).toBe(true);
    expect(report.files.leads.rowsRead).toBe(LEADS);
    const { won, lost, open } = report.outcomes;
    expect(won + lost + open).toBe(LEADS);
    expect(won).toBe([...outcome.values()].filter((o) => o === 1).length);
    expect(lost).toBe([...outcome.values()].filter((o) => o === 0).length);
  });

  const malformed = ["missing-id-column", "duplicate-ids", "empty-file"]
    .map((name) => path.join(ROOT, "test/fixtures/malformed", name, "dataset.json"))
    .find((f) => existsSync(f));
  it.skipIf(!malformed)("exits with 1 on a malformed fixture and names the problem", async () => {
    const r = await run("validate", "--dataset", malformed!);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Result: NOT USABLE");
    expect(r.stdout).toContain("ERROR [");
    const json = await run("validate", "--dataset", malformed!, "--json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.usable).toBe(false);
    expect(report.problems.some((p: { severity: string }) => p.severity === "error")).toBe(true);
  });

  it("exits with 1 and a clear message when the description or a file is missing, or the description is invalid", async () => {
    const none = await run("validate", "--dataset", path.join(tmp, "nope.json"));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/nope\.json.*not found/);

    const d = JSON.parse(readFileSync(dataset, "utf8"));
    d.files.deals.path = "data/missing-deals.csv";
    const missing = path.join(tmp, "missing-file.dataset.json");
    writeFileSync(missing, JSON.stringify(d));
    const m = await run("validate", "--dataset", missing);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain("missing-deals.csv");

    const invalid = path.join(tmp, "invalid.dataset.json");
    writeFileSync(invalid, JSON.stringify({ name: "x", files: {} }));
    const i = await run("validate", "--dataset", invalid);
    expect(i.code).toBe(1);
    expect(i.stderr).toContain("invalid.dataset.json");
  });
});

describe("leadscore score", () => {
  let csv: Record<string, string>[];
  let header: string[];
  beforeAll(async () => {
    const r = await run("score", "--dataset", dataset, "--models", models);
    expect(r.code, r.stderr).toBe(0);
    header = parseCsv(r.stdout)[0];
    csv = records(r.stdout);
  });

  it("writes one CSV row per lead per version, with version, lead_id, scoring_at, score, tier and the criteria", () => {
    expect(header.slice(0, 7)).toEqual(["version", "lead_id", "scoring_at", "score", "tier", "fit_score", "engagement_score"]);
    for (const id of ["senior_title", "demo_request", "company_size", "budget_confirmed_yes"]) expect(header).toContain(id);
    expect(csv.length).toBe(LEADS * VERSIONS.length);
    for (const v of VERSIONS) expect(csv.filter((r) => r.version === v).length).toBe(LEADS);
    expect(new Set(csv.map((r) => r.lead_id)).size).toBe(LEADS);
    for (const r of csv.slice(0, 50)) {
      expect(r.scoring_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(["ignore", "nurture", "sales-ready"]).toContain(r.tier);
      expect(Number.isFinite(Number(r.score))).toBe(true);
      expect(Number(r.fit_score) + Number(r.engagement_score)).toBe(Number(r.score));
    }
    // A criterion of another version is empty; the version's own are numbers.
    const s1 = csv.find((r) => r.version === "starting@1")!;
    expect(s1.budget_confirmed_yes).toBe("");
    expect(s1.senior_title).toMatch(/^-?\d/);
  });

  it("quotes CSV fields as RFC 4180 says", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(2.5)).toBe("2.5");
  });

  it("writes JSON to a file with --format json --out, the same scores as the CSV", async () => {
    const file = path.join(tmp, "scores.json");
    const r = await run("score", "--dataset", dataset, "--models", models, "--format", "json", "--out", file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const rows = JSON.parse(readFileSync(file, "utf8")) as { version: string; lead_id: string; scoring_at: string; score: number; tier: string; fit_score: number; engagement_score: number; points: Record<string, number> }[];
    expect(rows.length).toBe(LEADS * VERSIONS.length);
    expect(Object.keys(rows[0])).toEqual(["version", "lead_id", "scoring_at", "score", "tier", "fit_score", "engagement_score", "points"]);
    const gt = JSON.parse(readFileSync(path.join(models, "ground-truth-v1.json"), "utf8"));
    const row = rows.find((x) => x.version === "ground-truth@1")!;
    expect(Object.keys(row.points)).toEqual(gt.criteria.map((c: { id: string }) => c.id));
    // Uncapped model: the score is the sum of the points.
    expect(Object.values(row.points).reduce((a, b) => a + b, 0)).toBeCloseTo(row.score, 9);
    const byKey = new Map(csv.map((c) => [`${c.version}|${c.lead_id}`, c]));
    for (const x of rows) {
      const c = byKey.get(`${x.version}|${x.lead_id}`)!;
      expect(Number(c.score)).toBe(x.score);
      expect(c.tier).toBe(x.tier);
    }
  });

  it("scores only the versions chosen with --version", async () => {
    const r = await run("score", "--dataset", dataset, "--models", models, "--version", "starting@2", "--version", "ground-truth@1");
    expect(r.code).toBe(0);
    const rows = records(r.stdout);
    expect(rows.length).toBe(2 * LEADS);
    expect(new Set(rows.map((x) => x.version))).toEqual(new Set(["starting@2", "ground-truth@1"]));
    const unknown = await run("score", "--dataset", dataset, "--models", models, "--version", "starting@9");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("starting@9");
  });

  it("prints an invalid model file's error and a model that does not fit the data, scores the others, exits with 1", async () => {
    const dir = path.join(tmp, "models-with-errors");
    mkdirSync(dir);
    copyFileSync(path.join(models, "starting-v2.json"), path.join(dir, "starting-v2.json"));
    const broken = JSON.parse(readFileSync(path.join(models, "starting-v1.json"), "utf8"));
    broken.criteria[0].points = 2.5;
    writeFileSync(path.join(dir, "broken.json"), JSON.stringify(broken));
    writeFileSync(path.join(dir, "not-json.json"), "{ nope");
    const misfit = JSON.parse(readFileSync(path.join(models, "starting-v1.json"), "utf8"));
    misfit.id = "misfit";
    misfit.dataset.columns.no_such_column = "string";
    writeFileSync(path.join(dir, "misfit.json"), JSON.stringify(misfit));
    const r = await run("score", "--dataset", dataset, "--models", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.json: criteria\[0\]\.points: points must be an integer/);
    expect(r.stderr).toMatch(/not-json\.json: not valid JSON/);
    expect(r.stderr).toMatch(/model misfit v1: .*"no_such_column" is missing/);
    const rows = records(r.stdout);
    expect(rows.length).toBe(LEADS);
    expect(new Set(rows.map((x) => x.version))).toEqual(new Set(["starting@2"]));
  });

  it("prints the validation problems and exits with 1 on unusable data", async () => {
    const d = JSON.parse(readFileSync(dataset, "utf8"));
    d.leads.id = "no_such_id";
    const bad = path.join(tmp, "unusable.dataset.json");
    writeFileSync(bad, JSON.stringify(d));
    const r = await run("score", "--dataset", bad, "--models", models);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("is not usable");
    expect(r.stderr).toContain("no_such_id");
  });

  it("gives the same scores on the native engine", async () => {
    const r = await run("score", "--dataset", dataset, "--models", models, "--engine", "native", "--version", "starting@2");
    expect(r.code, r.stderr).toBe(0);
    const native = records(r.stdout);
    const wasm = csv.filter((x) => x.version === "starting@2");
    expect(native.length).toBe(wasm.length);
    native.forEach((x, i) => {
      expect(x.lead_id).toBe(wasm[i].lead_id);
      expect(x.scoring_at).toBe(wasm[i].scoring_at);
      expect(Number(x.score)).toBeCloseTo(Number(wasm[i].score), 9);
      expect(x.tier).toBe(wasm[i].tier);
    });
  });

  it("takes --window and rejects a bad one", async () => {
    const r = await run("score", "--dataset", dataset, "--models", models, "--version", "starting@1", "--window", "7");
    expect(r.code).toBe(0);
    const rows = records(r.stdout);
    expect(rows.length).toBe(LEADS);
    const base = new Map(csv.filter((x) => x.version === "starting@1").map((x) => [x.lead_id, x.scoring_at]));
    expect(rows.some((x) => x.scoring_at < base.get(x.lead_id)!)).toBe(true);
    expect((await run("score", "--window", "0")).code).toBe(2);
    expect((await run("score", "--format", "xml")).code).toBe(2);
  });
});

describe("leadscore evaluate", () => {
  type Out = {
    dataset: string;
    asOf: string;
    current: string;
    outcomes: { won: number; lost: number; open: number; byRule: { rule: string; outcome: string; count: number }[] };
    versions: { version: string; current: boolean; smallSample: { fewWins: boolean; smallBands: number }; evaluation: { n: number; nWon: number; auc: { auc: number }; calibration: { mapSource: string } } }[];
    comparisons: { a: string; b: string; aucA: number; aucB: number; deltaAuc: number; ci95: [number, number]; p: number }[];
  };
  let out: Out;
  let scores: Map<string, { scores: number[]; labels: number[] }>;
  beforeAll(async () => {
    const r = await run("evaluate", "--dataset", dataset, "--models", models);
    expect(r.code, r.stderr).toBe(0);
    out = JSON.parse(r.stdout);
    const s = await run("score", "--dataset", dataset, "--models", models);
    scores = new Map();
    for (const row of records(s.stdout)) {
      const o = outcome.get(row.lead_id)!;
      if (o < 0) continue;
      const e = scores.get(row.version) ?? { scores: [], labels: [] };
      e.scores.push(Number(row.score));
      e.labels.push(o);
      scores.set(row.version, e);
    }
  });

  it("prints the dataset, asOf, outcome counts by rule and one evaluation per version", () => {
    expect(out.dataset).toBe("CLI test sample (2,000 leads)");
    expect(out.asOf).toBe("2026-01-01 00:00:00");
    expect(out.outcomes.won + out.outcomes.lost + out.outcomes.open).toBe(LEADS);
    expect(out.outcomes.byRule.reduce((s, b) => s + b.count, 0)).toBe(LEADS);
    expect(out.versions.map((v) => v.version).sort()).toEqual([...VERSIONS].sort());
    expect(out.current).toBe("starting@2");
    for (const v of out.versions) {
      expect(v.evaluation.n).toBe(out.outcomes.won + out.outcomes.lost); // open leads excluded
      expect(v.smallSample.fewWins).toBe(v.evaluation.nWon < 100);
      expect(typeof v.smallSample.smallBands).toBe("number");
    }
    expect(out.versions.find((v) => v.version === "ground-truth@1")!.evaluation.calibration.mapSource).toBe("given");
  });

  it("gives each version its fit/engagement grid (counts add up to the labelled leads) and the sub-score comparison", () => {
    type Fe = { status: string; grid: { leads: number; cells: { cell: string; leads: number; won: number }[] }; comparison: { kinds: { kind: string; auc: number }[]; weight: { ratio: number | null } } };
    for (const v of out.versions as unknown as { version: string; evaluation: { n: number; nWon: number }; fitEngagement: Fe }[]) {
      const fe = v.fitEngagement;
      expect(fe.status, v.version).toBe("ok");
      expect(fe.grid.cells.map((c) => c.cell).slice(0, 5)).toEqual(["A1", "A2", "A3", "A4", "B1"]);
      expect(fe.grid.cells.reduce((a, c) => a + c.leads, 0)).toBe(v.evaluation.n);
      expect(fe.grid.cells.reduce((a, c) => a + c.won, 0)).toBe(v.evaluation.nWon);
      expect(fe.comparison.kinds.map((k) => k.kind)).toEqual(["fit", "engagement", "total"]);
      const total = fe.comparison.kinds[2].auc;
      expect(total).toBeCloseTo((v as unknown as { evaluation: { auc: { auc: number } } }).evaluation.auc.auc, 12);
    }
  });

  it("gives each version the AUC that lib/metrics auc computes from `score` output", () => {
    for (const v of out.versions) {
      const s = scores.get(v.version)!;
      expect(s.labels.length).toBe(v.evaluation.n);
      expect(v.evaluation.auc.auc).toBeCloseTo(auc(s.scores, s.labels), 12);
    }
  });

  it("compares the current version with each other one by default (paired DeLong)", () => {
    expect(out.comparisons.map((c) => [c.a, c.b])).toEqual(out.versions.filter((v) => v.version !== "starting@2").map((v) => ["starting@2", v.version]));
    for (const c of out.comparisons) {
      const A = scores.get(c.a)!;
      const B = scores.get(c.b)!;
      const d = delongPaired(A.scores, B.scores, A.labels);
      expect(c.deltaAuc).toBeCloseTo(d.diff, 12);
      expect(c.ci95[0]).toBeLessThanOrEqual(c.deltaAuc);
      expect(c.ci95[1]).toBeGreaterThanOrEqual(c.deltaAuc);
      expect(c.p).toBeGreaterThanOrEqual(0);
      expect(c.p).toBeLessThanOrEqual(1);
    }
  });

  it("compares two chosen versions with --compare A B, and the ground truth beats the starting model", async () => {
    const r = await run("evaluate", "--dataset", dataset, "--models", models, "--compare", "ground-truth@1", "starting@2");
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as Out;
    expect(o.comparisons).toHaveLength(1);
    const [c] = o.comparisons;
    expect([c.a, c.b]).toEqual(["ground-truth@1", "starting@2"]);
    expect(c.deltaAuc).toBeCloseTo(c.aucA - c.aucB, 12);
    expect(c.deltaAuc).toBeGreaterThan(0.02);
    expect((await run("evaluate", "--compare", "starting@2")).code).toBe(2);
  });
});

describe("the bin script and the shipped model files", () => {
  it("`leadscore --help` (node bin/leadscore.js) lists every command", async () => {
    const { execFileSync } = await import("node:child_process");
    const text = execFileSync(process.execPath, [path.join(ROOT, "bin/leadscore.js"), "--help"], { encoding: "utf8" });
    for (const c of ["sample", "validate", "score", "evaluate"]) expect(text).toMatch(new RegExp(`^  ${c} `, "m"));
  });

  it("data/models/ground-truth-v1.json and data/x-education/models/*.json are valid models", async () => {
    const { parseModel } = await import("../../lib/model/parse.js");
    const gt = parseModel(JSON.parse(readFileSync(path.join(ROOT, "data/models/ground-truth-v1.json"), "utf8")), "ground-truth-v1.json");
    expect([gt.id, gt.version, gt.status]).toEqual(["ground-truth", 1, "draft"]);
    const xe = parseModel(JSON.parse(readFileSync(path.join(ROOT, "data/x-education/models/handmade-v1.json"), "utf8")), "handmade-v1.json");
    const leaky = ["Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"];
    for (const c of Object.keys(xe.dataset.columns)) expect(leaky.includes(c) || c.startsWith("Asymmetrique"), c).toBe(false);
  });

  const xEducation = path.join(ROOT, "test/dataset/fixtures/x-education.dataset.json");
  const leadsCsv = "../shared/data/x-education-leads/Leads.csv";
  it.skipIf(!existsSync(leadsCsv))("the hand-made X Education model reaches an AUC above 0.8 on its data", async () => {
    const r = await run("evaluate", "--dataset", xEducation, "--models", path.join(ROOT, "data/x-education/models"));
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.outcomes).toMatchObject({ won: 3561, lost: 5679, open: 0 });
    expect(o.versions[0].evaluation.auc.auc).toBeGreaterThan(0.8);
    // No activities table: said plainly, no grid or comparison.
    expect(o.versions[0].fitEngagement).toMatchObject({ status: "no-engagement", grid: null, comparison: null });
    expect(o.versions[0].fitEngagement.note).toMatch(/no activities.*no engagement/);
  });
});
