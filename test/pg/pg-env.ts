/**
 * The PostgreSQL of the tests (scripts/pg.sh, started by scripts/test.sh):
 * LEADSCORE_TEST_PG is its URL. Tests that need it skip ONLY when that is
 * unset and LEADSCORE_PG_REQUIRED is not 1; with LEADSCORE_PG_REQUIRED=1 (as
 * test.sh sets) a missing server fails the run instead.
 * Each test file works in a database of its own, dropped at the end.
 */
import { it } from "vitest";
import { openPg, type Pg } from "../../lib/db/postgres.js";

export const PG_URL = process.env.LEADSCORE_TEST_PG || "";
export const PG_REQUIRED = process.env.LEADSCORE_PG_REQUIRED === "1";
/** True when the PostgreSQL tests are skipped (no server given, none required). */
export const SKIP_PG = !PG_URL && !PG_REQUIRED;

if (SKIP_PG) console.warn("PostgreSQL tests skipped: LEADSCORE_TEST_PG is unset (npm test starts a server: scripts/pg.sh).");

/**
 * Call at a test file's top level, with the PostgreSQL tests in
 * describe.skipIf(!PG_URL): adds a failing test when PostgreSQL is required
 * but not given (so CI fails rather than skips).
 */
export function requirePg(): void {
  if (!PG_URL && PG_REQUIRED) {
    it("has a PostgreSQL server (LEADSCORE_PG_REQUIRED=1)", () => {
      throw new Error("LEADSCORE_PG_REQUIRED=1 but LEADSCORE_TEST_PG is unset: start one with `bash scripts/pg.sh start` (scripts/test.sh does).");
    });
  }
}

/** A new database on the test server (name from `prefix` and a random suffix); its URL and a drop function. */
export async function testDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = await openPg(PG_URL);
  await admin.exec(`CREATE DATABASE "${name}"`);
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = await openPg(PG_URL);
      await a.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.close();
    },
  };
}

export type { Pg };
