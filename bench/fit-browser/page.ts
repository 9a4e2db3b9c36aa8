/**
 * The page of the browser fit benchmark (bundled by bench/fit.ts): starts the
 * worker (bench/fit-browser/worker.ts), shows its progress, and meanwhile
 * measures how responsive the main thread stays: the longest gap between
 * requestAnimationFrame callbacks and between 10 ms setInterval ticks while
 * the worker computes. Driven through `window.runFitBench`.
 */
import type { FitBenchReply, FitBenchRequest } from "./worker.js";

export interface Responsiveness {
  /** longest gap between consecutive rAF callbacks / interval ticks (ms) */
  maxFrameGap: number;
  frames: number;
  maxTickGap: number;
  ticks: number;
  progressMessages: number;
  lastProgress: string;
  /** wall time from posting the request to the reply, on the page (ms) */
  wallMs: number;
}

declare global {
  interface Window {
    runFitBench(o: FitBenchRequest): Promise<{ reply: Extract<FitBenchReply, { type: "done" }>; responsiveness: Responsiveness }>;
  }
}

window.runFitBench = (o: FitBenchRequest) =>
  new Promise((resolve, reject) => {
    const bar = document.querySelector("progress") as HTMLProgressElement;
    const label = document.querySelector("#status") as HTMLElement;
    const worker = new Worker(new URL("./worker.js", location.href), { type: "module" });
    let running = true;
    const r: Responsiveness = { maxFrameGap: 0, frames: 0, maxTickGap: 0, ticks: 0, progressMessages: 0, lastProgress: "", wallMs: 0 };
    let lastFrame = performance.now();
    const frame = () => {
      const t = performance.now();
      r.maxFrameGap = Math.max(r.maxFrameGap, t - lastFrame);
      lastFrame = t;
      r.frames++;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(() => {
      lastFrame = performance.now();
      requestAnimationFrame(frame);
    });
    let lastTick = performance.now();
    const interval = setInterval(() => {
      const t = performance.now();
      r.maxTickGap = Math.max(r.maxTickGap, t - lastTick);
      lastTick = t;
      r.ticks++;
    }, 10);
    const start = performance.now();
    const stop = () => {
      running = false;
      clearInterval(interval);
      worker.terminate();
      r.wallMs = performance.now() - start;
    };
    worker.onmessage = (e: MessageEvent<FitBenchReply>) => {
      const m = e.data;
      if (m.type === "progress") {
        r.progressMessages++;
        r.lastProgress = m.message;
        bar.value = m.fraction;
        label.textContent = m.message;
      } else if (m.type === "done") {
        stop();
        label.textContent = "done";
        resolve({ reply: m, responsiveness: r });
      } else {
        stop();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      stop();
      reject(new Error(`worker error: ${e.message}`));
    };
    worker.postMessage(o);
  });
