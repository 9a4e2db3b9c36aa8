/**
 * How leads move between tiers from one model version to another, with the
 * win rate of each cell: the question a team asks before adopting a version.
 */
import type { Db } from "../db/types.js";
import { wilson } from "../metrics/wilson.js";
import type { Model } from "../model/schema.js";
import { TIERS, type Tier } from "../model/tiers.js";
import { scoresTableName } from "../scoring/names.js";
import { as, col, count, eq, join, lit, render, select, table } from "../sql/index.js";


export interface MigrationCell {
  from: Tier;
  to: Tier;
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
  const outcome = (o: string) => ({ filter: eq(col("outcome", "o"), lit(o)) });
  const rows = await db.query<{ from: string; to: string; leads: number; won: number; lost: number }>(
    render(select({
      columns: [
        as(col("tier", "sa"), "from"), as(col("tier", "sb"), "to"), as(count(), "leads"),
        as(count(null, outcome("won")), "won"), as(count(null, outcome("lost")), "lost"),
      ],
      from: table(scoresTableName(a), "sa"),
      joins: [
        join(table(scoresTableName(b), "sb"), eq(col("lead_key", "sb"), col("lead_key", "sa"))),
        join(table("leads", "l"), eq(col("lead_key", "l"), col("lead_key", "sa"))),
        join(table("lead_outcomes", "o"), eq(col("lead_id", "o"), col("lead_id", "l"))),
      ],
      groupBy: [col("tier", "sa"), col("tier", "sb")],
    })),
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
