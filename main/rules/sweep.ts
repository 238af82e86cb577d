/**
 * Runs many detection rules in few statements: one scan of the view's events per source kind
 * (per chunk of rules), testing every rule of that kind on each event it reads. A rule that names
 * its event types (prefilter.ts) is tested only on events of those types, picked by one CASE on
 * the event's action, so most events cost a column compare and no JSON at all; an event's JSON
 * is parsed once for all the rules tested on it (SQLite's JSON cache lasts the statement). A rule
 * whose matches must hold some words (fts-prefilter.ts) that few events hold is read through the
 * full-text index instead: only those events, and those the index does not hold yet. Each row
 * carries a bit per rule that matched. The scan joins the rows to their raw text itself: the
 * `events` view reads the raw once per use, and a rule reads it once per JSON path.
 * Matches are the same as each rule's own query (compile.ts's ruleWhere over the view), in the
 * same order: test/main/rules/sweep.test.ts and the differential test hold it to that.
 */
import { FTS_ESCAPE_GUARD, ftsPrefilter } from './fts-prefilter.ts';
import type { DetectionRule } from './load.ts';
import { actionPrefilter } from './prefilter.ts';
import type { QueryDb } from './run.ts';
import { condSql, jsonPath, type Sql, type SqlParam } from './sql.ts';

export interface SweptRow {
  id: number;
  ts: number;
  tenantId: number;
  /** For the rules in SweepOptions.members: JSON text of an object holding those top-level members of the raw event. */
  members?: string;
}

/** An event the full-text query (first parameter) returns, or one the index does not hold yet (past the second). */
const IN_FULL_TEXT = '(e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?) OR e.id > ?)';

/** Bits in one row's mask: within a JavaScript number's exact integers. */
const BITS = 48;

interface Prepared {
  rule: DetectionRule;
  cond: Sql;
  /** The lower-cased actions it can match, or null: any. */
  actions: string[] | null;
  /** A full-text query every match satisfies (escape guard included), or null. */
  fullText: string | null;
}

/**
 * Rules tested together by one scan: those for any action, then those for each action. A chunk
 * read through the full-text index (`driven`) reads only the events its rules' queries return and
 * those not indexed yet; each rule is then tested only on its own query's events.
 */
interface Chunk {
  any: Prepared[];
  byAction: Map<string, Prepared[]>;
  driven?: boolean;
}

/**
 * A chunk is read through the full-text index while its rules' queries return at most this share
 * of the indexed events: past it, a scan in table order reads the raw text faster than one lookup
 * per event does.
 */
const DRIVEN_SHARE = 0.05;

export class SweepStopped extends Error {}

export interface SweepOptions {
  /** The view's WHERE over `events e`, and its parameters. */
  viewWhere: string;
  viewParams: readonly SqlParam[];
  shouldStop?: () => boolean;
  /** After each scan: scans done of scans to do. */
  onScan?: (done: number, total: number) => void;
  /** The highest event id the full-text index holds; absent, the index is not used. */
  fullTextUpTo?: number;
  /**
   * Rules whose matches come back with some top-level members of their raw event (what
   * correlations group by and count): cut out by SQLite from the JSON it has parsed already, so
   * the event is neither read nor parsed whole a second time.
   */
  members?: { rules: ReadonlySet<DetectionRule>; keys: readonly string[] };
}

/** Each rule's matches among the view's events, ascending by (ts, id). */
export function sweepDetections(db: QueryDb, rules: readonly DetectionRule[], opts: SweepOptions): Map<DetectionRule, SweptRow[]> {
  const out = new Map<DetectionRule, SweptRow[]>(rules.map((r) => [r, []]));
  const tenantsOf = tenantsByKind(db);
  const prepared: Prepared[] = rules.map((rule) => {
    // Only worth deriving when the run may read through the index.
    const query = opts.fullTextUpTo === undefined ? null : ftsPrefilter(rule.cond);
    return { rule, cond: condSql(rule.cond), actions: actionPrefilter(rule.cond, rule.sourceKinds), fullText: query === null ? null : `(${query}) OR ${FTS_ESCAPE_GUARD}` };
  });
  const { driven, scanned } = opts.fullTextUpTo === undefined ? { driven: [], scanned: prepared } : splitByFullText(db, prepared, opts.fullTextUpTo);
  const scans: { tenants: number[]; chunk: Chunk }[] = [];
  for (const kind of new Set(rules.flatMap((r) => r.sourceKinds))) {
    const tenants = tenantsOf.get(kind) ?? [];
    if (tenants.length === 0) continue;
    for (const group of driven) {
      const ofKind = group.filter((p) => p.rule.sourceKinds.includes(kind));
      if (ofKind.length > 0) scans.push({ tenants, chunk: { any: ofKind, byAction: new Map(), driven: true } });
    }
    for (const chunk of chunks(scanned.filter((p) => p.rule.sourceKinds.includes(kind)))) scans.push({ tenants, chunk });
  }
  scans.forEach(({ tenants, chunk }, i) => {
    if (opts.shouldStop?.()) throw new SweepStopped();
    const withMembers = [...chunk.any, ...[...chunk.byAction.values()].flat()].some((p) => opts.members?.rules.has(p.rule));
    const { sql, params, decode } = scanStatement(chunk, tenants, opts, withMembers ? opts.members!.keys : []);
    let n = 0;
    for (const row of db.prepare(sql).iterate(...params) as IterableIterator<SweptRow & { action: string; bits: number }>) {
      if (++n % 2000 === 0 && opts.shouldStop?.()) throw new SweepStopped();
      for (const rule of decode(row.action, row.bits)) {
        const swept: SweptRow = { id: row.id, ts: row.ts, tenantId: row.tenantId };
        if (opts.members?.rules.has(rule)) swept.members = row.members;
        out.get(rule)!.push(swept);
      }
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

/**
 * Which rules to read through the full-text index, in groups whose reads stay under DRIVEN_SHARE
 * of the events: the events their queries return, plus those past the watermark (every driven
 * scan reads those, so with a large backlog, just after an import, nothing is driven). The rest
 * are scanned. Counting a query's events costs a millisecond or two for a rare phrase, more for a
 * common word.
 */
function splitByFullText(db: QueryDb, prepared: readonly Prepared[], watermark: number): { driven: Prepared[][]; scanned: Prepared[] } {
  const withQuery = prepared.filter((p) => p.fullText !== null);
  const maxId = (db.prepare('SELECT ifnull(max(id), 0) AS n FROM event_rows').all()[0] as { n: number }).n;
  const budget = Math.max(1000, DRIVEN_SHARE * maxId);
  const backlog = Math.max(0, maxId - watermark);
  if (withQuery.length === 0 || backlog >= budget) return { driven: [], scanned: [...prepared] };
  const count = db.prepare('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?');
  const driven: Prepared[][] = [];
  const scanned: Prepared[] = prepared.filter((p) => p.fullText === null);
  let group: Prepared[] = [];
  let used = backlog;
  for (const p of withQuery) {
    const n = (count.all(p.fullText)[0] as { n: number }).n;
    if (backlog + n > budget) {
      scanned.push(p);
      continue;
    }
    if (used + n > budget || group.length === BITS) {
      driven.push(group);
      group = [];
      used = backlog;
    }
    group.push(p);
    used += n;
  }
  if (group.length > 0) driven.push(group);
  return { driven, scanned };
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
function scanStatement(chunk: Chunk, tenants: readonly number[], opts: SweepOptions, memberKeys: readonly string[]): Sql & { decode: (action: string, bits: number) => DetectionRule[] } {
  const members = memberKeys.length > 0 ? `json_object(${memberKeys.map(() => '?, e.raw -> ?').join(', ')}) AS members, ` : '';
  const params: SqlParam[] = memberKeys.flatMap((k) => [k, jsonPath([k])]);
  const terms: string[] = [];
  chunk.any.forEach((p, i) => {
    if (chunk.driven) {
      // Its own events only: those its query returns (or past the watermark), of its actions when it names them.
      const ofActions = p.actions ? `lower(e.action) IN (${p.actions.map(() => '?').join(', ')}) AND ` : '';
      terms.push(`(CASE WHEN ${ofActions}${IN_FULL_TEXT} THEN ${p.cond.sql} ELSE 0 END) * ${2 ** i}`);
      params.push(...(p.actions ?? []), p.fullText!, opts.fullTextUpTo!, ...p.cond.params);
    } else {
      terms.push(`(${p.cond.sql}) * ${2 ** i}`);
      params.push(...p.cond.params);
    }
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
  // A driven scan starts from the ids (the unary + keeps SQLite off the tenant index).
  const fullText = chunk.driven ? [chunk.any.map((p) => `(${p.fullText})`).join(' OR '), opts.fullTextUpTo!] : [];
  const sql =
    `SELECT * FROM (SELECT e.id AS id, e.ts AS ts, e.tenant_id AS tenantId, lower(e.action) AS action, ${members}${terms.join(' + ')} AS bits ` +
    `FROM (SELECT r.*, x.raw AS raw FROM event_rows r LEFT JOIN event_raw x ON x.id = r.id) e WHERE ${opts.viewWhere} AND ${chunk.driven ? '+' : ''}e.tenant_id IN (SELECT value FROM json_each(?))${onlyActions}${chunk.driven ? ` AND ${IN_FULL_TEXT}` : ''}) WHERE bits <> 0`;
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
  return { sql, params: [...bitParams, ...opts.viewParams, JSON.stringify(tenants), ...(chunk.any.length === 0 ? actions : []), ...fullText], decode };
}
