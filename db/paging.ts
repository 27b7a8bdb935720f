/**
 * Lists count their total in the same pass as their page: `count(*) over ()` is computed before LIMIT, over every
 * row the query matches, so a page costs one scan instead of a scan for the page and another for the count.
 */
import { sql } from 'drizzle-orm';

/** The column to select next to a page's rows: how many rows the query matches in all. */
export const totalColumn = () => sql<number>`count(*) over ()`.mapWith(Number);

/** The total of a page: from its rows, or, for an empty page past the end, from `countAll`. */
export async function pageTotal(
  rows: { total: number }[],
  offset: number,
  countAll: () => Promise<number>,
): Promise<number> {
  if (rows.length) return rows[0].total;
  return offset > 0 ? countAll() : 0;
}
