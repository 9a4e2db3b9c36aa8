/**
 * Loads a what-if engine (whatif-engine.ts) from the database: the model's
 * unit columns (units.ts, a SQL tree) and the outcomes, read in one query.
 */
import type { Db } from "../db/types.js";
import type { Model } from "../model/schema.js";
import { render } from "../sql/index.js";
import { unitSlots, unitsSelect } from "./units.js";
import { WhatIf, type WhatIfOptions } from "./whatif-engine.js";

/**
 * Reads the units (and outcomes from `outcomes`, a table or view with lead_id
 * and 'won' / 'lost' / other text) and builds a WhatIf with the model's caps.
 * Needs scoring_dates and lead_features (recompute.ts) covering the model.
 */
export async function loadWhatIf(db: Db, model: Model, outcomes: { table: string; column: string }, options: WhatIfOptions = {}): Promise<WhatIf> {
  const cols = await db.queryColumns(render(unitsSelect(model, { outcomes, ids: false, ordered: false })));
  return WhatIf.fromColumns(unitSlots(model), cols, cols.columns.outcome as ArrayLike<number>, { caps: model.caps, ...options });
}
