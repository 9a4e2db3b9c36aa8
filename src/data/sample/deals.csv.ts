// The seeded synthetic sample (deals.csv), generated at build time by the same
// generator as `leadscore sample`.
import { generateSample, toCsv } from "../../../lib/sample/index.js";
process.stdout.write(toCsv(generateSample())["deals.csv"]);
