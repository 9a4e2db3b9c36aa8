/**
 * The column order and SQL type of each sample table: the single source for
 * the CSV header (toCsv) and for the explicit read_csv column types
 * (loadSample), so that the files and the tables cannot disagree.
 */
export type SqlType = "VARCHAR" | "DOUBLE" | "TIMESTAMP";

export const SAMPLE_COLUMNS = {
  leads: [
    ["lead_id", "VARCHAR"],
    ["created_at", "TIMESTAMP"],
    ["industry", "VARCHAR"],
    ["company_size", "DOUBLE"],
    ["job_level", "VARCHAR"],
    ["country", "VARCHAR"],
    ["lead_source", "VARCHAR"],
    ["email_domain_type", "VARCHAR"],
    ["budget_confirmed", "VARCHAR"],
    ["timeline", "VARCHAR"],
    ["use_case", "VARCHAR"],
  ],
  activities: [
    ["lead_id", "VARCHAR"],
    ["activity_type", "VARCHAR"],
    ["occurred_at", "TIMESTAMP"],
  ],
  deals: [
    ["deal_id", "VARCHAR"],
    ["lead_id", "VARCHAR"],
    ["status", "VARCHAR"],
    ["amount", "DOUBLE"],
    ["created_at", "TIMESTAMP"],
    ["closed_at", "TIMESTAMP"],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, SqlType]>>;

export type SampleTable = keyof typeof SAMPLE_COLUMNS;

/** The CSV file name of each table, as returned by toCsv. */
export const SAMPLE_FILES = {
  leads: "leads.csv",
  activities: "activities.csv",
  deals: "deals.csv",
} as const satisfies Record<SampleTable, string>;
