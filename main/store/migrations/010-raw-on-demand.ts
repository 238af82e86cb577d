/**
 * The `events` view reads the raw text only where a query names it (issue 11). Migration 9's view
 * was a LEFT JOIN of `event_raw`, which SQLite leaves out of a plain query that names no raw
 * column but never out of an aggregate or a window: an SQL rule counting a tenant's events per
 * hour looked up a million raw rows it never read (1.5 s → 0.44 s at 1M as a scalar subquery).
 * A scalar subquery on the primary key is evaluated only when `raw` is used, once per use; code
 * that tests many JSON paths of every event (the rule sweep) joins the two tables itself.
 *
 * Only the view changes: no row is touched, so the migration is instant at any size.
 */
import type { Migration } from './index.ts';

export const migration010: Migration = {
  version: 10,
  name: 'events view reads raw on demand',
  up: `
    DROP VIEW events;
    CREATE VIEW events AS
      SELECT r.*, (SELECT x.raw FROM event_raw x WHERE x.id = r.id) AS raw FROM event_rows r;
  `,
};
