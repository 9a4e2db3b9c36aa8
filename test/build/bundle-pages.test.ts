// scripts/bundle-pages.mjs on a small built site made here: the page's local
// modules become one file, its imports and preloads point to it, the shared
// files (Framework's client, npm packages) stay shared, `import.meta.url` is
// still each module's own URL, and a worker module is bundled in place.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain ES module script (no types)
import { bundlePages } from "../../scripts/bundle-pages.mjs";

let dist: string;
const w = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(dist, rel)), { recursive: true });
  writeFileSync(path.join(dist, rel), text);
};

beforeAll(() => {
  dist = mkdtempSync(path.join(os.tmpdir(), "bundle-pages-"));
  w("_observablehq/stdlib.11111111.js", `export const shared = { loads: 0 }; shared.loads++;\n`);
  w("_node/pkg/index.22222222.js", `export const pkg = (x) => "pkg:" + x;\n`);
  w("_import/lib/util.33333333.js", `import { pkg } from "../../_node/pkg/index.22222222.js";\nexport const util = (x) => pkg(x) + "!";\nexport const utilUrl = import.meta.url;\n`);
  w("_import/components/view.44444444.js", `import { shared } from "../../_observablehq/stdlib.11111111.js";\nimport { util, utilUrl } from "../lib/util.33333333.js";\nexport const view = () => util("v");\nexport const urls = () => [import.meta.url, utilUrl];\nexport const sharedLoads = () => shared.loads;\n`);
  w("_import/components/calc-worker.55555555.js", `import { util } from "../lib/util.33333333.js";\nexport const WORKER_URL = import.meta.url;\nexport const work = () => util("w");\n`);
  w("_import/components/other.66666666.js", `import { util } from "../lib/util.33333333.js";\nexport const other = () => util("o");\n`);
  w(
    "other.html",
    `<html><head>\n<link rel="modulepreload" href="./_import/components/other.66666666.js">\n<link rel="modulepreload" href="./_import/lib/util.33333333.js">\n</head><body><script type="module">\nconst [{other}] = await Promise.all([import("./_import/components/other.66666666.js")]);\n</script></body></html>\n`,
  );
  w(
    "page.html",
    `<html><head>\n<link rel="modulepreload" href="./_observablehq/stdlib.11111111.js">\n<link rel="modulepreload" href="./_import/components/view.44444444.js">\n<link rel="modulepreload" href="./_import/lib/util.33333333.js">\n<link rel="modulepreload" href="./_node/pkg/index.22222222.js">\n</head><body><script type="module">\nconst [{view}, {work}] = await Promise.all([import("./_import/components/view.44444444.js"), import("./_import/components/calc-worker.55555555.js")]);\n</script></body></html>\n`,
  );
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe("bundlePages", () => {
  it("rewrites a page to one bundle of its local modules, keeping shared files and each module's own URL", async () => {
    const done = await bundlePages(dist);
    const page = done.find((d: { page: string }) => d.page === "page.html");
    expect(page.modules).toBe(2); // the two _import preloads
    const html = readFileSync(path.join(dist, "page.html"), "utf8");
    const bundle = page.file as string;
    expect(bundle).toMatch(/^page-page\.[0-9A-Z]{8}\.js$/);
    expect(html).not.toMatch(/_import\/(components|lib)\//);
    expect(html).toContain(`<link rel="modulepreload" href="./_import/${bundle}">`);
    expect(html).toContain(`<link rel="modulepreload" href="./_observablehq/stdlib.11111111.js">`);
    expect(html).toContain(`<link rel="modulepreload" href="./_node/pkg/index.22222222.js">`);
    expect(html).toContain(`import("./_import/${bundle}").then((m) => m.m0), import("./_import/${bundle}").then((m) => m.m1)`);

    const code = readFileSync(path.join(dist, "_import", bundle), "utf8");
    expect(code).toContain(`"../_observablehq/stdlib.11111111.js"`); // external, relative to _import/
    // util is shared with other.html: it is in a chunk that both pages preload
    const other = done.find((d: { page: string }) => d.page === "other.html");
    const otherHtml = readFileSync(path.join(dist, "other.html"), "utf8");
    const chunks = (h: string) => [...h.matchAll(/href="\.\/_import\/(chunk\.[0-9A-Z]{8}\.js)"/g)].map((m) => m[1]);
    expect(chunks(html).length).toBeGreaterThan(0);
    expect(chunks(otherHtml)).toEqual(chunks(html).filter((c) => chunks(otherHtml).includes(c)));
    expect(chunks(html).filter((c) => chunks(otherHtml).includes(c)).length).toBeGreaterThan(0);
    expect(readFileSync(path.join(dist, "_import", other.file), "utf8")).not.toContain(`"pkg:"`); // util is not copied into each page
    const mod = await import(pathToFileURL(path.join(dist, "_import", bundle)).href);
    expect(mod.m0.view()).toBe("pkg:v!");
    expect((await import(pathToFileURL(path.join(dist, "_import", other.file)).href)).m0.other()).toBe("pkg:o!");
    expect(mod.m1.work()).toBe("pkg:w!");
    // the shared file is the same instance the page's other imports get
    expect(mod.m0.sharedLoads()).toBe(1);
    expect(mod.m0.urls()).toEqual([pathToFileURL(path.join(dist, "_import/components/view.44444444.js")).href, pathToFileURL(path.join(dist, "_import/lib/util.33333333.js")).href]);
    expect(mod.m1.WORKER_URL).toBe(pathToFileURL(path.join(dist, "_import/components/calc-worker.55555555.js")).href);
  });

  it("bundles a worker module in place: it loads no other local module and keeps its own URL", async () => {
    const worker = path.join(dist, "_import/components/calc-worker.55555555.js");
    const code = readFileSync(worker, "utf8");
    expect(code).not.toMatch(/from\s*"\.\.?\/(lib|components)\//);
    expect(code).toContain(`"../../_node/pkg/index.22222222.js"`);
    const mod = await import(pathToFileURL(worker).href + "?bundled");
    expect(mod.work()).toBe("pkg:w!");
    expect(mod.WORKER_URL.split("?")[0]).toBe(pathToFileURL(worker).href);
    // the original local modules stay (a worker of an older page may still ask for them)
    expect(readdirSync(path.join(dist, "_import/lib"))).toEqual(["util.33333333.js"]);
  });

  it("refuses a module whose import.meta it cannot rewrite", async () => {
    const bad = mkdtempSync(path.join(os.tmpdir(), "bundle-pages-bad-"));
    try {
      mkdirSync(path.join(bad, "_import"));
      writeFileSync(path.join(bad, "_import/a.12345678.js"), `export const f = () => import.meta.resolve("./x.js");\n`);
      writeFileSync(path.join(bad, "p.html"), `<link rel="modulepreload" href="./_import/a.12345678.js">\n<script type="module">import("./_import/a.12345678.js")</script>`);
      await expect(bundlePages(bad)).rejects.toThrow(/import\.meta other than import\.meta\.url/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
