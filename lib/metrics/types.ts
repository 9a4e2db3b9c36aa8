/**
 * Input types shared by the metrics. Scores may be any numeric array
 * (`number[]`, `Float64Array`, ...); labels are 0/1 (`number[]` or
 * `Uint8Array`), 1 = won, 0 = lost. Open leads must be filtered out first.
 */
export type Scores = ArrayLike<number>;
export type Labels = ArrayLike<number>;
export type Weights = ArrayLike<number>;

/** A two-sided interval [lo, hi]. */
export type Interval = [number, number];
