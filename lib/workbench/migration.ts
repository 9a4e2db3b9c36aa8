/**
 * How leads move between tiers from one model version to another, with the
 * win rate of each cell: the question a team asks before adopting a version.
 */
import type { Db } from "../db/types.js";
import { wilson } from "../metrics/wilson.js";
import type { Model } from "../model/schema.js";
import { scoresTableName } from "../scoring/names.js";
import { quoteIdent } from "../sql/quote.js";

export const TIERS = ["ignore", "nurture", "sales-ready"] as const;
export type TierName = (typeof TIERS)[number];

export interface MigrationCell {
  from: TierName;
  to: TierName;
  leads: number;
  won: number;
  lost: number;
  open: number;
  /** won / (won + lost); null when no lead of the cell has an outcome. */
  winRate: number | null;
  ci: [number, number] | null;
}

/** The 3 × 3 matrix of tier under `a` × tier under `b` over all leads (both versions recomputed). */
export async function migrationMatrix(db: Db, a: Model, b: Model): Promise<MigrationCell[]> {
  const rows = await db.query<{ from: string; to: string; leads: number; won: number; lost: number }>(
    `SELECT sa.tier AS "from", sb.tier AS "to", count(*) AS leads,
       count(*) FILTER (WHERE o.outcome = 'won') AS won, count(*) FILTER (WHERE o.outcome = 'lost') AS lost
     FROM ${quoteIdent(scoresTableName(a))} AS sa
     JOIN ${quoteIdent(scoresTableName(b))} AS sb ON sb.lead_key = sa.lead_key
     JOIN leads AS l ON l.lead_key = sa.lead_key
     JOIN lead_outcomes AS o ON o.lead_id = l.lead_id
     GROUP BY 1, 2`,
  );
  const cells: MigrationCell[] = [];
  for (const from of TIERS)
    for (const to of TIERS) {
      const r = rows.find((x) => x.from === from && x.to === to);
      const leads = Number(r?.leads ?? 0), won = Number(r?.won ?? 0), lost = Number(r?.lost ?? 0);
      const decided = won + lost;
      cells.push({ from, to, leads, won, lost, open: leads - decided, winRate: decided ? won / decided : null, ci: decided ? wilson(won, decided) : null });
    }
  return cells;
}
