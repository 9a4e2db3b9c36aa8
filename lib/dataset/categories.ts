/**
 * Merge suggestions for inconsistent spellings of one category: values that
 * differ only in letter case or white space (`Google` / `google`,
 * `Interested  in full time MBA`, `Email `). Suggestions only; accepting one
 * means adding it to `leads.recode` in the description.
 */
import type { Db } from "../db/types.js";
import type { MergeSuggestion } from "./report.js";
import type { FileKind } from "./schema.js";
import { as, col, count, isNotNull, lit, render, select, table as tableSource, unionAll } from "../sql/index.js";

/** Tidy spacing: spaces and tabs trimmed, runs of them → one space (line breaks are left alone). */
const tidy = (v: string) => v.replace(/^[ \t]+|[ \t]+$/g, "").replace(/[ \t]+/g, " ");

/** The key two spellings share when they are "the same": tidy spacing, lower case. */
export function spellingKey(v: string): string {
  return tidy(v).toLowerCase();
}

/**
 * Groups value counts by `spellingKey`; a group gives a suggestion when it has
 * several spellings or its one spelling has untidy white space. Suggested:
 * the most frequent tidy spelling (ties: the first in code-point order), or
 * the tidied most frequent one when none is tidy.
 * Example: [{value:"Google",count:2868},{value:"google",count:5}] → suggested "Google".
 */
export function suggestMerges(file: FileKind, column: string, counts: { value: string; count: number }[]): MergeSuggestion[] {
  const groups = new Map<string, { value: string; count: number }[]>();
  for (const c of counts) {
    const k = spellingKey(c.value);
    if (!k) continue;
    const g = groups.get(k) ?? [];
    g.push(c);
    groups.set(k, g);
  }
  const out: MergeSuggestion[] = [];
  for (const variants of groups.values()) {
    if (variants.length === 1 && tidy(variants[0].value) === variants[0].value) continue;
    variants.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    const clean = variants.filter((v) => tidy(v.value) === v.value);
    out.push({ file, column, variants, suggested: clean.length ? clean[0].value : tidy(variants[0].value) });
  }
  return out.sort((a, b) => a.column.localeCompare(b.column) || a.suggested.localeCompare(b.suggested));
}

/** Columns with more distinct values than this are not checked (ids, free text). */
export const MAX_CATEGORIES = 2000;

/** Value counts of each column of `table` (one query), then `suggestMerges` on each. */
export async function findMerges(db: Db, file: FileKind, table: string, columns: string[]): Promise<MergeSuggestion[]> {
  if (!columns.length) return [];
  const parts = columns.map((c, i) =>
    select({ columns: [as(lit(i), "c"), as(col(c), "v"), as(count(), "n")], from: tableSource(table), where: isNotNull(col(c)), groupBy: [col(c)] }),
  );
  const rows = await db.query<{ c: number; v: string; n: number }>(render(unionAll(...parts)));
  const byCol = new Map<number, { value: string; count: number }[]>();
  for (const r of rows) {
    const list = byCol.get(Number(r.c)) ?? [];
    list.push({ value: String(r.v), count: Number(r.n) });
    byCol.set(Number(r.c), list);
  }
  return columns.flatMap((c, i) => suggestMerges(file, c, byCol.get(i) ?? []));
}

