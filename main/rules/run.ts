/**
 * Runs detection and correlation rules over the events a view selects and returns findings.
 * A detection finding is one event; a correlation finding is one window of one group. Rules
 * referenced by a correlation make no findings of their own unless it says `generate: true`
 * (or they are run alone). Runs on a worker's reader connection; `shouldStop` is checked
 * between rules and every few thousand rows.
 */
import { ActionIndex, ActionIndexStopped } from './action-index.ts';
import { ruleWhere } from './compile.ts';
import { correlate, type MatchedEvent } from './correlate.ts';
import type { CorrelationRule, DetectionRule, LoadedRule, RuleMeta, SqlRule } from './load.ts';
import { TENANTS_OF_KINDS } from './compile.ts';
import { actionPrefilter } from './prefilter.ts';
import { condSql, type Sql, type SqlParam } from './sql.ts';
import { sweepDetections, SweepStopped } from './sweep.ts';

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
  all(...params: unknown[]): unknown[];
}
export interface QueryDb {
  prepare(sql: string): Statement;
}

export interface RunOptions {
  /** The view's WHERE over `events e`, and its parameters. */
  viewWhere: string;
  viewParams: readonly SqlParam[];
  shouldStop?: () => boolean;
  /** Before each rule (done of total), with the findings so far and, while many rules run together, what is running. */
  onProgress?: (done: number, total: number, findings?: number, running?: string) => void;
  maxFindingsPerRule?: number;
}

class Stopped extends Error {}

function base(rule: RuleMeta): Pick<Finding, 'ruleId' | 'ruleVersion' | 'title' | 'level' | 'author'> {
  return { ruleId: rule.id, ruleVersion: rule.version, title: rule.title, level: rule.level, author: rule.author };
}

/**
 * The statement that selects a rule's events in the view. With the run's action index a detection
 * rule reads only the view's events of its source kinds (and of its event types when it names
 * them), by id; without, and for SQL rules, it scans the view.
 */
function selectRule(rule: DetectionRule | SqlRule, opts: RunOptions, index: ActionIndex | undefined, withRaw: boolean): Sql | null {
  const columns = `e.id, e.ts, e.tenant_id${withRaw ? ', e.raw' : ''}`;
  if (rule.kind === 'detection' && index) {
    const ids = index.idsFor(rule.sourceKinds, actionPrefilter(rule.cond, rule.sourceKinds));
    if (ids.length === 0) return null;
    const cond = condSql(rule.cond);
    return {
      sql: `SELECT ${columns} FROM events e WHERE e.id IN (SELECT value FROM json_each(?)) AND ${cond.sql} ORDER BY e.ts, e.id`,
      params: [JSON.stringify(ids), ...cond.params],
    };
  }
  const { sql, params } =
    rule.kind === 'sql'
      ? { sql: `${TENANTS_OF_KINDS} AND e.id IN (${rule.sql})`, params: [JSON.stringify(rule.sourceKinds)] }
      : ruleWhere(rule);
  return { sql: `SELECT ${columns} FROM events e WHERE ${opts.viewWhere} AND ${sql} ORDER BY e.ts, e.id`, params: [...opts.viewParams, ...params] };
}

function* matches(db: QueryDb, rule: DetectionRule | SqlRule, opts: RunOptions, withRaw: boolean, index?: ActionIndex): Generator<{ id: number; ts: number; tenant_id: number; raw?: string }> {
  const select = selectRule(rule, opts, index, withRaw);
  if (!select) return;
  const stmt = db.prepare(select.sql);
  let n = 0;
  for (const row of stmt.iterate(...select.params)) {
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

function runCorrelation(db: QueryDb, rule: CorrelationRule, all: readonly LoadedRule[], opts: RunOptions, index: ActionIndex): Finding[] | string {
  const refs = rule.spec.rules.map((r) => resolve(r, all));
  const bad = refs.find((r) => typeof r === 'string');
  if (bad !== undefined) return bad as string;
  if (refs.some((r) => (r as LoadedRule).kind !== 'detection')) return 'a correlation over a correlation or an SQL rule is not supported';
  const matched: MatchedEvent[] = [];
  refs.forEach((r, i) => {
    const d = r as DetectionRule;
    for (const row of matches(db, d, opts, true, index)) {
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
  const index = new ActionIndex(db, opts.viewWhere, opts.viewParams, () => opts.shouldStop?.() ?? false);
  const isSilenced = (rule: DetectionRule | SqlRule) => silenced.has(rule.id) || (rule.name !== null && silenced.has(rule.name));
  const addFinding = (rule: RuleMeta, row: { id: number; ts: number; tenantId: number }) =>
    result.findings.push({ ...base(rule), tenantId: row.tenantId, ts: row.ts, tsEnd: row.ts, eventIds: [row.id], group: null, measure: null });
  // Detection rules run together first (sweep.ts), then SQL rules and correlations one by one.
  const swept = chosen.filter((r): r is DetectionRule => r.kind === 'detection' && !isSilenced(r));
  const oneByOne = chosen.filter((r) => r.kind !== 'detection');
  const total = swept.length + oneByOne.length;
  try {
    if (swept.length > 0) {
      opts.onProgress?.(0, total, 0, `${swept.length} detection rules`);
      const byRule = sweepDetections(db, swept, index, {
        shouldStop: () => opts.shouldStop?.() ?? false,
        onGroup: (g, groups) => opts.onProgress?.(Math.floor((swept.length * g) / groups), total, undefined, `${swept.length} detection rules`),
      });
      for (const [rule, rows] of byRule) {
        if (rows.length > cap) result.truncated.push(rule.id);
        for (const row of rows.slice(0, cap)) addFinding(rule, row);
      }
    }
    oneByOne.forEach((rule, i) => {
      if (opts.shouldStop?.()) throw new Stopped();
      opts.onProgress?.(swept.length + i, total, result.findings.length, rule.title);
      if (rule.kind === 'sql') {
        if (isSilenced(rule)) return;
        let n = 0;
        for (const row of matches(db, rule, opts, false, index)) {
          if (n++ >= cap) {
            result.truncated.push(rule.id);
            break;
          }
          addFinding(rule, { id: row.id, ts: row.ts, tenantId: row.tenant_id });
        }
      } else {
        const out = runCorrelation(db, rule, rules, opts, index);
        if (typeof out === 'string') result.problems.push({ ruleId: rule.id, title: rule.title, reason: out });
        else result.findings.push(...out.slice(0, cap));
      }
    });
    opts.onProgress?.(total, total, result.findings.length);
  } catch (e) {
    if (!(e instanceof Stopped) && !(e instanceof ActionIndexStopped) && !(e instanceof SweepStopped)) throw e;
    result.cancelled = true;
  }
  result.findings.sort((a, b) => a.ts - b.ts || a.ruleId.localeCompare(b.ruleId));
  return result;
}
