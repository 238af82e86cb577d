/**
 * Runs detection and correlation rules over the events a view selects and returns findings.
 * A detection finding is one event; a correlation finding is one window of one group. Rules
 * referenced by a correlation make no findings of their own unless it says `generate: true`
 * (or they are run alone). Runs on a worker's reader connection; `shouldStop` is checked
 * between rules and every few thousand rows.
 */
import { ruleWhere } from './compile.ts';
import { correlate, type MatchedEvent } from './correlate.ts';
import type { CorrelationRule, DetectionRule, LoadedRule, RuleMeta, SqlRule } from './load.ts';
import { TENANTS_OF_KINDS } from './compile.ts';
import type { SqlParam } from './sql.ts';

export interface Finding {
  ruleId: string;
  ruleVersion: string;
  title: string;
  level: string;
  author: string;
  tenantId: number;
  ts: number;
  tsEnd: number;
  eventIds: number[];
  /** Correlations: the group-by values and what was counted. */
  group: Record<string, string> | null;
  measure: number | null;
}

export interface RuleProblem {
  ruleId: string;
  title: string;
  reason: string;
}

export interface RunResult {
  findings: Finding[];
  problems: RuleProblem[];
  /** Rules whose findings stopped at the per-rule cap. */
  truncated: string[];
  cancelled: boolean;
}

interface Statement {
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
export interface QueryDb {
  prepare(sql: string): Statement;
}

export interface RunOptions {
  /** The view's WHERE over `events e`, and its parameters. */
  viewWhere: string;
  viewParams: readonly SqlParam[];
  shouldStop?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  maxFindingsPerRule?: number;
}

class Stopped extends Error {}

function base(rule: RuleMeta): Pick<Finding, 'ruleId' | 'ruleVersion' | 'title' | 'level' | 'author'> {
  return { ruleId: rule.id, ruleVersion: rule.version, title: rule.title, level: rule.level, author: rule.author };
}

function* matches(db: QueryDb, rule: DetectionRule | SqlRule, opts: RunOptions, withRaw: boolean): Generator<{ id: number; ts: number; tenant_id: number; raw?: string }> {
  const { sql, params } =
    rule.kind === 'sql'
      ? { sql: `${TENANTS_OF_KINDS} AND e.id IN (${rule.sql})`, params: [JSON.stringify(rule.sourceKinds)] }
      : ruleWhere(rule);
  const stmt = db.prepare(`SELECT e.id, e.ts, e.tenant_id${withRaw ? ', e.raw' : ''} FROM events e WHERE ${opts.viewWhere} AND ${sql} ORDER BY e.ts, e.id`);
  let n = 0;
  for (const row of stmt.iterate(...opts.viewParams, ...params)) {
    if (++n % 2000 === 0 && opts.shouldStop?.()) throw new Stopped();
    yield row as { id: number; ts: number; tenant_id: number; raw?: string };
  }
}

function resolve(ref: string, rules: readonly LoadedRule[]): DetectionRule | CorrelationRule | SqlRule | string {
  const found = rules.find((r) => r.id === ref || ('name' in r && r.name === ref));
  if (!found) return `references rule ${ref}, which is not loaded`;
  if (found.kind === 'unsupported' || found.kind === 'invalid') return `references rule ${ref}, which cannot be used (${found.reason})`;
  return found as DetectionRule | CorrelationRule | SqlRule;
}

function runCorrelation(db: QueryDb, rule: CorrelationRule, all: readonly LoadedRule[], opts: RunOptions): Finding[] | string {
  const refs = rule.spec.rules.map((r) => resolve(r, all));
  const bad = refs.find((r) => typeof r === 'string');
  if (bad !== undefined) return bad as string;
  if (refs.some((r) => (r as LoadedRule).kind !== 'detection')) return 'a correlation over a correlation or an SQL rule is not supported';
  const matched: MatchedEvent[] = [];
  refs.forEach((r, i) => {
    const d = r as DetectionRule;
    for (const row of matches(db, d, opts, true)) {
      matched.push({ rule: i, ruleName: d.name, id: row.id, ts: row.ts, tenantId: row.tenant_id, event: JSON.parse(row.raw!) });
    }
  });
  return correlate(rule.spec, matched).map((hit) => ({
    ...base(rule),
    tenantId: hit.tenantId,
    ts: hit.from,
    tsEnd: hit.to,
    eventIds: hit.eventIds,
    group: hit.group,
    measure: hit.measure,
  }));
}

/** Runs `selected` (ids; all usable rules when absent) from `rules`. */
export function runRules(db: QueryDb, rules: readonly LoadedRule[], opts: RunOptions, selected?: readonly string[]): RunResult {
  const usable = rules.filter((r): r is DetectionRule | CorrelationRule | SqlRule => r.kind === 'detection' || r.kind === 'correlation' || r.kind === 'sql');
  const chosen = selected ? usable.filter((r) => selected.includes(r.id)) : usable;
  const silenced = new Set<string>();
  if (!selected || selected.length > 1) {
    for (const c of chosen) {
      if (c.kind === 'correlation' && !c.spec.generate) for (const ref of c.spec.rules) silenced.add(ref);
    }
  }
  const cap = opts.maxFindingsPerRule ?? 10_000;
  const result: RunResult = { findings: [], problems: [], truncated: [], cancelled: false };
  for (const u of rules) {
    if (u.kind === 'unsupported' || u.kind === 'invalid') {
      if (!selected || selected.includes(u.id)) result.problems.push({ ruleId: u.id, title: u.title, reason: `${u.kind}: ${u.reason}` });
    }
  }
  try {
    chosen.forEach((rule, i) => {
      if (opts.shouldStop?.()) throw new Stopped();
      opts.onProgress?.(i, chosen.length);
      if (rule.kind === 'detection' || rule.kind === 'sql') {
        if (silenced.has(rule.id) || (rule.name !== null && silenced.has(rule.name))) return;
        let n = 0;
        for (const row of matches(db, rule, opts, false)) {
          if (n++ >= cap) {
            result.truncated.push(rule.id);
            break;
          }
          result.findings.push({ ...base(rule), tenantId: row.tenant_id, ts: row.ts, tsEnd: row.ts, eventIds: [row.id], group: null, measure: null });
        }
      } else {
        const out = runCorrelation(db, rule, rules, opts);
        if (typeof out === 'string') result.problems.push({ ruleId: rule.id, title: rule.title, reason: out });
        else result.findings.push(...out.slice(0, cap));
      }
    });
    opts.onProgress?.(chosen.length, chosen.length);
  } catch (e) {
    if (!(e instanceof Stopped)) throw e;
    result.cancelled = true;
  }
  result.findings.sort((a, b) => a.ts - b.ts || a.ruleId.localeCompare(b.ruleId));
  return result;
}
