// Lists the scoring-model versions in data/models/ as raw text, so each page
// validates them with parseModel in the browser: an invalid file shows its
// error in place while the other versions keep working.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.env.LEADSCORE_MODELS ?? "data/models");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
  .sort();
process.stdout.write(JSON.stringify(files.map((file) => ({ file: `models/${file}`, text: readFileSync(path.join(dir, file), "utf8") }))));
