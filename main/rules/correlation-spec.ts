/** The `correlation` section of a Sigma correlation rule, checked and normalised. */
import { InvalidRule, UnsupportedRule } from './ast.ts';

export type CorrelationType = 'event_count' | 'value_count' | 'value_sum' | 'value_avg' | 'temporal' | 'temporal_ordered';
export type CountOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationSpec {
  type: CorrelationType;
  /** Referenced rules, by id or name. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  /** Every criterion must hold (a range is two of them). Empty for temporal: all rules seen. */
  condition: { op: CountOp; value: number }[];
  field: string | null;
  /** alias → rule name → field name. */
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
}

const TYPES = new Set(['event_count', 'value_count', 'value_sum', 'value_avg', 'temporal', 'temporal_ordered']);
const OPS = new Set(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']);
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseTimespan(text: unknown): number {
  const m = /^(\d+)([smhdw])$/.exec(String(text ?? ''));
  if (!m) throw new InvalidRule(`timespan ${JSON.stringify(text)} is not a number and one of s, m, h, d, w`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export function parseCorrelation(raw: unknown): CorrelationSpec {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidRule('correlation must be a map');
  const c = raw as Record<string, unknown>;
  const type = String(c['type'] ?? '');
  if (type === 'value_percentile') throw new UnsupportedRule('value_percentile correlations are not supported');
  if (!TYPES.has(type)) throw new InvalidRule(`correlation type ${JSON.stringify(c['type'])} is not one of ${[...TYPES].join(', ')}`);
  const rules = Array.isArray(c['rules']) ? c['rules'].map(String) : c['rules'] === undefined ? [] : [String(c['rules'])];
  if (rules.length === 0) throw new InvalidRule('a correlation names no rules');
  const groupBy = Array.isArray(c['group-by']) ? c['group-by'].map(String) : c['group-by'] === undefined ? [] : [String(c['group-by'])];
  const timespanMs = parseTimespan(c['timespan']);
  const condition: CorrelationSpec['condition'] = [];
  let field: string | null = null;
  const cond = c['condition'];
  if (cond !== undefined) {
    if (!cond || typeof cond !== 'object' || Array.isArray(cond)) throw new InvalidRule('correlation condition must be a map');
    for (const [k, v] of Object.entries(cond as Record<string, unknown>)) {
      if (k === 'field') field = String(v);
      else if (OPS.has(k) && typeof v === 'number') condition.push({ op: k as CountOp, value: v });
      else throw new InvalidRule(`correlation condition ${k}: ${JSON.stringify(v)} is not a comparison with a number`);
    }
  }
  if (['event_count', 'value_count', 'value_sum', 'value_avg'].includes(type) && condition.length === 0) {
    throw new InvalidRule(`a ${type} correlation needs a condition`);
  }
  if (type.startsWith('value_') && !field) throw new InvalidRule(`a ${type} correlation needs condition.field`);
  const aliases: CorrelationSpec['aliases'] = {};
  const rawAliases = c['aliases'];
  if (rawAliases && typeof rawAliases === 'object') {
    for (const [alias, map] of Object.entries(rawAliases as Record<string, unknown>)) {
      if (!map || typeof map !== 'object') throw new InvalidRule(`alias ${alias} must map rule names to fields`);
      aliases[alias] = Object.fromEntries(Object.entries(map as Record<string, unknown>).map(([r, f]) => [r, String(f)]));
    }
  }
  return { type: type as CorrelationType, rules, groupBy, timespanMs, condition, field, aliases, generate: c['generate'] === true };
}

export function conditionHolds(condition: CorrelationSpec['condition'], n: number): boolean {
  return condition.every(({ op, value }) =>
    op === 'gt' ? n > value : op === 'gte' ? n >= value : op === 'lt' ? n < value : op === 'lte' ? n <= value : op === 'eq' ? n === value : n !== value,
  );
}
