/**
 * Read queries over a view. Runs in reader workers on read-only handles. Paging is keyset on
 * (ts, id) — never OFFSET — so page 10,000 costs what page 1 costs.
 */
import type { CallOutput, EventDetail, EventRow } from '../../common/contract.ts';
import { FACET_FIELDS } from '../../common/contract.ts';
import { asciiLower } from '../domain/ascii-lower.ts';
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
 */
function indexWalk(field: FacetField, view: View): boolean {
  return field === 'actor_email' && view.scope.kind === 'all' && view.query.trim() === '';
}

type TopRow = { value: string | number | null; n: number; total: number };

/** SQLite's order of values (BINARY): NULL, then numbers, then text by its UTF-8 bytes. */
function compareSqlValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null || b === null) return a === null ? -1 : 1;
  if (typeof a === 'number' || typeof b === 'number') {
    return typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'number' ? -1 : 1;
  }
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Top values of a view the rollups cannot answer, counted here rather than by SQL's GROUP BY:
 * SQLite groups by sorting every row into a temporary B-tree (1.2–1.7 s for a tenant of 825,000
 * events at 10M), while a Map counts each distinct spelling as the rows stream by (0.55–1.05 s,
 * in constant memory). The few spellings are then folded (emails without ASCII case) and ordered
 * as the SQL did: count descending, then the value in SQLite's order, emails shown by their
 * smallest spelling.
 */
function countTopValues(db: ReadDb, field: FacetField, column: string, where: string, params: SqlValue[], limit: number): TopRow[] {
  const spellings = new Map<string | number | null, number>();
  // iterate(), not all(): all() is 10–25 % faster but holds every value at once, and at 10M the
  // reader's heap grew to 249 MiB over the bench's views (process peak 811 MiB, over its 700).
  const stmt = db.prepare(`SELECT ${column} FROM event_rows e WHERE ${withCancelPoint(where)}`).pluck();
  for (const value of stmt.iterate(...params) as IterableIterator<string | number | null>) {
    spellings.set(value, (spellings.get(value) ?? 0) + 1);
  }
  const groups = new Map<string | number | null, { value: string | number | null; n: number }>();
  let total = 0;
  for (const [value, n] of spellings) {
    total += n;
    const key = field === 'actor_email' && typeof value === 'string' ? asciiLower(value) : value;
    const group = groups.get(key);
    if (!group) groups.set(key, { value, n });
    else {
      group.n += n;
      if (compareSqlValues(value, group.value) < 0) group.value = value;
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.n - a.n || compareSqlValues(a.value, b.value))
    .slice(0, limit)
    .map((g) => ({ ...g, total }));
}

function walkTopValues(db: ReadDb, column: string, where: string, params: SqlValue[], limit: number): TopRow[] {
  return db
    .prepare(
      // The window sum gives the total in the same walk.
      `SELECT min(${column}) AS value, count(*) AS n, sum(count(*)) OVER () AS total FROM event_rows e INDEXED BY events_actor_email
       WHERE ${withCancelPoint(where)} GROUP BY ${column} COLLATE NOCASE ORDER BY n DESC, value LIMIT ?`,
    )
    .all(...params, limit) as TopRow[];
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
  const rows =
    (plan && rollupTopValues(db, plan, column, limit)) ??
    (indexWalk(field, view) ? walkTopValues(db, column, where, params, limit) : countTopValues(db, field, column, where, params, limit));
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
