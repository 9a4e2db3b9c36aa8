/**
 * The browser side of bench/fit.ts, run in a dedicated Web Worker (bundled
 * with esbuild): generates the data inside the worker with the seeded
 * generator and times the workloads there (bench/fit-browser/workload.ts),
 * posting progress to the page as the suggestion worker does.
 */
import { bootstrapWorkload, fitWorkload } from "./workload.js";

export interface FitBenchRequest { fitLeads: number; bootLeads: number; replicates: number; fit: boolean; bootstrap: boolean }
export type FitBenchReply =
  | { type: "progress"; message: string; fraction: number }
  | { type: "done"; fit: ReturnType<typeof fitWorkload> | null; bootstrap: ReturnType<typeof bootstrapWorkload> | null }
  | { type: "error"; message: string };

const post = (m: FitBenchReply) => (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(m);

(globalThis as unknown as { onmessage: unknown }).onmessage = (e: MessageEvent<FitBenchRequest>) => {
  const o = e.data;
  try {
    const fit = o.fit ? fitWorkload(o.fitLeads, 1, (message, fraction) => post({ type: "progress", message: `1M fit: ${message}`, fraction: 0.5 * fraction })) : null;
    const bootstrap = o.bootstrap ? bootstrapWorkload(o.bootLeads, 2, o.replicates, (message, fraction) => post({ type: "progress", message, fraction: 0.5 + 0.5 * fraction })) : null;
    post({ type: "done", fit, bootstrap });
  } catch (err) {
    post({ type: "error", message: String((err as Error)?.stack ?? err) });
  }
};
