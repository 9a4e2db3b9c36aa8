/** Every page of the config, read from it, so a new page is tested without editing the tests. */
import { readFileSync } from "node:fs";

export const PAGES = [...readFileSync("observablehq.config.ts", "utf8").matchAll(/path: "([^"]+)"/g)].map((m) => m[1]);
