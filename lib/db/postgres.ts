/**
 * A PostgreSQL connection (the `pg` client) whose results are normalised as
 * lib/db/types.ts describes for DuckDB, so the same query gives the same JS
 * values: BIGINT and NUMERIC → number, TIMESTAMP → "YYYY-MM-DD HH:MM:SS",
 * DATE → "YYYY-MM-DD". Used by the `--engine postgres` commands and tests.
 */
import pg from "pg";
import type { Row } from "./types.js";

const { Client, types } = pg;
const OID = { INT8: 20, NUMERIC: 1700, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, DATE: 1082 } as const;

/** Per-client type parsers (the global ones are left alone). */
const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === OID.INT8 || oid === OID.NUMERIC) return (v: string) => Number(v);
    if (oid === OID.TIMESTAMP) return (v: string) => v.slice(0, 19);
    if (oid === OID.TIMESTAMPTZ) return (v: string) => new Date(v).toISOString().slice(0, 19).replace("T", " ");
    if (oid === OID.DATE) return (v: string) => v;
    return types.getTypeParser(oid, format as "text");
  },
};

export interface Pg {
  /** The underlying client (COPY streams). */
  readonly client: pg.Client;
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Connects to `url` (postgres://user@host:port/db); a clear error when it cannot. */
export async function openPg(url: string): Promise<Pg> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--pg must be a postgres:// URL; received ${JSON.stringify(url)}`);
  const client = new Client({ connectionString: url, types: typeParsers });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot connect to PostgreSQL at ${url.replace(/:[^:@/]*@/, ":***@")}: ${(e as Error).message}`);
  }
  return {
    client,
    async query<T extends Row = Row>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}
