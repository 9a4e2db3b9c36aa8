import { sample } from "./sample.js";
import type { Command } from "./types.js";

export const COMMANDS: Record<string, Command> = {
  sample,
};
