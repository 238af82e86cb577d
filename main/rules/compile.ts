/**
 * A detection rule → the SQL that selects its events: the rule's condition over the raw event,
 * limited to tenants of the rule's source kinds. The caller ANDs the view's own WHERE.
 * This is each rule's meaning as one query; a run does not issue it rule by rule but composes the
 * same pieces (condSql, actionPrefilter) into one scan per source kind (sweep.ts), and
 * test/main/rules/sweep.test.ts holds the two to the same matches.
 */
import type { DetectionRule } from './load.ts';
import { actionPrefilter } from './prefilter.ts';
import { condSql, type Sql } from './sql.ts';

export const TENANTS_OF_KINDS =
  'e.tenant_id IN (SELECT t.id FROM tenants t JOIN connections c ON c.id = t.connection_id WHERE coalesce(t.source_kind, c.kind) IN (SELECT value FROM json_each(?)))';

/** The whole WHERE for one rule: source kinds, the action prefilter when the condition has one, the condition. */
export function ruleWhere(rule: DetectionRule): Sql {
  const cond = condSql(rule.cond);
  const actions = actionPrefilter(rule.cond, rule.sourceKinds);
  const pre = actions ? `lower(e.action) IN (${actions.map(() => '?').join(', ')}) AND ` : '';
  return { sql: `${TENANTS_OF_KINDS} AND ${pre}${cond.sql}`, params: [JSON.stringify(rule.sourceKinds), ...(actions ?? []), ...cond.params] };
}
