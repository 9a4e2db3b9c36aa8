/**
 * Readable labels of criteria proposed from data: "Age 60 or more",
 * "Visited the pricing page in the last 7 days", "Clicked an email 3 times or
 * more in the last 30 days".
 */

/** Verb phrases of the activity types the workbench knows; others read "Had a "x" activity". */
const VERBS: Record<string, { did: string; times: string }> = {
  pricing_page: { did: "Visited the pricing page", times: "Visited the pricing page" },
  web_visit: { did: "Visited the website", times: "Visited the website" },
  email_open: { did: "Opened an email", times: "Opened emails" },
  email_click: { did: "Clicked an email", times: "Clicked emails" },
  webinar: { did: "Attended a webinar", times: "Attended webinars" },
  demo_request: { did: "Requested a demo", times: "Requested demos" },
  unsubscribe: { did: "Unsubscribed", times: "Unsubscribed" },
  bounce: { did: "Had an email bounce", times: "Had emails bounce" },
};

const verb = (activity: string) => VERBS[activity] ?? { did: `Had a "${activity}" activity`, times: `Had "${activity}" activities` };
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));
const days = (x: number) => `${num(x)} day${x === 1 ? "" : "s"}`;

/**
 * Label of a numeric band [lo, hi) of a column.
 * @example rangeLabel("Age", 60, null) // => "Age 60 or more"
 * @example rangeLabel("Age", null, 30) // => "Age under 30"
 * @example rangeLabel("Age", 30, 45) // => "Age 30 to under 45"
 */
export function rangeLabel(column: string, lo: number | null, hi: number | null): string {
  if (lo === null && hi === null) return `${column}: any value`;
  if (lo === null) return `${column} under ${num(hi as number)}`;
  if (hi === null) return `${column} ${num(lo)} or more`;
  return `${column} ${num(lo)} to under ${num(hi)}`;
}

/**
 * Label of "at least `min` activities in the window".
 * @example countLabel("pricing_page", 3, 30) // => "Visited the pricing page 3 times or more in the last 30 days"
 * @example countLabel("demo_request", 1, 30) // => "Requested a demo in the last 30 days"
 */
export function countLabel(activity: string, min: number, windowDays: number): string {
  const v = verb(activity);
  return min <= 1 ? `${v.did} in the last ${days(windowDays)}` : `${v.times === v.did ? v.did : v.did} ${min} times or more in the last ${days(windowDays)}`;
}

/**
 * Label of "the last activity was between lo and hi days ago".
 * @example recencyLabel("pricing_page", 0, 7) // => "Visited the pricing page in the last 7 days"
 * @example recencyLabel("pricing_page", 7, 21) // => "Last visited the pricing page 7 to 21 days ago"
 */
export function recencyLabel(activity: string, lo: number, hi: number | null): string {
  const v = verb(activity);
  if (lo <= 0 && hi !== null) return `${v.did} in the last ${days(hi)}`;
  const last = `Last: ${v.did.charAt(0).toLowerCase()}${v.did.slice(1)}`;
  if (hi === null) return `${last} ${days(lo)} ago or earlier`;
  return `${last} ${num(lo)} to ${days(hi)} ago`;
}

/** Label of "no such activity in the window". */
export function neverLabel(activity: string, windowDays: number): string {
  return `No "${verb(activity).did.toLowerCase()}" in the last ${days(windowDays)}`;
}

/**
 * Label of one or more categorical levels.
 * @example levelLabel("Lead Source", ["Referral", "Partner"]) // => "Lead Source: Referral or Partner"
 */
export function levelLabel(column: string, values: readonly (string | boolean)[]): string {
  const shown = values.slice(0, 4).map(String);
  const more = values.length > 4 ? ` or ${values.length - 4} more` : "";
  return `${column}: ${shown.length > 1 ? `${shown.slice(0, -1).join(", ")}${more ? ", " + shown[shown.length - 1] + more : " or " + shown[shown.length - 1]}` : shown[0]}`;
}
