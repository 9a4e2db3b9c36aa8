import { evaluate } from "./evaluate.js";
import { load } from "./load.js";
import { report } from "./report.js";
import { serve } from "./serve.js";
import { sql } from "./sql.js";
import { sample } from "./sample.js";
import { score } from "./score.js";
import { suggest } from "./suggest.js";
import type { Command } from "./types.js";
import { validate } from "./validate.js";

export const COMMANDS: Record<string, Command> = {
  sample,
  validate,
  load,
  sql,
  score,
  evaluate,
  suggest,
  report,
  serve,
};
