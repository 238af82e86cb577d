/**
 * Runs many detection rules in few statements: one scan of the view's events per source kind
 * (per chunk of rules), testing every rule of that kind on each event it reads. A rule that names
 * its event types (prefilter.ts) is tested only on events of those types, picked by one CASE on
 * the event's action, so most events cost a column compare and no JSON at all; an event's JSON
 * is parsed once for all the rules tested on it (SQLite's JSON cache lasts the statement). Each
 * row carries a bit per rule that matched. Matches are the same as each rule's own query
 * (compile.ts's ruleWhere over the view), in the same order; test/main/rules/sweep.test.ts holds it to that.
 */
import type { DetectionRule } from './load.ts';
import { actionPrefilter } from './prefilter.ts';
import type { QueryDb } from './run.ts';
import { condSql, type Sql, type SqlParam } from './sql.ts';

export interface SweptRow {
  id: number;
  ts: number;
  tenantId: number;
}

/** Bits in one row's mask: within a JavaScript number's exact integers. */
const BITS = 48;

interface Prepared {
  rule: DetectionRule;
  cond: Sql;
  /** The lower-cased actions it can match, or null: any. */
  actions: string[] | null;
}

/** Rules tested together by one scan: those for any action, then those for each action. */
interface Chunk {
  any: Prepared[];
  byAction: Map<string, Prepared[]>;
}

export class SweepStopped extends Error {}

export interface SweepOptions {
  /** The view's WHERE over `events e`, and its parameters. */
  viewWhere: string;
  viewParams: readonly SqlParam[];
  shouldStop?: () => boolean;
  /** After each scan: scans done of scans to do. */
  onScan?: (done: number, total: number) => void;
}

/** Each rule's matches among the view's events, ascending by (ts, id). */
export function sweepDetections(db: QueryDb, rules: readonly DetectionRule[], opts: SweepOptions): Map<DetectionRule, SweptRow[]> {
  const out = new Map<DetectionRule, SweptRow[]>(rules.map((r) => [r, []]));
  const tenantsOf = tenantsByKind(db);
  const prepared: Prepared[] = rules.map((rule) => ({ rule, cond: condSql(rule.cond), actions: actionPrefilter(rule.cond, rule.sourceKinds) }));
  const scans: { tenants: number[]; chunk: Chunk }[] = [];
  for (const kind of new Set(rules.flatMap((r) => r.sourceKinds))) {
    const tenants = tenantsOf.get(kind) ?? [];
    if (tenants.length === 0) continue;
    for (const chunk of chunks(prepared.filter((p) => p.rule.sourceKinds.includes(kind)))) scans.push({ tenants, chunk });
  }
  scans.forEach(({ tenants, chunk }, i) => {
    if (opts.shouldStop?.()) throw new SweepStopped();
    const { sql, params, decode } = scanStatement(chunk, tenants, opts);
    let n = 0;
    for (const row of db.prepare(sql).iterate(...params) as IterableIterator<SweptRow & { action: string; bits: number }>) {
      if (++n % 2000 === 0 && opts.shouldStop?.()) throw new SweepStopped();
      for (const rule of decode(row.action, row.bits)) out.get(rule)!.push({ id: row.id, ts: row.ts, tenantId: row.tenantId });
    }
    opts.onScan?.(i + 1, scans.length);
  });
  for (const rows of out.values()) rows.sort((a, b) => a.ts - b.ts || a.id - b.id);
  return out;
}

function tenantsByKind(db: QueryDb): Map<string, number[]> {
  const rows = db.prepare('SELECT t.id AS id, coalesce(t.source_kind, c.kind) AS kind FROM tenants t JOIN connections c ON c.id = t.connection_id').all() as { id: number; kind: string }[];
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.kind, [...(out.get(r.kind) ?? []), r.id]);
  return out;
}

/** Splits a kind's rules so that each scan's bits fit: rules for any action first, each taking a bit; then per action. */
function chunks(rules: readonly Prepared[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk = { any: [], byAction: new Map() };
  const widest = (c: Chunk, extra: Map<string, number>) =>
    c.any.length + Math.max(0, ...[...new Set([...c.byAction.keys(), ...extra.keys()])].map((a) => (c.byAction.get(a)?.length ?? 0) + (extra.get(a) ?? 0)));
  for (const p of [...rules].sort((a, b) => Number(a.actions !== null) - Number(b.actions !== null))) {
    const extra = new Map((p.actions ?? []).map((a) => [a, 1]));
    const fits = p.actions === null ? widest(cur, new Map()) + 1 <= BITS : widest(cur, extra) <= BITS;
    if (!fits) {
      out.push(cur);
      cur = { any: [], byAction: new Map() };
    }
    if (p.actions === null) cur.any.push(p);
    else for (const a of new Set(p.actions)) cur.byAction.set(a, [...(cur.byAction.get(a) ?? []), p]);
  }
  if (cur.any.length > 0 || cur.byAction.size > 0) out.push(cur);
  return out;
}

/**
 * One scan of the kind's tenants in the view: bits 0.. for the rules of any action, then, from
 * the next bit, the rules of the event's own action (the same bits mean other rules for another
 * action, so decoding needs the action). Only rows with a bit set come back.
 */
function scanStatement(chunk: Chunk, tenants: readonly number[], opts: SweepOptions): Sql & { decode: (action: string, bits: number) => DetectionRule[] } {
  const params: SqlParam[] = [];
  const terms: string[] = [];
  chunk.any.forEach((p, i) => {
    terms.push(`(${p.cond.sql}) * ${2 ** i}`);
    params.push(...p.cond.params);
  });
  const base = chunk.any.length;
  const actions = [...chunk.byAction.keys()];
  if (actions.length > 0) {
    const branches = actions.map((a) => {
      const rules = chunk.byAction.get(a)!;
      params.push(a, ...rules.flatMap((p) => p.cond.params));
      return `WHEN ? THEN ${rules.map((p, j) => `(${p.cond.sql}) * ${2 ** (base + j)}`).join(' + ')}`;
    });
    terms.push(`CASE lower(e.action) ${branches.join(' ')} ELSE 0 END`);
  }
  const bitParams = [...params];
  // Without rules for any action, only the events of the named actions need reading past the column.
  const onlyActions = chunk.any.length === 0 ? ` AND lower(e.action) IN (${actions.map(() => '?').join(', ')})` : '';
  const sql =
    `SELECT * FROM (SELECT e.id AS id, e.ts AS ts, e.tenant_id AS tenantId, lower(e.action) AS action, ${terms.join(' + ')} AS bits ` +
    `FROM events e WHERE ${opts.viewWhere} AND e.tenant_id IN (SELECT value FROM json_each(?))${onlyActions}) WHERE bits <> 0`;
  const decode = (action: string, bits: number): DetectionRule[] => {
    const hit: DetectionRule[] = [];
    chunk.any.forEach((p, i) => {
      if (Math.floor(bits / 2 ** i) % 2 === 1) hit.push(p.rule);
    });
    (chunk.byAction.get(action) ?? []).forEach((p, j) => {
      if (Math.floor(bits / 2 ** (base + j)) % 2 === 1) hit.push(p.rule);
    });
    return hit;
  };
  return { sql, params: [...bitParams, ...opts.viewParams, JSON.stringify(tenants), ...(chunk.any.length === 0 ? actions : [])], decode };
}
