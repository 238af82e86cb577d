/**
 * Runs detection and correlation rules over the events a view selects and returns findings.
 * A detection finding is one event; a correlation finding is one window of one group. Rules
 * referenced by a correlation make no findings of their own unless it says `generate: true`
 * (or they are run alone). Runs on a worker's reader connection; `shouldStop` is checked
 * between rules and every few thousand rows.
 */
import { correlate, type MatchedEvent } from './correlate.ts';
import type { CorrelationRule, DetectionRule, LoadedRule, RuleMeta, SqlRule } from './load.ts';
import { TENANTS_OF_KINDS } from './compile.ts';
import type { SqlParam } from './sql.ts';
import { sweepDetections, SweepStopped, type SweptRow } from './sweep.ts';

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
  /** The highest event id the full-text index holds (its watermark): rules that allow it read those events through the index. */
  fullTextUpTo?: number;
}

class Stopped extends Error {}

function base(rule: RuleMeta): Pick<Finding, 'ruleId' | 'ruleVersion' | 'title' | 'level' | 'author'> {
  return { ruleId: rule.id, ruleVersion: rule.version, title: rule.title, level: rule.level, author: rule.author };
}

/** An SQL rule's events in the view, in (ts, id) order. */
function* sqlMatches(db: QueryDb, rule: SqlRule, opts: RunOptions): Generator<{ id: number; ts: number; tenant_id: number }> {
  const stmt = db.prepare(`SELECT e.id, e.ts, e.tenant_id FROM event_rows e WHERE ${opts.viewWhere} AND ${TENANTS_OF_KINDS} AND e.id IN (${rule.sql}) ORDER BY e.ts, e.id`);
  let n = 0;
  for (const row of stmt.iterate(...opts.viewParams, JSON.stringify(rule.sourceKinds))) {
    if (++n % 2000 === 0 && opts.shouldStop?.()) throw new Stopped();
    yield row as { id: number; ts: number; tenant_id: number };
  }
}

/**
 * The raw events of `rows`, parsed: the members the sweep brought back (those every correlation
 * of the run reads), else the whole event read by rowid a page at a time. `parsed` keeps them for
 * the run: correlations over the same rule (brute force and password spray both count failed
 * sign-ins) parse each event once.
 */
function rawEvents(db: QueryDb, rows: readonly SweptRow[], parsed: Map<number, unknown>): Map<number, unknown> {
  const stmt = db.prepare('SELECT id, raw FROM event_raw WHERE id IN (SELECT value FROM json_each(?))');
  for (const row of rows) if (row.members !== undefined && !parsed.has(row.id)) parsed.set(row.id, JSON.parse(row.members));
  const missing = [...new Set(rows.map((r) => r.id))].filter((id) => !parsed.has(id));
  for (let i = 0; i < missing.length; i += 5000) {
    for (const row of stmt.iterate(JSON.stringify(missing.slice(i, i + 5000))) as IterableIterator<{ id: number; raw: string }>) parsed.set(row.id, JSON.parse(row.raw));
  }
  return parsed;
}

/** The top-level members of the raw event a correlation reads: those of its group-by, counted and aliased fields. */
function correlationKeys(rule: CorrelationRule): string[] {
  const { groupBy, field, aliases } = rule.spec;
  const fields = [...groupBy, ...(field ? [field] : []), ...Object.values(aliases).flatMap((byRule) => Object.values(byRule))];
  return fields.map((f) => f.split('.')[0]!);
}

function resolve(ref: string, rules: readonly LoadedRule[]): DetectionRule | CorrelationRule | SqlRule | string {
  const found = rules.find((r) => r.id === ref || ('name' in r && r.name === ref));
  if (!found) return `references rule ${ref}, which is not loaded`;
  if (found.kind === 'unsupported' || found.kind === 'invalid') return `references rule ${ref}, which cannot be used (${found.reason})`;
  return found as DetectionRule | CorrelationRule | SqlRule;
}

/** A correlation's referenced rules, or why it cannot run. */
function correlationRefs(rule: CorrelationRule, all: readonly LoadedRule[]): DetectionRule[] | string {
  const refs = rule.spec.rules.map((r) => resolve(r, all));
  const bad = refs.find((r) => typeof r === 'string');
  if (bad !== undefined) return bad as string;
  if (refs.some((r) => (r as LoadedRule).kind !== 'detection')) return 'a correlation over a correlation or an SQL rule is not supported';
  return refs as DetectionRule[];
}

/** A correlation over its referenced rules' matches (from the sweep), reading the raw events it groups by. */
function runCorrelation(db: QueryDb, rule: CorrelationRule, refs: readonly DetectionRule[], swept: Map<DetectionRule, SweptRow[]>, parsed: Map<number, unknown>): Finding[] {
  const rows = refs.map((d) => swept.get(d) ?? []);
  const events = rawEvents(db, rows.flat(), parsed);
  const matched: MatchedEvent[] = [];
  refs.forEach((d, i) => {
    for (const row of rows[i]!) matched.push({ rule: i, ruleName: d.name, id: row.id, ts: row.ts, tenantId: row.tenantId, event: events.get(row.id) });
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

/**
 * Which of the chosen rules one call runs: all of them, or one of two halves that share nothing
 * and can run at once on two readers (the job does, main/api/rule-run-job.ts): the SQL rules, and
 * the rest (the sweep, the correlations over it, and the problems of the rules that cannot run).
 */
export type RulePart = 'all' | 'sql' | 'detections';

/** Runs `selected` (ids; all usable rules when absent) from `rules`. */
export function runRules(db: QueryDb, rules: readonly LoadedRule[], opts: RunOptions, selected?: readonly string[], part: RulePart = 'all'): RunResult {
  const usable = rules.filter((r): r is DetectionRule | CorrelationRule | SqlRule => r.kind === 'detection' || r.kind === 'correlation' || r.kind === 'sql');
  const inPart = (r: DetectionRule | CorrelationRule | SqlRule) => part === 'all' || (part === 'sql') === (r.kind === 'sql');
  const picked = selected ? usable.filter((r) => selected.includes(r.id)) : usable;
  const chosen = picked.filter(inPart);
  const silenced = new Set<string>();
  if (!selected || selected.length > 1) {
    // From the whole selection, so each part silences what a single run would.
    for (const c of picked) {
      if (c.kind === 'correlation' && !c.spec.generate) for (const ref of c.spec.rules) silenced.add(ref);
    }
  }
  const cap = opts.maxFindingsPerRule ?? 10_000;
  const result: RunResult = { findings: [], problems: [], truncated: [], cancelled: false };
  for (const u of part === 'sql' ? [] : rules) {
    if (u.kind === 'unsupported' || u.kind === 'invalid') {
      if (!selected || selected.includes(u.id)) result.problems.push({ ruleId: u.id, title: u.title, reason: `${u.kind}: ${u.reason}` });
    }
  }
  const isSilenced = (rule: DetectionRule | SqlRule) => silenced.has(rule.id) || (rule.name !== null && silenced.has(rule.name));
  const addFinding = (rule: RuleMeta, row: { id: number; ts: number; tenantId: number }) =>
    result.findings.push({ ...base(rule), tenantId: row.tenantId, ts: row.ts, tsEnd: row.ts, eventIds: [row.id], group: null, measure: null });
  // Detection rules run together first (sweep.ts): those with findings of their own and those the
  // chosen correlations count. Then SQL rules and correlations one by one.
  const detections = chosen.filter((r): r is DetectionRule => r.kind === 'detection' && !isSilenced(r));
  const oneByOne = chosen.filter((r) => r.kind !== 'detection');
  const refsOf = new Map<CorrelationRule, DetectionRule[] | string>();
  for (const c of oneByOne) if (c.kind === 'correlation') refsOf.set(c, correlationRefs(c, rules));
  const toSweep = [...new Set([...detections, ...[...refsOf.values()].flatMap((refs) => (typeof refs === 'string' ? [] : refs))])];
  const total = detections.length + oneByOne.length;
  const sweeping = `${detections.length} detection rules`;
  try {
    let swept = new Map<DetectionRule, SweptRow[]>();
    const parsed = new Map<number, unknown>();
    if (toSweep.length > 0) {
      opts.onProgress?.(0, total, 0, sweeping);
      swept = sweepDetections(db, toSweep, {
        viewWhere: opts.viewWhere,
        viewParams: opts.viewParams,
        fullTextUpTo: opts.fullTextUpTo,
        members: {
          rules: new Set([...refsOf.values()].flatMap((refs) => (typeof refs === 'string' ? [] : refs))),
          keys: [...new Set([...refsOf.keys()].flatMap(correlationKeys))],
        },
        shouldStop: () => opts.shouldStop?.() ?? false,
        onScan: (done, scans) => opts.onProgress?.(Math.floor((detections.length * done) / scans), total, undefined, sweeping),
      });
      for (const rule of detections) {
        const rows = swept.get(rule) ?? [];
        if (rows.length > cap) result.truncated.push(rule.id);
        for (const row of rows.slice(0, cap)) addFinding(rule, row);
      }
    }
    oneByOne.forEach((rule, i) => {
      if (opts.shouldStop?.()) throw new Stopped();
      opts.onProgress?.(detections.length + i, total, result.findings.length, rule.title);
      if (rule.kind === 'sql') {
        if (isSilenced(rule)) return;
        let n = 0;
        for (const row of sqlMatches(db, rule, opts)) {
          if (n++ >= cap) {
            result.truncated.push(rule.id);
            break;
          }
          addFinding(rule, { id: row.id, ts: row.ts, tenantId: row.tenant_id });
        }
      } else if (rule.kind === 'correlation') {
        const refs = refsOf.get(rule)!;
        if (typeof refs === 'string') result.problems.push({ ruleId: rule.id, title: rule.title, reason: refs });
        else result.findings.push(...runCorrelation(db, rule, refs, swept, parsed).slice(0, cap));
      }
    });
    opts.onProgress?.(total, total, result.findings.length);
  } catch (e) {
    if (!(e instanceof Stopped) && !(e instanceof SweepStopped)) throw e;
    result.cancelled = true;
  }
  result.findings.sort((a, b) => a.ts - b.ts || a.ruleId.localeCompare(b.ruleId));
  return result;
}
