import { evaluate } from "./evaluate.js";
import { sample } from "./sample.js";
import { score } from "./score.js";
import type { Command } from "./types.js";
import { validate } from "./validate.js";

export const COMMANDS: Record<string, Command> = {
  sample,
  validate,
  score,
  evaluate,
};
