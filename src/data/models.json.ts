// Lists the scoring-model versions in data/models/ as raw text, so each page
// validates them with parseModel in the browser: an invalid file shows its
// error in place while the other versions keep working.
import path from "node:path";
import { readJsonFolder } from "../../lib/json-folder.js";

const dir = path.resolve(process.env.LEADSCORE_MODELS ?? "data/models");
process.stdout.write(JSON.stringify(readJsonFolder(dir, (file) => `models/${file}`)));
