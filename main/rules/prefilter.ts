/**
 * A cheap necessary condition on the indexed-free but plain `action` column, derived from a
 * rule's condition: when the rule requires the source's event-type field (Okta `eventType`,
 * GitHub `action`, CloudTrail `eventName`, Microsoft 365 `Operation`) to equal one of some
 * literals, and the normalisers copy that field into `action`, SQLite can skip the JSON of
 * every other event. The full condition still runs on what passes, so the result is unchanged.
 */
import type { Cond } from './ast.ts';
import { asciiLower } from '../domain/ascii-lower.ts';
import { hasWild, literalOf } from './values.ts';

const ACTION_FIELD: Record<string, string> = { okta: 'eventType', github: 'action', cloudtrail: 'eventName', m365: 'Operation' };

function literals(c: Cond, field: string): Set<string> | null {
  if (c.k === 'value' && c.path.length === 1 && c.path[0] === field) {
    const out = new Set<string>();
    for (const t of c.tests) {
      if (t.t !== 'pattern' || hasWild(t.pieces)) return null;
      out.add(asciiLower(literalOf(t.pieces)));
    }
    return out;
  }
  if (c.k === 'and') {
    let best: Set<string> | null = null;
    for (const item of c.items) {
      const s = literals(item, field);
      if (s && (!best || s.size < best.size)) best = s;
    }
    return best;
  }
  if (c.k === 'or') {
    const out = new Set<string>();
    for (const item of c.items) {
      const s = literals(item, field);
      if (!s) return null;
      for (const v of s) out.add(v);
    }
    return out;
  }
  return null;
}

/** The action values a rule can match, lower-cased, or null when it cannot be told. */
export function actionPrefilter(cond: Cond, sourceKinds: readonly string[]): string[] | null {
  const fields = new Set(sourceKinds.map((k) => ACTION_FIELD[k]));
  if (fields.size !== 1 || fields.has(undefined)) return null;
  const set = literals(cond, [...fields][0]!);
  return set && set.size > 0 && set.size <= 200 ? [...set] : null;
}
