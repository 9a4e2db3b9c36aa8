// The dataset description the site is built with: $LEADSCORE_DATASET (a
// dataset description file) or the bundled synthetic sample. File paths are
// rewritten to the files the sibling loaders serve (leads.csv, ...).
import path from "node:path";
import { datasetSource, siteDescription } from "../../../cli/dataset-source.js";
const source = await datasetSource();
process.stdout.write(JSON.stringify({ built: source.descriptionPath ? path.basename(source.descriptionPath) : "sample", description: siteDescription(source.description) }));
