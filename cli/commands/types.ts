import type { ParseArgsConfig } from "node:util";

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** A mistake in the command line itself: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
