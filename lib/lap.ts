/**
 * A lap timer for the timings a step reports: each call returns the
 * milliseconds since the previous call (the first: since the timer was made).
 * @example const lap = lapTimer(); work(); const ms = lap();
 */
export function lapTimer(now: () => number = () => performance.now()): () => number {
  let t = now();
  return () => {
    const n = now();
    const ms = n - t;
    t = n;
    return ms;
  };
}
