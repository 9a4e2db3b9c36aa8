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
  /** Age in days (scoring date − occurred_at), 0 ≤ age < windowDays. */
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
