/**
 * The rollup invariant, checked by the rollup, crash, retention-kill and migration tests: the
 * event_rollups rows are exactly the events grouped by tenant, UTC day, action, outcome and
 * category, event_rollups_all the same over all tenants, with no row left at 0. No vitest import: child processes may load this file.
 */
import type Database from 'better-sqlite3';

const FROM_EVENTS = `
  SELECT tenant_id, ts - (((ts % 86400000) + 86400000) % 86400000) AS day, action, outcome, category, count(*) AS n
  FROM events GROUP BY 1, 2, 3, 4, 5`;
const FROM_ROLLUPS = 'SELECT tenant_id, day, action, outcome, category, n FROM event_rollups';

/** A sentence naming the first difference, or null when the rollups equal a full scan. */
export function rollupMismatch(db: Database.Database): string | null {
  const missing = db.prepare(`${FROM_EVENTS} EXCEPT ${FROM_ROLLUPS} LIMIT 1`).get();
  if (missing) return `the events give ${JSON.stringify(missing)}, which the rollups lack`;
  const extra = db.prepare(`${FROM_ROLLUPS} EXCEPT ${FROM_EVENTS} LIMIT 1`).get();
  if (extra) return `the rollups hold ${JSON.stringify(extra)}, which the events do not give`;
  const allTenants = `SELECT day, action, outcome, category, sum(n) AS n FROM (${FROM_EVENTS}) GROUP BY 1, 2, 3, 4`;
  const ALL = 'SELECT day, action, outcome, category, n FROM event_rollups_all';
  const missingAll = db.prepare(`${allTenants} EXCEPT ${ALL} LIMIT 1`).get();
  if (missingAll) return `the events give ${JSON.stringify(missingAll)} over all tenants, which event_rollups_all lacks`;
  const extraAll = db.prepare(`${ALL} EXCEPT ${allTenants} LIMIT 1`).get();
  if (extraAll) return `event_rollups_all holds ${JSON.stringify(extraAll)}, which the events do not give`;
  return null;
}
