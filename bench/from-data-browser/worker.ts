/**
 * The browser side of the from-data speed bench, in a dedicated Web Worker
 * (bundled with esbuild, as the site bundles src/components/from-data-worker.ts):
 * generates the synthetic leads inside the worker and runs suggestFromData,
 * the function the site's worker runs, posting its progress.
 */
import { speedWorkload, type SpeedFigures } from "./workload.js";

export interface SpeedRequest { n: number }
export type SpeedReply = { type: "progress"; message: string; fraction: number } | { type: "done"; figures: SpeedFigures } | { type: "error"; message: string };

const post = (m: SpeedReply) => (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(m);

(globalThis as unknown as { onmessage: unknown }).onmessage = (e: MessageEvent<SpeedRequest>) => {
  try {
    post({ type: "done", figures: speedWorkload(e.data.n, (message, fraction) => post({ type: "progress", message, fraction })) });
  } catch (err) {
    post({ type: "error", message: String((err as Error)?.stack ?? err) });
  }
};
