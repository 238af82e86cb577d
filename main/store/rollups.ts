/**
 * Daily rollups (migration 5, issue 12): exact counts per tenant, UTC day, action, outcome and
 * category, so a count, histogram or top-values over whole days reads rollup rows, not every
 * event. The writer adds a batch's counts in the batch's transaction and retention subtracts
 * what it removes in its own, so the rollups equal a full scan after any crash. A view qualifies
 * when its query names no column but those four (any AND/OR/NOT, wildcards included): the same
 * WHERE then runs over the rollups, and the partial days at the ends of its range are counted
 * from the events.
 */
import { cancelPointSql } from '../query/cancel-point.ts';
import type { SqlValue } from './event-columns.ts';
import type { ReadDb, WriteDb } from './open.ts';
import { viewSql, type View } from './view-sql.ts';

export const ROLLUP_DAY_MS = 86_400_000;

/** 00:00 UTC of the day holding `ts`, also before 1970 (the migration computes the same). */
export const dayOf = (ts: number): number => ts - (((ts % ROLLUP_DAY_MS) + ROLLUP_DAY_MS) % ROLLUP_DAY_MS);

interface RollupKey {
  day: number;
  action: string;
  outcome: string;
  category: string;
}

export interface RolledEvent {
  ts: number;
  action: string;
  outcome: string;
  category: string;
}

/** One batch's (or one purge chunk's) counts per rollup key, applied with one statement per key. */
export class RollupDelta {
  private readonly counts = new Map<string, RollupKey & { n: number }>();

  add(e: RolledEvent): void {
    const day = dayOf(e.ts);
    const key = `${day}\u0000${e.action}\u0000${e.outcome}\u0000${e.category}`;
    const found = this.counts.get(key);
    if (found) found.n++;
    else this.counts.set(key, { day, action: e.action, outcome: e.outcome, category: e.category, n: 1 });
  }

  get size(): number {
    return this.counts.size;
  }

  entries(): IterableIterator<RollupKey & { n: number }> {
    return this.counts.values();
  }
}

/** The statements the writer and retention use; prepare once per connection. */
export class RollupWriter {
  private readonly addRow;
  private readonly subtractRow;
  private readonly dropEmpty;
  private readonly addAll;
  private readonly subtractAll;
  private readonly dropEmptyAll;

  constructor(db: WriteDb) {
    this.addAll = db.prepare(
      `INSERT INTO event_rollups_all (day, action, outcome, category, n) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, action, outcome, category) DO UPDATE SET n = n + excluded.n`,
    );
    this.subtractAll = db.prepare('UPDATE event_rollups_all SET n = n - ? WHERE day = ? AND action = ? AND outcome = ? AND category = ?');
    this.dropEmptyAll = db.prepare('DELETE FROM event_rollups_all WHERE day = ? AND action = ? AND outcome = ? AND category = ? AND n = 0');
    this.addRow = db.prepare(
      `INSERT INTO event_rollups (tenant_id, day, action, outcome, category, n) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, day, action, outcome, category) DO UPDATE SET n = n + excluded.n`,
    );
    this.subtractRow = db.prepare(
      'UPDATE event_rollups SET n = n - ? WHERE tenant_id = ? AND day = ? AND action = ? AND outcome = ? AND category = ?',
    );
    this.dropEmpty = db.prepare(
      'DELETE FROM event_rollups WHERE tenant_id = ? AND day = ? AND action = ? AND outcome = ? AND category = ? AND n = 0',
    );
  }

  /** Inside the batch's transaction. */
  add(tenantId: number, delta: RollupDelta): void {
    for (const k of delta.entries()) {
      this.addRow.run(tenantId, k.day, k.action, k.outcome, k.category, k.n);
      this.addAll.run(k.day, k.action, k.outcome, k.category, k.n);
    }
  }

  /** Inside the purge's transaction; a row that reaches 0 is removed. */
  subtract(tenantId: number, delta: RollupDelta): void {
    for (const k of delta.entries()) {
      const changed =
        this.subtractRow.run(k.n, tenantId, k.day, k.action, k.outcome, k.category).changes +
        this.subtractAll.run(k.n, k.day, k.action, k.outcome, k.category).changes;
      // A missing row means the rollups no longer describe the events (changed outside Trailkeeper).
      if (changed !== 2) throw new Error(`The daily rollups lack a row for tenant ${tenantId} on ${new Date(k.day).toISOString().slice(0, 10)}; nothing was purged.`);
      this.dropEmpty.run(tenantId, k.day, k.action, k.outcome, k.category);
      this.dropEmptyAll.run(k.day, k.action, k.outcome, k.category);
    }
  }
}

/** Columns a query may name for the rollups to answer it: the rollup table has exactly these. */
const ROLLUP_COLUMNS = new Set(['tenant_id', 'action', 'outcome', 'category']);

/**
 * How a view splits: `where` (scope and query, no range) holds over both tables as `e`; whole
 * days [fromDay, toDay) come from the rollups and the partial days at the ends from the events.
 */
export interface RollupPlan {
  /** event_rollups_all when the view names no tenant (scope all, no tenant: term), else event_rollups. */
  table: 'event_rollups' | 'event_rollups_all';
  where: string;
  params: SqlValue[];
  /** Null: unbounded. */
  fromDay: number | null;
  toDay: number | null;
  /** Ranges of ts (from inclusive, to exclusive) counted from the events. */
  edges: { from: number; to: number }[];
  /** The same WHERE for the events, with the cancel point for the edge scans. */
  eventWhere: string;
}

/** The plan, or null when the view must scan the events (a column outside the rollups, or a range inside one day). */
export function rollupPlan(view: View): RollupPlan | null {
  const noRange = viewSql({ ...view, range: { from: null, to: null } });
  // The cancel point reads e.id, which the rollups lack; their part is a short read anyway.
  const point = cancelPointSql();
  const where = point ? noRange.where.replace(`${point} AND `, '') : noRange.where;
  for (const m of where.matchAll(/\be\.(\w+)/g)) if (!ROLLUP_COLUMNS.has(m[1]!)) return null;
  if (/\bevents\b/.test(where)) return null;
  const { from, to } = view.range;
  const fromDay = from === null ? null : dayOf(from) === from ? from : dayOf(from) + ROLLUP_DAY_MS;
  const toDay = to === null ? null : dayOf(to);
  if (fromDay !== null && toDay !== null && fromDay >= toDay) return null;
  const edges: { from: number; to: number }[] = [];
  if (from !== null && fromDay !== null && from < fromDay) edges.push({ from, to: fromDay });
  if (to !== null && toDay !== null && toDay < to) edges.push({ from: toDay, to });
  const table = /\be\.tenant_id\b/.test(where) ? 'event_rollups' : 'event_rollups_all';
  return { table, where, params: noRange.params, fromDay, toDay, edges, eventWhere: noRange.where };
}

/** The rollup part as `SELECT <select> FROM <rollup table> e WHERE …` and its params. */
function rollupPart(plan: RollupPlan, select: string, tail = '', selectParams: SqlValue[] = []): { sql: string; params: SqlValue[] } {
  const parts = [plan.where];
  const params = [...selectParams, ...plan.params];
  if (plan.fromDay !== null) {
    parts.push('e.day >= ?');
    params.push(plan.fromDay);
  }
  if (plan.toDay !== null) {
    parts.push('e.day < ?');
    params.push(plan.toDay);
  }
  return { sql: `SELECT ${select} FROM ${plan.table} e WHERE ${parts.join(' AND ')} ${tail}`, params };
}

/** One part per edge: `SELECT <select> FROM event_rows e WHERE … AND ts in the edge`. */
function edgeParts(plan: RollupPlan, select: string, tail = '', selectParams: SqlValue[] = []): { sql: string; params: SqlValue[] }[] {
  return plan.edges.map((edge) => ({
    sql: `SELECT ${select} FROM event_rows e WHERE ${plan.eventWhere} AND e.ts >= ? AND e.ts < ? ${tail}`,
    params: [...selectParams, ...plan.params, edge.from, edge.to],
  }));
}

export function rollupCount(db: ReadDb, plan: RollupPlan): number {
  const parts = [rollupPart(plan, 'coalesce(sum(e.n), 0) AS n'), ...edgeParts(plan, 'count(*) AS n')];
  const sql = `SELECT ${parts.map((p) => `(${p.sql})`).join(' + ')} AS n`;
  return (db.prepare(sql).get(...parts.flatMap((p) => p.params)) as { n: number }).n;
}

/** Buckets of whole days from `origin` (a multiple of bucketMs); null when the buckets do not hold whole days. */
export function rollupHistogram(
  db: ReadDb,
  plan: RollupPlan,
  origin: number,
  bucketMs: number,
): { b: number; n: number }[] | null {
  if (bucketMs % ROLLUP_DAY_MS !== 0 || origin % ROLLUP_DAY_MS !== 0) return null;
  // better-sqlite3 binds JS numbers as REAL; the casts keep these integer divisions.
  const bucket = (col: string) => `(${col} - CAST(? AS INTEGER)) / CAST(? AS INTEGER)`;
  const parts = [
    rollupPart(plan, `${bucket('e.day')} AS b, sum(e.n) AS n`, 'GROUP BY b', [origin, bucketMs]),
    ...edgeParts(plan, `${bucket('e.ts')} AS b, count(*) AS n`, 'GROUP BY b', [origin, bucketMs]),
  ];
  const sql = `SELECT b, sum(n) AS n FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) GROUP BY b ORDER BY b`;
  return db.prepare(sql).all(...parts.flatMap((p) => p.params)) as { b: number; n: number }[];
}

/** Top values of a rollup column (`e.action`, `e.outcome`, `e.category`, `e.tenant_id`); null for any other. */
export function rollupTopValues(
  db: ReadDb,
  plan: RollupPlan,
  column: string,
  limit: number,
): { value: string | number | null; n: number; total: number }[] | null {
  const name = column.replace(/^e\./, '');
  if (!ROLLUP_COLUMNS.has(name)) return null;
  // Counting tenants needs the per-tenant table even when the view names none.
  const from: RollupPlan = name === 'tenant_id' ? { ...plan, table: 'event_rollups' } : plan;
  const parts = [
    rollupPart(from, `${column} AS value, sum(e.n) AS n`, `GROUP BY ${column}`),
    ...edgeParts(plan, `${column} AS value, count(*) AS n`, `GROUP BY ${column}`),
  ];
  // The same order and window total as the scan in reader.ts.
  const sql = `SELECT value, sum(n) AS n, sum(sum(n)) OVER () AS total FROM (${parts.map((p) => p.sql).join(' UNION ALL ')})
    GROUP BY value HAVING sum(n) > 0 ORDER BY n DESC, value LIMIT ?`;
  return db.prepare(sql).all(...parts.flatMap((p) => p.params), limit) as { value: string | number | null; n: number; total: number }[];
}
