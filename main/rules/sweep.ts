/**
 * Runs many detection rules in few statements. The view's events are grouped by source kind and
 * action (action-index.ts); each group is read once, by rowid, and every rule that could match it
 * (its kind, and its event types when it names them) is tested on that read: one statement
 * computes a bit per rule, so SQLite parses each event's JSON once for all of them (its JSON
 * cache holds the parse for the statement) instead of once per rule. Matches are the same as
 * each rule's own query (run.ts), in the same order.
 */
import type { ActionIndex } from './action-index.ts';
import type { DetectionRule } from './load.ts';
import { actionPrefilter } from './prefilter.ts';
import type { QueryDb } from './run.ts';
import { condSql, type Sql, type SqlParam } from './sql.ts';

export interface SweptRow {
  id: number;
  ts: number;
  tenantId: number;
}

/** Rules tested by one statement: a bit each, within a JavaScript number's exact integers. */
const RULES_PER_STATEMENT = 48;

interface Prepared {
  rule: DetectionRule;
  cond: Sql;
  actions: Set<string> | null;
}

export class SweepStopped extends Error {}

/**
 * Each rule's matches among the view's events, ascending by (ts, id). `onGroup(done, total)`
 * hears progress after each group; `shouldStop` is asked between groups.
 */
export function sweepDetections(
  db: QueryDb,
  rules: readonly DetectionRule[],
  index: ActionIndex,
  opts: { shouldStop?: () => boolean; onGroup?: (done: number, total: number) => void },
): Map<DetectionRule, SweptRow[]> {
  const prepared: Prepared[] = rules.map((rule) => {
    const actions = actionPrefilter(rule.cond, rule.sourceKinds);
    return { rule, cond: condSql(rule.cond), actions: actions ? new Set(actions) : null };
  });
  const out = new Map<DetectionRule, SweptRow[]>(rules.map((r) => [r, []]));
  const statements = new Map<string, ReturnType<QueryDb['prepare']>>();
  const groups = index.groups();
  groups.forEach((group, g) => {
    if (opts.shouldStop?.()) throw new SweepStopped();
    const applicable = prepared.filter((p) => p.rule.sourceKinds.includes(group.kind) && (p.actions === null || p.actions.has(group.action)));
    const idsJson = JSON.stringify(group.ids);
    for (let start = 0; start < applicable.length; start += RULES_PER_STATEMENT) {
      const chunk = applicable.slice(start, start + RULES_PER_STATEMENT);
      const { sql, params } = groupStatement(chunk.map((p) => p.cond), idsJson);
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      for (const row of stmt.iterate(...params) as IterableIterator<SweptRow & { bits: number }>) {
        chunk.forEach((p, bit) => {
          if (Math.floor(row.bits / 2 ** bit) % 2 === 1) out.get(p.rule)!.push({ id: row.id, ts: row.ts, tenantId: row.tenantId });
        });
      }
    }
    opts.onGroup?.(g + 1, groups.length);
  });
  for (const rows of out.values()) rows.sort((a, b) => a.ts - b.ts || a.id - b.id);
  return out;
}

/** One read of a group's events testing `conds`: a row for each event any of them matches, with a bit per condition. */
function groupStatement(conds: readonly Sql[], idsJson: string): Sql {
  // Every condition is 0 or 1, never NULL (sql.ts), so the sum of cond × 2^i is the set of matches.
  const bits = conds.map((c, i) => `(${c.sql}) * ${2 ** i}`).join(' + ');
  const any = conds.map((c) => `(${c.sql})`).join(' OR ');
  const params: SqlParam[] = [...conds.flatMap((c) => c.params), idsJson, ...conds.flatMap((c) => c.params)];
  return {
    sql: `SELECT e.id AS id, e.ts AS ts, e.tenant_id AS tenantId, ${bits} AS bits FROM events e WHERE e.id IN (SELECT value FROM json_each(?)) AND (${any})`,
    params,
  };
}
