/**
 * Row and option types of the synthetic lead funnel. Timestamps are epoch
 * milliseconds (UTC, whole seconds) in memory; `toCsv` writes them as
 * "YYYY-MM-DD HH:MM:SS". Missing attribute values are `null` (empty CSV cell).
 */
import type { ActivityType, DealStatus } from "../tables.js";

export interface SampleOptions {
  /** 32-bit unsigned integer; default 42. */
  seed?: number;
  /** Number of leads; default 24000. */
  leads?: number;
  /** First day, "YYYY-MM-DD" (UTC); default "2024-01-01". */
  start?: string;
  /** Calendar months covered from `start`; default 24. */
  months?: number;
}

export interface LeadRow {
  lead_id: string;
  created_at: number;
  industry: string;
  company_size: number | null;
  job_level: string | null;
  country: string | null;
  lead_source: string;
  email_domain_type: string;
  budget_confirmed: string | null;
  timeline: string | null;
  use_case: string | null;
}

export interface ActivityRow {
  lead_id: string;
  activity_type: ActivityType;
  occurred_at: number;
}

export interface DealRow {
  deal_id: string;
  lead_id: string;
  status: DealStatus;
  amount: number;
  created_at: number;
  closed_at: number | null;
}

export interface SampleMeta {
  seed: number;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day covered (inclusive), "YYYY-MM-DD". */
  end: string;
  months: number;
  /** The data snapshot instant: nothing happens at or after it ("YYYY-MM-DD HH:MM:SS"). */
  asOf: string;
  /** First day of the drifted regime (start + GROUND_TRUTH.drift.fromMonth months); null when the period ends earlier. */
  driftFrom: string | null;
  counts: { leads: number; activities: number; deals: number };
}

export interface SampleData {
  leads: LeadRow[];
  activities: ActivityRow[];
  deals: DealRow[];
  meta: SampleMeta;
}
