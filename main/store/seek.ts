/**
 * Seeking into a view for the table's scrollbar and "go to <time>": the keyset cursor that makes
 * a page start at a given row offset or at a given time. SQLite has no order-statistic index, so
 * an offset costs a walk of the (ts, id) index (covering for scope and range) from the nearer end
 * of the result; a time costs one count of the rows before it. Both avoid paging the rows before.
 */
import type { SqlValue } from './event-columns.ts';
import type { ReadDb } from './open.ts';
import { viewSql, type View } from './view-sql.ts';

export type Order = 'newest' | 'oldest';
export type Key = { ts: number; id: number };

export interface SeekRequest {
  view: View;
  order: Order;
  target: { offset: number } | { ts: number };
  /** The caller's count of the view: with it, an offset past the middle is walked from the far end. */
  countHint?: number | undefined;
}

export interface SeekResult {
  /** The row offset the cursor starts at. */
  offset: number;
  /** Cursor for events.page that starts at `offset`; null at the start. */
  after: Key | null;
}

/** Ids are positive, so (ts, MAX) is past every row of that instant and before every later one. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

function keyAt(db: ReadDb, view: View, order: Order, offset: number): Key | null {
  const { where, params } = viewSql(view);
  const dir = order === 'newest' ? 'DESC' : 'ASC';
  const row = db
    .prepare(`SELECT e.ts AS ts, e.id AS id FROM event_rows e WHERE ${where} ORDER BY e.ts ${dir}, e.id ${dir} LIMIT 1 OFFSET ?`)
    .get(...(params as SqlValue[]), offset) as Key | undefined;
  return row ?? null;
}

function countBefore(db: ReadDb, view: View, order: Order, ts: number): number {
  // Rows before `ts` in this order: newer than it (newest first) or older than it (oldest first).
  const { from, to } = view.range;
  const range =
    order === 'newest'
      ? { from: from === null ? ts + 1 : Math.max(from, ts + 1), to }
      : { from, to: to === null ? ts : Math.min(to, ts) };
  if (range.from !== null && range.to !== null && range.from >= range.to) return 0;
  const { where, params } = viewSql({ ...view, range });
  return (db.prepare(`SELECT count(*) AS n FROM event_rows e WHERE ${where}`).get(...params) as { n: number }).n;
}

export function seek(db: ReadDb, req: SeekRequest): SeekResult {
  const { view, order, target } = req;
  if ('ts' in target) {
    const offset = countBefore(db, view, order, target.ts);
    if (offset === 0) return { offset, after: null };
    const after = order === 'newest' ? { ts: target.ts, id: MAX_ID } : { ts: target.ts - 1, id: MAX_ID };
    return { offset, after };
  }
  const offset = target.offset;
  if (offset <= 0) return { offset: 0, after: null };
  // The cursor is the key of the row just before `offset`; past the middle, count it from the end.
  const total = req.countHint;
  if (total !== undefined && offset > total / 2 && offset <= total) {
    const reverse: Order = order === 'newest' ? 'oldest' : 'newest';
    const key = keyAt(db, view, reverse, total - offset);
    if (key) return { offset, after: key };
  }
  return { offset, after: keyAt(db, view, order, offset - 1) };
}
