// Lists the review decision files in data/reviews/ (or $LEADSCORE_REVIEWS) as
// raw text, so the pages validate them with lib/reviews parseReviewFiles in
// the browser: an invalid file shows its error in place in the decision log
// while the others keep working. A missing folder is an empty log.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.env.LEADSCORE_REVIEWS ?? "data/reviews");
const files = existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")).sort()
  : [];
process.stdout.write(JSON.stringify(files.map((file) => ({ file: `reviews/${file}`, text: readFileSync(path.join(dir, file), "utf8") }))));
