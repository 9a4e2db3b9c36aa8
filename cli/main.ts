/**
 * leadscore — the workbench's command line. Each command lives in its own
 * module under cli/commands and returns an exit code.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { COMMANDS } from "./commands/index.js";
import { UsageError } from "./commands/types.js";
import { terminalSafe } from "./terminal.js";

const USAGE = `leadscore — lead-score calibration workbench (command line)

Usage: leadscore <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run \`leadscore <command> --help\` for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`leadscore: unknown command ${JSON.stringify(terminalSafe(name))}. Commands: ${Object.keys(COMMANDS).join(", ")}.`);
    return 2;
  }
  const config: ParseArgsConfig = { args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true };
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`leadscore ${name}: ${(error as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`leadscore ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    console.error(terminalSafe(`leadscore ${name}: ${(error as Error).message}`));
    if (process.env.LEADSCORE_DEBUG) console.error(error);
    return 1;
  }
}
