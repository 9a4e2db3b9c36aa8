// The dataset description the site is built with: $LEADSCORE_DATASET (a
// dataset description file) or the bundled synthetic sample. File paths are
// rewritten to the files the sibling loaders serve (leads.csv, ...).
// contentKey (SHA-256 of the description and the files' bytes) keys the
// browser's cache of the loaded tables: a rebuild with other data never
// reuses another dataset's tables.
import { createHash } from "node:crypto";
import path from "node:path";
import { datasetSource, fileOf, siteDescription } from "../../../lib/dataset/source.js";
import { FILE_KINDS } from "../../../lib/dataset/schema.js";
const source = await datasetSource();
const description = siteDescription(source.description);
const hash = createHash("sha256").update(JSON.stringify(description));
for (const kind of FILE_KINDS) hash.update(`\u0000${kind}\u0000`).update(fileOf(source, kind));
process.stdout.write(JSON.stringify({ built: source.descriptionPath ? path.basename(source.descriptionPath) : "sample", description, contentKey: `built-${hash.digest("hex")}` }));
