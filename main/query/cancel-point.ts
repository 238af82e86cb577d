/**
 * A cancel point in compiled queries. SQLite cannot be interrupted from another thread here
 * (better-sqlite3 13 exposes neither sqlite3_interrupt nor a progress handler, nor does Node
 * 22's node:sqlite), so a long read checks for cancel itself: every 256th row its WHERE calls
 * the SQL function cancel_point(), which a reader worker registers to throw once the host has
 * asked it to stop (main/store-worker/run-worker.ts). The test reads only the rowid, so SQLite
 * evaluates it before any other test of the row, and costs one JavaScript call per 256 rows.
 *
 * Off by default: only a thread whose connection has the function turns it on (module state is
 * per thread), so SQL compiled anywhere else never names it.
 */
export const CANCEL_POINT_FUNCTION = 'cancel_point';
export const CANCEL_POINT_EVERY_ROWS = 256;

let enabled = false;

/** Called once by a reader worker after registering cancel_point() on its connection. */
export function enableCancelPoints(): void {
  enabled = true;
}

/** The cancel point as a boolean SQL term over `events e`, or null when this thread has none. */
export function cancelPointSql(): string | null {
  return enabled ? `(e.id % ${CANCEL_POINT_EVERY_ROWS} <> 0 OR ${CANCEL_POINT_FUNCTION}())` : null;
}

/**
 * `where` with the cancel point first, unless it has one: an empty query compiles to a bare `1`
 * (so a count of everything keeps SQLite's fast path), but an aggregate scan over a whole scope
 * (top values of a column the rollups lack, a histogram in buckets under a day) must stop when
 * cancelled too, or a stale view's scan holds a reader and a core for seconds.
 */
export function withCancelPoint(where: string): string {
  const point = cancelPointSql();
  return point && !where.includes(`${CANCEL_POINT_FUNCTION}()`) ? `${point} AND ${where}` : where;
}

/**
 * For long reads that loop in JavaScript (verify): a function that throws once the host has asked
 * this read to stop, by calling cancel_point() directly; a no-op where there are no cancel points.
 */
export function cancelCheck(db: { prepare(sql: string): { get(): unknown } }): () => void {
  if (!enabled) return () => {};
  const statement = db.prepare(`SELECT ${CANCEL_POINT_FUNCTION}()`);
  return () => void statement.get();
}
