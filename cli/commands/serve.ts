import type { Command } from "./types.js";
import { UsageError } from "./types.js";

export const serve: Command = {
  summary: "serve a built site or report folder on http://127.0.0.1 (static files only, nothing else)",
  usage: `Usage: leadscore serve [DIR] [--port N]

Serves DIR (default dist/) on 127.0.0.1, the way any static web host would:
the built pages use ES module scripts, which browsers refuse to run from
file:// URLs. Stop with Ctrl-C.

Options:
  --port N   port   [default: 3001; 0 picks a free one]`,
  options: { port: { type: "string" } },
  async run(values, positionals) {
    if (positionals.length > 1) throw new UsageError(`one folder at most; got ${positionals.join(" ")}`);
    const port = values.port === undefined ? 3001 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
    const fs = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(positionals[0] ?? "dist");
    if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`${dir} holds no index.html: build it first (npm run build, or leadscore report --out ${positionals[0] ?? "DIR"})`);
    const { serve: start } = await import("../static-server.js");
    const server = await start(dir, port);
    process.stderr.write(`serving ${dir} on ${server.url}/ (the report: ${server.url}/report); Ctrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.close();
    return 0;
  },
};
