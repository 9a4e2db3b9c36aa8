// Lists the workshop vote files in data/workshop/ (CSV or JSON) as raw text,
// so the Workshop page reads and checks them in the browser with
// lib/workshop parseVotes: a bad row shows as a problem in place while the
// other votes keep working. A file named <model id>-v<version>-votes.csv
// names its base model version.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.env.LEADSCORE_WORKSHOP ?? "data/workshop");
let names: string[];
try {
  names = readdirSync(dir).filter((f) => /\.(csv|json)$/i.test(f)).sort();
} catch (e) {
  process.stderr.write(`src/data/workshop.json.ts: cannot list ${dir}: ${(e as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(names.map((file) => ({ file: `workshop/${file}`, text: readFileSync(path.join(dir, file), "utf8") }))));
