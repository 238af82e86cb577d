/**
 * Read queries over a view. Runs in reader workers on read-only handles. Paging is keyset on
 * (ts, id) — never OFFSET — so page 10,000 costs what page 1 costs.
 */
import type { CallOutput, EventDetail, EventRow } from '../../common/contract.ts';
import { FACET_FIELDS } from '../../common/contract.ts';
import { ROW_SELECT, type SqlValue } from './event-columns.ts';
import type { ReadDb } from './open.ts';
import { viewSql, type View } from './view-sql.ts';
import { rollupCount, rollupHistogram, rollupPlan, rollupTopValues } from './rollups.ts';
import { attachAnnotations } from './annotations.ts';
import { withCancelPoint } from '../query/cancel-point.ts';

/** `rollups: false` forces the scan of the events (the tests compare both answers). */
export interface AggregateOptions {
  rollups?: boolean;
}

export interface PageRequest {
  view: View;
  order: 'newest' | 'oldest';
  after: { ts: number; id: number } | null;
  limit: number;
}

export function page(db: ReadDb, req: PageRequest): { rows: EventRow[]; next: { ts: number; id: number } | null } {
  const { where, params } = viewSql(req.view, { ordered: true });
  const desc = req.order === 'newest';
  const keyset = req.after ? ` AND (e.ts, e.id) ${desc ? '<' : '>'} (?, ?)` : '';
  const keyParams: SqlValue[] = req.after ? [req.after.ts, req.after.id] : [];
  const dir = desc ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT ${ROW_SELECT} FROM event_rows e CROSS JOIN tenants t ON t.id = e.tenant_id
       WHERE ${where}${keyset} ORDER BY e.ts ${dir}, e.id ${dir} LIMIT ?`,
    )
    .all(...params, ...keyParams, req.limit + 1) as EventRow[];
  const more = rows.length > req.limit;
  if (more) rows.pop();
  // One lookup for the page's annotations, beside the page's own query (which stays as planned).
  attachAnnotations(db, rows);
  const last = rows.at(-1);
  return { rows, next: more && last ? { ts: last.ts, id: last.id } : null };
}

export function getEvent(db: ReadDb, id: number): EventDetail | null {
  const row = db
    .prepare(
      `SELECT ${ROW_SELECT}, e.raw AS raw, e.raw_sha256 AS rawSha256
       FROM events e JOIN tenants t ON t.id = e.tenant_id WHERE e.id = ?`,
    )
    .get(id) as EventDetail | undefined;
  return row ? (attachAnnotations(db, [row])[0] ?? null) : null;
}

export function count(db: ReadDb, view: View, opts: AggregateOptions = {}): number {
  const plan = opts.rollups === false ? null : rollupPlan(view);
  if (plan) return rollupCount(db, plan);
  const { where, params } = viewSql(view);
  return (db.prepare(`SELECT count(*) AS n FROM event_rows e WHERE ${where}`).get(...params) as { n: number }).n;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Bucket sizes people read easily; the smallest that fits the range in maxBuckets wins. */
const BUCKET_SIZES = [
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY,
];

/**
 * A few candidates at most, never a search: a range across a multiple of every size (any range
 * across 1970 with one bucket) once made this loop spin for seconds.
 */
export function chooseBucketMs(spanMs: number, maxBuckets: number, from = 0): number {
  // Buckets start at `from` rounded down to the size, which can take one more bucket at the end.
  const fits = (size: number) => Math.ceil((spanMs + (((from % size) + size) % size)) / size) <= maxBuckets;
  for (const size of BUCKET_SIZES) if (fits(size)) return size;
  // Past a year, whole days: the smallest that could hold the span, or one of the next few.
  const least = Math.ceil(spanMs / maxBuckets / DAY) * DAY;
  for (let size = least; size < least + 8 * DAY; size += DAY) if (fits(size)) return size;
  // With an offset below one bucket, span / (maxBuckets - 1) always fits in maxBuckets.
  if (maxBuckets > 1) return Math.ceil(spanMs / (maxBuckets - 1) / DAY) * DAY;
  // One bucket: a doubling number of days the range does not straddle; a range across 1970
  // straddles every size and takes two (the API asks for at least two).
  for (let size = least; Number.isSafeInteger(size); size *= 2) if (fits(size)) return size;
  return Math.max(least, Math.ceil(spanMs / DAY) * DAY);
}

export function histogram(
  db: ReadDb,
  view: View,
  maxBuckets: number,
  opts: AggregateOptions = {},
): Omit<CallOutput<'events.histogram'>, 'tookMs'> {
  const { where, params } = viewSql(view);
  let { from, to } = view.range;
  if (from === null || to === null) {
    // An open range takes its ends from the data: two scalar subqueries are two index probes,
    // where min() and max() in one SELECT scan the whole index.
    const bounds = db
      .prepare(
        `SELECT (SELECT min(e.ts) FROM event_rows e WHERE ${where}) AS lo, (SELECT max(e.ts) FROM event_rows e WHERE ${where}) AS hi`,
      )
      .get(...params, ...params) as { lo: number | null; hi: number | null };
    if (bounds.lo === null || bounds.hi === null) return { bucketMs: DAY, buckets: [] };
    from ??= bounds.lo;
    to ??= bounds.hi + 1;
  }
  const bucketMs = chooseBucketMs(Math.max(1, to - from), maxBuckets, from);
  const origin = Math.floor(from / bucketMs) * bucketMs;
  const plan = opts.rollups === false ? null : rollupPlan(view);
  const rows = (plan && rollupHistogram(db, plan, origin, bucketMs)) ?? db
    .prepare(
      // better-sqlite3 binds JS numbers as REAL; the casts keep this an integer division.
      `SELECT (e.ts - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS b, count(*) AS n FROM event_rows e WHERE ${withCancelPoint(where)} GROUP BY b ORDER BY b`,
    )
    .all(origin, bucketMs, ...params) as { b: number; n: number }[];
  return { bucketMs, buckets: rows.map((r) => ({ start: origin + r.b * bucketMs, count: r.n })) };
}

type FacetField = (typeof FACET_FIELDS)[number];

/*
 * Emails count case-insensitively, as `actor:` matches them (events_actor_email is NOCASE): a top
 * value and the filter it offers agree. Shown as the smallest spelling of each group.
 * Over all tenants with no query, the groups come in the index's order from a walk of
 * events_actor_email (the range is checked inside it): 55 ms at 1M instead of a 313 ms sort.
 * Otherwise lower() (the same ASCII folding as NOCASE) keeps the planner from choosing that walk
 * for a filtered view, which would look up every row (3.5 s for outcome:failure).
 */
function grouping(field: FacetField, column: string, view: View): { value: string; key: string; source: string } {
  if (field !== 'actor_email') return { value: column, key: column, source: 'event_rows e' };
  const walk = view.scope.kind === 'all' && view.query.trim() === '';
  return {
    value: `min(${column})`,
    key: walk ? `${column} COLLATE NOCASE` : `lower(${column})`,
    source: walk ? 'event_rows e INDEXED BY events_actor_email' : 'event_rows e',
  };
}

export function topValues(
  db: ReadDb,
  view: View,
  field: FacetField,
  limit: number,
  opts: AggregateOptions = {},
): Omit<CallOutput<'events.topValues'>, 'tookMs'> {
  if (!FACET_FIELDS.includes(field)) throw new Error(`Unknown field ${String(field)}`);
  const { where, params } = viewSql(view);
  // `field` is checked against a fixed list above, so naming the column here is safe.
  const column = field === 'tenant' ? 'e.tenant_id' : `e.${field}`;
  const plan = opts.rollups === false ? null : rollupPlan(view);
  const g = grouping(field, column, view);
  const rows = (plan && rollupTopValues(db, plan, column, limit)) ?? db
    .prepare(
      // The window sum gives the total in the same scan.
      `SELECT ${g.value} AS value, count(*) AS n, sum(count(*)) OVER () AS total FROM ${g.source} WHERE ${withCancelPoint(where)}
       GROUP BY ${g.key} ORDER BY n DESC, value LIMIT ?`,
    )
    .all(...params, limit) as { value: string | number | null; n: number; total: number }[];
  const total = rows[0]?.total ?? 0;
  let names = new Map<number, string>();
  if (field === 'tenant') {
    names = new Map(
      (db.prepare('SELECT id, name FROM tenants').all() as { id: number; name: string }[]).map((t) => [t.id, t.name]),
    );
  }
  return {
    values: rows.map((r) => ({
      value: r.value === null ? null : field === 'tenant' ? (names.get(r.value as number) ?? String(r.value)) : String(r.value),
      count: r.n,
    })),
    total,
  };
}
