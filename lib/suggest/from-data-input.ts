/**
 * The input of a suggestion from data (no model needed): per labelled lead
 * its outcome, creation time, every usable leads column and, per activity
 * type, the ages (days before the lead's scoring date) of its activities in
 * the scoring window. Plain arrays only, so it can be posted to a Web Worker.
 */

export type InputColumn =
  /** NaN = missing. */
  | { name: string; kind: "number"; values: Float64Array }
  /** null = missing. */
  | { name: string; kind: "string" | "boolean"; values: (string | boolean | null)[] };

export interface ActivityInput {
  type: string;
  /** CSR over leads: the ages of lead i are ages[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  /** Age in days (scoring date − occurred_at), ≥ 0; suggestFromData keeps those < windowDays (a reader may pass older ones). */
  ages: Float32Array;
}

export interface FromDataInput {
  n: number;
  leadIds: string[];
  /** 1 won, 0 lost. */
  labels: Uint8Array;
  createdMs: Float64Array;
  columns: InputColumn[];
  activities: ActivityInput[];
  /** The activity window, days before the scoring date. */
  windowDays: number;
  /** The dataset's name (goes into the draft's change note). */
  dataset?: string;
}

/** Throws with the offending field when the arrays disagree in length (a bug of the reader). */
export function checkInput(input: FromDataInput): void {
  const { n } = input;
  const bad = (what: string, len: number) => {
    throw new Error(`suggestFromData: ${what} has ${len} entries for ${n} leads; every array needs one entry per lead.`);
  };
  if (input.labels.length !== n) bad("labels", input.labels.length);
  if (input.createdMs.length !== n) bad("createdMs", input.createdMs.length);
  for (const c of input.columns) if (c.values.length !== n) bad(`column ${JSON.stringify(c.name)}`, c.values.length);
  for (const a of input.activities) if (a.offsets.length !== n + 1) bad(`activity ${JSON.stringify(a.type)} offsets (n + 1 expected)`, a.offsets.length);
  if (!(input.windowDays > 0)) throw new Error(`suggestFromData: windowDays must be > 0; received ${input.windowDays}.`);
}

/**
 * The input in a canonical order, so a model from data does not depend on the
 * order the rows happened to be read in (a browser restoring cached tables, a
 * reader on another engine, a file sorted otherwise): leads sorted by lead id
 * (UTF-16 code-unit order, as `<` on strings, ties by position) and each lead's
 * activity ages ascending. `order[k]` is the position in `input` of canonical
 * row k, or null when the input is already canonical (then it is returned as
 * it is, no copy).
 */
export function canonicalInput(input: FromDataInput): { input: FromDataInput; order: Int32Array | null } {
  const ids = input.leadIds;
  let sorted = ids.length === input.n;
  for (let i = 1; sorted && i < input.n; i++) if (!(ids[i - 1] < ids[i])) sorted = false;
  const agesSorted = (a: ActivityInput) => {
    for (let i = 0; i < input.n; i++) for (let e = a.offsets[i] + 1; e < a.offsets[i + 1]; e++) if (a.ages[e - 1] > a.ages[e]) return false;
    return true;
  };
  if (sorted && input.activities.every(agesSorted)) return { input, order: null };
  let order: Int32Array | null = null;
  if (!sorted) {
    const idx = Array.from({ length: input.n }, (_, i) => i);
    idx.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
    order = Int32Array.from(idx);
  }
  const at = (k: number) => (order ? order[k] : k);
  const n = input.n;
  const columns: InputColumn[] = input.columns.map((c) =>
    c.kind === "number" ? { name: c.name, kind: "number", values: Float64Array.from({ length: n }, (_, k) => c.values[at(k)]) } : { name: c.name, kind: c.kind, values: Array.from({ length: n }, (_, k) => c.values[at(k)]) },
  );
  const activities: ActivityInput[] = input.activities.map((a) => {
    const offsets = new Int32Array(n + 1);
    const ages = new Float32Array(a.ages.length);
    let w = 0;
    for (let k = 0; k < n; k++) {
      const i = at(k);
      const from = w;
      let asc = true;
      for (let e = a.offsets[i]; e < a.offsets[i + 1]; e++) {
        ages[w] = a.ages[e];
        if (w > from && ages[w - 1] > ages[w]) asc = false;
        w++;
      }
      if (!asc) ages.subarray(from, w).sort();
      offsets[k + 1] = w;
    }
    return { type: a.type, offsets, ages };
  });
  return {
    input: {
      ...input,
      leadIds: Array.from({ length: n }, (_, k) => ids[at(k)]),
      labels: Uint8Array.from({ length: n }, (_, k) => input.labels[at(k)]),
      createdMs: Float64Array.from({ length: n }, (_, k) => input.createdMs[at(k)]),
      columns,
      activities,
    },
    order,
  };
}
