/**
 * The page of the from-data speed bench (bundled by bench/from-data.ts):
 * starts the worker, shows its progress; driven through `window.runFromDataBench`.
 */
import type { SpeedFigures } from "./workload.js";
import type { SpeedReply } from "./worker.js";

declare global {
  interface Window {
    runFromDataBench(n: number): Promise<{ figures: SpeedFigures; wallMs: number; progress: string[] }>;
  }
}

window.runFromDataBench = (n: number) =>
  new Promise((resolve, reject) => {
    const label = document.querySelector("#status") as HTMLElement;
    const worker = new Worker(new URL("./worker.js", location.href), { type: "module" });
    const progress: string[] = [];
    const start = performance.now();
    worker.onmessage = (e: MessageEvent<SpeedReply>) => {
      const r = e.data;
      if (r.type === "progress") {
        label.textContent = r.message;
        if (progress[progress.length - 1] !== r.message) progress.push(r.message);
      } else {
        worker.terminate();
        if (r.type === "error") reject(new Error(r.message));
        else resolve({ figures: r.figures, wallMs: performance.now() - start, progress });
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "the worker failed to start"));
    };
    worker.postMessage({ n });
  });
