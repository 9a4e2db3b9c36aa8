#!/usr/bin/env node
// The `leadscore` command: registers tsx so the TypeScript CLI runs without a compile step.
import { register } from "tsx/esm/api";
register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
