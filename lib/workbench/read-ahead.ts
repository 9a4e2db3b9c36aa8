/**
 * Reads per version, one ahead: asking for a version's read starts the next
 * version's too, so the engine (its own worker) reads it while the page
 * computes figures on the one it has. On a first visit a page needs every
 * version; a version whose figures are kept is never asked for, and then
 * only the one after it may have been read for nothing.
 */
export interface ReadAhead<M, T> {
  /** The version's read, started now if it was not yet. */
  of(model: M): Promise<T>;
  /** The version's read, with the next version's started meanwhile. */
  take(model: M): Promise<T>;
}

/**
 * @param models the versions in the order the page goes through them
 * @param read one version's read
 * @param options forget: drop a taken read once it has settled, so its
 *   arrays can be freed once the page is done with them (else kept for `of`)
 */
export function readAhead<M, T>(models: readonly M[], read: (model: M) => Promise<T>, options: { forget?: boolean } = {}): ReadAhead<M, T> {
  const started = new Map<M, Promise<T>>();
  const of = (model: M) => {
    let p = started.get(model);
    if (!p) started.set(model, (p = read(model)));
    return p;
  };
  return {
    of,
    take(model: M) {
      const p = of(model);
      const next = models[models.indexOf(model) + 1];
      // A read started ahead that fails is reported when its version is taken; never unhandled meanwhile.
      if (next !== undefined) of(next).catch(() => {});
      if (options.forget) p.then(() => started.delete(model), () => started.delete(model));
      return p;
    },
  };
}
