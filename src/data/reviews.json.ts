// Lists the review decision files of the dataset the site is built for, as
// raw text, so the pages validate them with lib/decisions parseReviewFiles in
// the browser: an invalid file shows its error in place in the decision log
// while the others keep working. The folder is $LEADSCORE_REVIEWS, else
// data/reviews for the bundled sample only (lib/context-folders): a site
// built for another dataset never carries the sample's decisions. A missing
// folder is an empty log.
import { existsSync } from "node:fs";
import path from "node:path";
import { contextFolder } from "../../lib/context-folders.js";
import { readJsonFolder } from "../../lib/json-folder.js";

const folder = contextFolder("reviews", { dataset: process.env.LEADSCORE_DATASET, given: process.env.LEADSCORE_REVIEWS });
const dir = folder === null ? null : path.resolve(folder);
const files = dir !== null && existsSync(dir) ? readJsonFolder(dir, (file) => `reviews/${file}`) : [];
process.stdout.write(JSON.stringify(files));
