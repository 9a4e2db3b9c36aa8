/**
 * The canonical tables every part of the workbench reads (in DuckDB, on every
 * engine). Loaders (sample data, user CSV through a dataset description)
 * create them; scoring, metrics and review pages only read them.
 *
 * leads       lead_id VARCHAR (unique), created_at TIMESTAMP, then the
 *             attribute columns (any names, VARCHAR / DOUBLE / BOOLEAN);
 *             optional `label` BOOLEAN when outcomes come from a label column.
 *             Once keyed (lib/canonical.ts keyTables): a last column
 *             lead_key INTEGER, dense 0 … n−1 in row order (reserved name).
 * activities  lead_id VARCHAR, activity_type VARCHAR, occurred_at TIMESTAMP.
 *             Once keyed, a VIEW over the compact storage:
 *               activity_events  lead_key INTEGER, type_code (small unsigned
 *                                integer), occurred_at TIMESTAMP; sorted by lead_key
 *               activity_types   type_code, activity_type VARCHAR
 * deals       deal_id VARCHAR, lead_id VARCHAR, status VARCHAR
 *             ('won' | 'lost' | 'open'), amount DOUBLE, created_at TIMESTAMP,
 *             closed_at TIMESTAMP (NULL while open)
 *
 * Timestamps are naive UTC ("YYYY-MM-DD HH:MM:SS"); no SQL may use time
 * zones or the SQL clock functions (DuckDB-WASM would try to load icu).
 */
export const TABLES = {
  leads: "leads",
  activities: "activities",
  deals: "deals",
} as const;

/** The compact activity storage behind the `activities` view (lib/canonical.ts). */
export const ACTIVITY_EVENTS = "activity_events";
export const ACTIVITY_TYPES_TABLE = "activity_types";

export const LEAD_ID = "lead_id";
/** The integer lead key of keyed leads, activity_events, scoring_dates, lead_features and the score tables. */
export const LEAD_KEY = "lead_key";
export const CREATED_AT = "created_at";

export const ACTIVITY_TYPES = [
  "email_open",
  "email_click",
  "web_visit",
  "pricing_page",
  "webinar",
  "demo_request",
  "unsubscribe",
  "bounce",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const DEAL_STATUSES = ["won", "lost", "open"] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
