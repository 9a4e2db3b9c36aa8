// After `observable build`: a page loads its code as about 20 files instead
// of 70–160.
//
// Framework serves every local module (src/components, lib) as its own file
// and preloads them all, and the browser spent 0.2–0.7 s per page fetching
// them from its cache, compiling and linking them before the page's first
// cell ran. This step bundles the local modules of all pages in one esbuild
// build (Framework's own bundler) with code splitting: each page gets an
// entry file, `_import/page-<page>.<hash>.js`, and code that several pages
// import goes into shared chunks `_import/chunk.<hash>.js` (cached and
// compiled once across pages). The npm packages (`_node`, `_npm`) and
// Framework's client (`_observablehq`) stay shared files. The page's imports
// and module preloads are rewritten to its entry and chunks.
//
// What stays the same:
// - the code: a page evaluates the same modules in the same order;
// - `import.meta.url` in a bundled module is still that module's own URL (it
//   is rewritten to it), so file attachments, worker scripts and the code key
//   of the figures kept between visits (src/components/kept-results.ts) are
//   unchanged;
// - web workers (`*-worker.<hash>.js`, started by URL: the Suggestions and
//   Builder pages' fits) keep their URL; each such file is replaced by itself
//   bundled, so a worker too loads one file instead of ~100 one by one
//   (a worker has no preloads: its imports were fetched as a waterfall).
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const IMPORT_RE = /import\("((?:\.\.?\/)+_import\/[^"]+\.js)"\)/g;
const PRELOAD_RE = /<link rel="modulepreload" href="((?:\.\.?\/)+_import\/[^"]+\.js)">\n?/g;

/** The HTML files of a built site, recursively (not inside _-folders, which hold assets). */
function pagesOf(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!name.startsWith("_")) out.push(...pagesOf(p, base));
    } else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

/** Bundles the local modules of every page of the site in `dist`; returns what it did, per page. */
export async function bundlePages(dist) {
  const importDir = path.join(dist, "_import");
  const done = [];
  const pages = [];
  for (const page of pagesOf(dist)) {
    const html = readFileSync(page, "utf8");
    const specs = [...new Set([...html.matchAll(IMPORT_RE)].map((m) => m[1]))];
    if (!specs.length) continue;
    const files = specs.map((s) => path.resolve(path.dirname(page), s));
    const name = path.relative(dist, page).replace(/\.html$/, "").split(path.sep).join("-");
    const entry = files.map((f, i) => `export * as m${i} from ${JSON.stringify("./" + path.relative(importDir, f).split(path.sep).join("/"))};`).join("\n");
    pages.push({ page, html, specs, name, entry });
  }
  if (pages.length) {
    // One build for all pages: code that several pages import goes into shared chunks (cached, and
    // compiled once, across pages); each page's own code into its entry file.
    const result = await esbuild.build({
      ...OPTIONS,
      entryPoints: pages.map((p) => ({ in: `page-entry:${p.name}`, out: `page-${p.name}` })),
      splitting: true,
      outdir: importDir,
      entryNames: "[name].[hash]",
      chunkNames: "chunk.[hash]",
      metafile: true,
      plugins: [pageEntries(new Map(pages.map((p) => [p.name, p.entry])), importDir), localOnly(importDir, importDir)],
    });
    for (const f of result.outputFiles) writeFileSync(f.path, f.text);
    const outputs = result.metafile.outputs;
    const entryOf = new Map(Object.entries(outputs).filter(([, o]) => o.entryPoint).map(([file, o]) => [o.entryPoint, file]));
    // The files a page loads: its entry and, transitively, the chunks it imports statically.
    const closure = (file, seen = new Set()) => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const i of outputs[file].imports) if (!i.external && i.kind === "import-statement") closure(i.path, seen);
      return seen;
    };
    const base = path.relative(process.cwd(), importDir).split(path.sep).join("/");
    for (const p of pages) {
      const entryFile = entryOf.get(`page-entry:${p.name}`);
      if (!entryFile) throw new Error(`bundle-pages: esbuild wrote no entry for ${p.page}`);
      const pageDir = path.dirname(p.page);
      const specOf = (file) => {
        const rel = path.relative(pageDir, path.resolve(process.cwd(), file)).split(path.sep).join("/");
        return rel.startsWith(".") ? rel : `./${rel}`;
      };
      const files = [...closure(entryFile)];
      if (!files.every((f) => f.startsWith(base + "/"))) throw new Error(`bundle-pages: an output of ${p.page} lies outside ${importDir}`);
      const spec = specOf(entryFile);
      // the page's files are preloaded where its modules were
      const links = files.map((f) => `<link rel="modulepreload" href="${specOf(f)}">\n`).join("");
      let preloaded = 0;
      let out = p.html.replace(IMPORT_RE, (_, s) => `import(${JSON.stringify(spec)}).then((m) => m.m${p.specs.indexOf(s)})`);
      out = out.replace(PRELOAD_RE, () => (preloaded++ === 0 ? links : ""));
      if (!preloaded) throw new Error(`bundle-pages: ${p.page} preloads none of the modules it imports; Framework's output changed, check scripts/bundle-pages.mjs`);
      writeFileSync(p.page, out);
      done.push({ page: path.relative(dist, p.page), modules: preloaded, file: path.basename(entryFile), files: files.length, bytes: files.reduce((a, f) => a + outputs[f].bytes, 0) });
    }
  }
  // Web workers (`*-worker.<hash>.js`, started by URL) load one file too: each is replaced by
  // itself bundled (the pages' bundles were made from the original above).
  for (const name of readdirSync(importDir, { recursive: true })) {
    if (!/-worker\.[0-9a-f]{8}\.js$/.test(name)) continue;
    const file = path.join(importDir, name);
    const dir = path.dirname(file);
    const modules = countModules(file, importDir);
    const code = await bundle(`export * from ${JSON.stringify("./" + path.basename(file))};`, dir, dir, importDir);
    writeFileSync(file, code);
    done.push({ page: `(worker) ${name}`, modules, file: name, bytes: code.length });
  }
  return done;
}

/** The number of local modules `file` loads (itself included). */
function countModules(file, importDir, seen = new Set()) {
  if (seen.has(file)) return seen.size;
  seen.add(file);
  for (const m of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
    const abs = path.resolve(path.dirname(file), m[1]);
    if (abs.startsWith(importDir + path.sep)) countModules(abs, importDir, seen);
  }
  return seen.size;
}

/** `entry` (code importing local modules, relative to `resolveDir`) bundled into one ES module that will be written to `outDir`. */
async function bundle(entry, resolveDir, outDir, importDir = outDir) {
  const result = await esbuild.build({
    ...OPTIONS,
    stdin: { contents: entry, resolveDir, sourcefile: "entry.js", loader: "js" },
    plugins: [localOnly(importDir, outDir)],
  });
  return result.outputFiles[0].text;
}

const OPTIONS = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "silent",
};

/** The pages' entries: `page-entry:<page>` is a module re-exporting the page's local modules as m0, m1, … */
function pageEntries(entries, importDir) {
  return {
    name: "leadscore-page-entries",
    setup(build) {
      build.onResolve({ filter: /^page-entry:/ }, (args) => ({ path: args.path.slice("page-entry:".length), namespace: "page-entry" }));
      build.onLoad({ filter: /.*/, namespace: "page-entry" }, (args) => ({ contents: entries.get(args.path), resolveDir: importDir, loader: "js" }));
    },
  };
}

/** Bundles the files under `_import`; anything else (npm packages, Framework's client) stays a shared external file. */
function localOnly(importDir, bundleDir) {
  return {
    name: "leadscore-local-only",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || args.namespace === "page-entry" && !args.path.startsWith(".")) return undefined;
        if (!args.path.startsWith(".")) throw new Error(`bundle-pages: ${args.importer} imports ${args.path}, which is not a relative path (Framework resolves every import at build time)`);
        const abs = path.resolve(args.resolveDir, args.path);
        if (abs.startsWith(importDir + path.sep)) return { path: abs };
        const rel = path.relative(bundleDir, abs).split(path.sep).join("/");
        return { path: rel.startsWith(".") ? rel : `./${rel}`, external: true };
      });
      build.onLoad({ filter: /\.js$/, namespace: "file" }, (args) => {
        let text = readFileSync(args.path, "utf8");
        const own = "./" + path.relative(bundleDir, args.path).split(path.sep).join("/");
        text = text.replaceAll("import.meta.url", `new URL(${JSON.stringify(own)}, import.meta.url).href`);
        if (/import\.meta(?!\.url)/.test(text.replaceAll("import.meta.url", ""))) throw new Error(`bundle-pages: ${args.path} uses import.meta other than import.meta.url; teach scripts/bundle-pages.mjs to rewrite it`);
        return { contents: text, loader: "js", resolveDir: path.dirname(args.path) };
      });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dist = path.resolve(process.argv[2] ?? "dist");
  for (const d of await bundlePages(dist)) console.log(`${d.page}: ${d.modules} module preloads → ${d.file} (${(d.bytes / 1024).toFixed(0)} KB)`);
}
