// Lists the workshop vote files (CSV or JSON) of the dataset the site is
// built for, as raw text, so the Workshop page reads and checks them in the
// browser with lib/workshop parseVotes: a bad row shows as a problem in place
// while the other votes keep working. A file named
// <model id>-v<version>-votes.csv names its base model version. The folder is
// $LEADSCORE_WORKSHOP, else data/workshop for the bundled sample only
// (lib/context-folders): a site built for another dataset never offers the
// sample's votes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { contextFolder } from "../../lib/context-folders.js";

const folder = contextFolder("workshop", { dataset: process.env.LEADSCORE_DATASET, given: process.env.LEADSCORE_WORKSHOP });
const dir = folder === null ? null : path.resolve(folder);
let names: string[] = [];
if (dir !== null) {
  try {
    names = readdirSync(dir).filter((f) => /\.(csv|json)$/i.test(f)).sort();
  } catch (e) {
    process.stderr.write(`src/data/workshop.json.ts: cannot list ${dir}: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(names.map((file) => ({ file: `workshop/${file}`, text: readFileSync(path.join(dir!, file), "utf8") }))));
