// The activities file of the dataset the site is built with (raw bytes; the browser validates them with loadDataset).
import { datasetSource, fileOf } from "../../../lib/dataset/source.js";
process.stdout.write(fileOf(await datasetSource(), "activities"));
