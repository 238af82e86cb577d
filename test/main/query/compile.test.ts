/**
 * Every construct of the query language: the exact SQL and params, and the events they select
 * from a real schema (so the semantics are proven, not just the strings).
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cidrRange } from '../../../main/domain/ip.ts';
import { compileQuery, type SqlParam } from '../../../main/query/compile.ts';
import { QUERY_LIMITS } from '../../../main/query/cost.ts';
import { matchIds, openFixture } from './fixture.ts';

const FTS = '+e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)';
const eq = (c: string): string => `e.${c} = ? COLLATE NOCASE`;
const like = (c: string): string => `e.${c} LIKE ? ESCAPE '\\'`;
const any = (f: (c: string) => string, ...cols: string[]): string => `(${cols.map(f).join(' OR ')})`;
const ACTOR = ['actor_id', 'actor_name', 'actor_email'];
const TENANT_EQ = 'e.tenant_id IN (SELECT id FROM tenants WHERE name = ? COLLATE NOCASE)';
const TENANT_LIKE = `e.tenant_id IN (SELECT id FROM tenants WHERE name LIKE ? ESCAPE '\\')`;
const BETWEEN = 'e.ip_bin BETWEEN ? AND ?';
const utc = (iso: string): number => Date.parse(iso);
const cidr = (c: string): SqlParam[] => {
  const r = cidrRange(c);
  if (!r) throw new Error(`bad cidr in test: ${c}`);
  return [r.lo, r.hi];
};

type Case = [query: string, where: string, params: SqlParam[], ids: number[]];

const CASES: Record<string, Case[]> = {
  'text fields': [
    ['outcome:failure', eq('outcome'), ['failure'], [2, 6]],
    ['outcome:FAILURE', eq('outcome'), ['FAILURE'], [2, 6]],
    ['Outcome:failure', eq('outcome'), ['failure'], [2, 6]],
    ['outcome:"failure"', eq('outcome'), ['failure'], [2, 6]],
    ['category:auth', eq('category'), ['auth'], [1, 2]],
    ['activity:login', eq('activity'), ['login'], [1, 2]],
    ['severity:high', eq('severity'), ['high'], [2]],
    ['actor_type:service', eq('actor_type'), ['service'], [4]],
    ['actor_id:u2', eq('actor_id'), ['u2'], [2, 5]],
    ['actor_name:"deploy bot"', eq('actor_name'), ['deploy bot'], [4]],
    ['actor.email:ALICE@ACME.COM', eq('actor_email'), ['ALICE@ACME.COM'], [1, 3]],
    ['actor_email:bob@acme.com', eq('actor_email'), ['bob@acme.com'], [2]],
    ['role:admin', eq('actor_role'), ['admin'], [1, 3]],
    ['actor_role:admin', eq('actor_role'), ['admin'], [1, 3]],
    ['target_type:policy', eq('target_type'), ['policy'], [4]],
    ['target_id:pol-9', eq('target_id'), ['pol-9'], [4]],
    ['target_name:salesforce', eq('target_name'), ['salesforce'], [5]],
    ['ua:curl/8.5.0', eq('user_agent'), ['curl/8.5.0'], [2]],
    ['user_agent:"Mozilla/5.0 (X11)"', eq('user_agent'), ['Mozilla/5.0 (X11)'], [1]],
    ['country:us', eq('geo_country'), ['us'], [1]],
    ['geo_country:NL', eq('geo_country'), ['NL'], [6]],
    ['city:berlin', eq('geo_city'), ['berlin'], [2]],
    ['geo_city:boston', eq('geo_city'), ['boston'], [1]],
    ['message:"Created user carol"', eq('message'), ['Created user carol'], [3]],
    ['source_id:src-4', eq('source_id'), ['src-4'], [4]],
    // An email-shaped actor is looked up in actor_email alone (its index).
    ['actor:alice@acme.com', eq('actor_email'), ['alice@acme.com'], [1, 3]],
    ['actor:alice*', any(like, ...ACTOR), Array(3).fill('alice%'), [1, 3]],
    ['actor:"alice smith"', any(eq, ...ACTOR), Array(3).fill('alice smith'), [1, 3]],
    ['target:u3', any(eq, 'target_id', 'target_name'), ['u3', 'u3'], [3]],
    ['target:"carol white"', any(eq, 'target_id', 'target_name'), ['carol white', 'carol white'], [3]],
  ],
  wildcards: [
    ['action:user.*', like('action'), ['user.%'], [1, 2, 3]],
    ['action:user.session.?tart', like('action'), ['user.session._tart'], [1, 2]],
    ['action:*_membership*', like('action'), ['%\\_membership%'], [5]],
    // `_` is literal, so it does not match the '.' in user.session.start.
    ['action:user_session*', like('action'), ['user\\_session%'], []],
    ['target_name:*50%_off\\*', like('target_name'), ['%50\\%\\_off\\\\%'], [4]],
    ['target_name:*50%x*', like('target_name'), ['%50\\%x%'], []],
    ['actor:BOB*', any(like, ...ACTOR), Array(3).fill('BOB%'), [2]],
    ['ua:curl*', like('user_agent'), ['curl%'], [2]],
    ['message:*', like('message'), ['%'], [1, 2, 3, 4, 6]],
    // Quoted values are literal: `*` is not a wildcard there.
    ['action:"user.*"', eq('action'), ['user.*'], []],
  ],
  tenant: [
    ['tenant:globex', TENANT_EQ, ['globex'], [4, 5, 6]],
    ['tenant:"acme corp"', TENANT_EQ, ['acme corp'], [1, 2, 3]],
    ['tenant:acme*', TENANT_LIKE, ['acme%'], [1, 2, 3]],
    ['tenant:acme', TENANT_EQ, ['acme'], []],
  ],
  ip: [
    ['ip:10.0.0.0/8', BETWEEN, cidr('10.0.0.0/8'), [1, 2, 6]],
    ['ip:10.0.0.5', BETWEEN, cidr('10.0.0.5'), [1]],
    ['ip:10.0.0.5/32', BETWEEN, cidr('10.0.0.5'), [1]],
    ['ip:"10.0.0.0/16"', BETWEEN, cidr('10.0.0.0/16'), [1, 6]],
    ['ip:2001:db8::/32', BETWEEN, cidr('2001:db8::/32'), [3]],
    ['ip:2001:db8::1', BETWEEN, cidr('2001:db8::1'), [3]],
    ['ip:::ffff:10.0.0.9', BETWEEN, cidr('10.0.0.9'), [6]],
    ['ip:0.0.0.0/0', BETWEEN, cidr('0.0.0.0/0'), [1, 2, 4, 6]],
    ['ip:::/0', BETWEEN, cidr('::/0'), [1, 2, 3, 4, 6]],
    ['ip:10.0.*', like('ip'), ['10.0.%'], [1]],
    ['ip:*10.0.0.?', like('ip'), ['%10.0.0._'], [1, 6]],
  ],
  ts: [
    ['ts>=2025-01-02', 'e.ts >= ?', [utc('2025-01-02')], [3, 4, 5]],
    // A date is a span: `>` and `<=` take its end, `>=` and `<` its start.
    ['ts>2025-01-01', 'e.ts >= ?', [utc('2025-01-02')], [3, 4, 5]],
    ['ts<2025-01-01', 'e.ts < ?', [utc('2025-01-01')], [6]],
    ['ts<=2025-01-01', 'e.ts < ?', [utc('2025-01-02')], [1, 2, 6]],
    ['ts:2025-01-01', '(e.ts >= ? AND e.ts < ?)', [utc('2025-01-01'), utc('2025-01-02')], [1, 2]],
    ['ts:2025-01', '(e.ts >= ? AND e.ts < ?)', [utc('2025-01-01'), utc('2025-02-01')], [1, 2, 3, 4]],
    ['ts:2024', '(e.ts >= ? AND e.ts < ?)', [utc('2024-01-01'), utc('2025-01-01')], [6]],
    ['ts>2025-01-01T23:59:59.998Z', 'e.ts >= ?', [utc('2025-01-01T23:59:59.999Z')], [2, 3, 4, 5]],
    ['ts>2025-01-01T10:00:00Z', 'e.ts >= ?', [utc('2025-01-01T10:00:01Z')], [2, 3, 4, 5]],
    ['ts>=2025-01-01T01:00+02:00', 'e.ts >= ?', [utc('2024-12-31T23:00Z')], [1, 2, 3, 4, 5, 6]],
    ['ts:"2025-01-15 12:00"', '(e.ts >= ? AND e.ts < ?)', [utc('2025-01-15T12:00Z'), utc('2025-01-15T12:01Z')], [4]],
    ['TS<2025-01-01t00:00:00z', 'e.ts < ?', [utc('2025-01-01')], [6]],
  ],
  id: [
    ['id:3', 'e.id = ?', [3], [3]],
    ['id:"4"', 'e.id = ?', [4], [4]],
    ['id>=5', 'e.id >= ?', [5], [5, 6]],
    ['id>5', 'e.id > ?', [5], [6]],
    ['id<2', 'e.id < ?', [2], [1]],
    ['id<=2', 'e.id <= ?', [2], [1, 2]],
    ['id:9223372036854775807', 'e.id = ?', [9223372036854775807n], []],
  ],
  'full text': [
    ['login', FTS, ['"login"'], [1, 2]],
    ['LOGIN', FTS, ['"LOGIN"'], [1, 2]],
    ['log*', FTS, ['"log" *'], [1, 2]],
    ['"bad password"', FTS, ['"bad password"'], [2]],
    ['"password bad"', FTS, ['"password bad"'], []],
    ['alice@acme.com', FTS, ['"alice@acme.com"'], [1, 3]],
    ['login failed', FTS, ['"login" AND "failed"'], [2]],
    ['login AND failed', FTS, ['"login" AND "failed"'], [2]],
    ['carol OR tor', FTS, ['"carol" OR "tor"'], [3, 6]],
    ['(carol OR tor) suspicious', FTS, ['("carol" OR "tor") AND "suspicious"'], [6]],
    ['carol OR tor suspicious', FTS, ['"carol" OR ("tor" AND "suspicious")'], [3, 6]],
    ['"MFA" changed', FTS, ['"MFA" AND "changed"'], [4]],
    // FTS5 syntax typed by the user stays text: no operators, no column filters, no NEAR.
    ['"login\\" OR \\"tor"', FTS, ['"login"" OR ""tor"'], []],
    ['"events_fts:login"', FTS, ['"events_fts:login"'], []],
    ['"NEAR(login tor)"', FTS, ['"NEAR(login tor)"'], []],
    ['policy OR "a OR b" NEAR', FTS, ['"policy" OR ("a OR b" AND "NEAR")'], [4]],
    ['succ*', FTS, ['"succ" *'], [1]],
    ['"succ*"', FTS, ['"succ*"'], []],
    ['login NOT failed', `${FTS} AND (${FTS}) IS NOT TRUE`, ['"login"', '"failed"'], [1]],
    ['login -failed', `${FTS} AND (${FTS}) IS NOT TRUE`, ['"login"', '"failed"'], [1]],
  ],
  'boolean logic': [
    ['outcome:failure login', `${eq('outcome')} AND ${FTS}`, ['failure', '"login"'], [2]],
    ['outcome:failure AND category:auth', `${eq('outcome')} AND ${eq('category')}`, ['failure', 'auth'], [2]],
    ['outcome:success OR severity:critical', `(${eq('outcome')} OR ${eq('severity')})`, ['success', 'critical'], [1, 3, 5, 6]],
    [
      'outcome:success category:auth OR severity:critical',
      `((${eq('outcome')} AND ${eq('category')}) OR ${eq('severity')})`,
      ['success', 'auth', 'critical'],
      [1, 6],
    ],
    [
      'outcome:success (category:auth OR severity:critical)',
      `${eq('outcome')} AND (${eq('category')} OR ${eq('severity')})`,
      ['success', 'auth', 'critical'],
      [1],
    ],
    // NOT binds tighter than AND, which binds tighter than OR.
    [
      'NOT outcome:success category:auth OR id:3',
      `(((${eq('outcome')}) IS NOT TRUE AND ${eq('category')}) OR e.id = ?)`,
      ['success', 'auth', 3],
      [2, 3],
    ],
    ['NOT severity:high', `(${eq('severity')}) IS NOT TRUE`, ['high'], [1, 3, 4, 5, 6]],
    ['NOT NOT severity:high', `((${eq('severity')}) IS NOT TRUE) IS NOT TRUE`, ['high'], [2]],
    ['-actor:alice*', `(${any(like, ...ACTOR)}) IS NOT TRUE`, Array(3).fill('alice%'), [2, 4, 5, 6]],
    ['NOT (outcome:failure OR category:user)', `(${eq('outcome')} OR ${eq('category')}) IS NOT TRUE`, ['failure', 'user'], [1, 4, 5]],
    ['-(outcome:failure OR category:user)', `(${eq('outcome')} OR ${eq('category')}) IS NOT TRUE`, ['failure', 'user'], [1, 4, 5]],
    ['((outcome:failure))', eq('outcome'), ['failure'], [2, 6]],
    [
      'carol OR outcome:unknown OR tor',
      `(${FTS} OR ${eq('outcome')})`,
      ['"carol" OR "tor"', 'unknown'],
      [3, 4, 6],
    ],
    [
      'tenant:acme* outcome:success ip:10.0.0.0/8 ts>=2025-01-01 login',
      `${TENANT_LIKE} AND ${eq('outcome')} AND ${BETWEEN} AND e.ts >= ? AND ${FTS}`,
      ['acme%', 'success', ...cidr('10.0.0.0/8'), utc('2025-01-01'), '"login"'],
      [1],
    ],
  ],
  'field groups': [
    ['outcome:(failure OR unknown)', `(${eq('outcome')} OR ${eq('outcome')})`, ['failure', 'unknown'], [2, 4, 6]],
    ['outcome:(failure unknown)', `${eq('outcome')} AND ${eq('outcome')}`, ['failure', 'unknown'], []],
    ['actor:(alice* bob*)', `${any(like, ...ACTOR)} AND ${any(like, ...ACTOR)}`, [...Array(3).fill('alice%'), ...Array(3).fill('bob%')], []],
    ['outcome:(NOT success)', `(${eq('outcome')}) IS NOT TRUE`, ['success'], [2, 4, 6]],
    ['ip:(10.0.0.0/8 OR 2001:db8::/32)', `(${BETWEEN} OR ${BETWEEN})`, [...cidr('10.0.0.0/8'), ...cidr('2001:db8::/32')], [1, 2, 3, 6]],
    ['ts:(2025-01-01 OR 2025-02)', '((e.ts >= ? AND e.ts < ?) OR (e.ts >= ? AND e.ts < ?))',
      [utc('2025-01-01'), utc('2025-01-02'), utc('2025-02-01'), utc('2025-03-01')], [1, 2, 5]],
    ['category:(auth OR (user AND NOT app))', `(${eq('category')} OR (${eq('category')} AND (${eq('category')}) IS NOT TRUE))`,
      ['auth', 'user', 'app'], [1, 2, 3]],
    ['actor_id:("u1" OR u2) -category:app', `(${eq('actor_id')} OR ${eq('actor_id')}) AND (${eq('category')}) IS NOT TRUE`,
      ['u1', 'u2', 'app'], [1, 2, 3]],
    ['_exists_:(target_id OR geo_city)', "((e.target_id IS NOT NULL AND e.target_id <> '') OR (e.geo_city IS NOT NULL AND e.geo_city <> ''))",
      [], [1, 2, 3, 4, 5]],
  ],
  exists: [
    ['_exists_:target_id', "(e.target_id IS NOT NULL AND e.target_id <> '')", [], [3, 4, 5]],
    ['_exists_:actor_role', "(e.actor_role IS NOT NULL AND e.actor_role <> '')", [], [1, 3]],
    ['_exists_:role', "(e.actor_role IS NOT NULL AND e.actor_role <> '')", [], [1, 3]],
    [
      '_exists_:actor',
      `(${ACTOR.map((c) => `(e.${c} IS NOT NULL AND e.${c} <> '')`).join(' OR ')})`,
      [],
      [1, 2, 3, 4, 5],
    ],
    ['NOT _exists_:ip', "((e.ip IS NOT NULL AND e.ip <> '')) IS NOT TRUE", [], [5]],
    ['_exists_:tenant', 'e.tenant_id IS NOT NULL', [], [1, 2, 3, 4, 5, 6]],
    ['_exists_:ts', 'e.ts IS NOT NULL', [], [1, 2, 3, 4, 5, 6]],
  ],
  empty: [
    ['', '1', [], [1, 2, 3, 4, 5, 6]],
    ['   \t ', '1', [], [1, 2, 3, 4, 5, 6]],
  ],
};

let db: Database.Database;
beforeAll(() => {
  db = openFixture();
});
afterAll(() => db.close());

describe.each(Object.entries(CASES))('%s', (_name, cases) => {
  it.each(cases)('%s', (query, where, params, ids) => {
    const compiled = compileQuery(query);
    expect(compiled.where).toBe(where);
    expect(compiled.params).toEqual(params);
    expect(matchIds(db, compiled)).toEqual(ids);
  });
});

describe('shape of the SQL', () => {
  it('nests long AND chains in groups of 8 so SQLite never sees a deep tree', () => {
    const q = Array.from({ length: 10 }, (_, i) => `id>${i}`).join(' ');
    const one = 'e.id > ?';
    const { where, params } = compileQuery(q);
    expect(where).toBe(`(${Array(8).fill(one).join(' AND ')}) AND (${one} AND ${one})`);
    expect(params).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(matchIds(db, compileQuery(q))).toEqual([]);
  });

  it('runs the longest allowed chains (every term in one AND; the widest OR lists, two of them)', () => {
    const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `id:${i + from}`);
    expect(matchIds(db, compileQuery(ids(QUERY_LIMITS.terms).join(' ')))).toEqual([]);
    const width = QUERY_LIMITS.orAlternatives;
    expect(matchIds(db, compileQuery(ids(width).join(' OR ')))).toEqual([1, 2, 3, 4, 5, 6]);
    const twoLists = `(${ids(width).join(' OR ')}) AND (${ids(QUERY_LIMITS.terms - width, 3).join(' OR ')})`;
    expect(matchIds(db, compileQuery(twoLists))).toEqual([3, 4, 5, 6]);
  });

  it('runs the deepest allowed nesting', () => {
    const q = `${'NOT ('.repeat(16)}outcome:failure OR id:1${')'.repeat(16)}`;
    expect(matchIds(db, compileQuery(q))).toEqual([1, 2, 6]);
    const q2 = `${'('.repeat(31)}id:1 OR id:2${')'.repeat(31)}`;
    expect(matchIds(db, compileQuery(q2))).toEqual([1, 2]);
  });

  it('is safe to AND with other conditions', () => {
    const { where, params } = compileQuery('id:1 OR id:2');
    const rows = db.prepare(`SELECT e.id FROM events e WHERE e.tenant_id = 2 AND ${where}`).all(...params);
    expect(rows).toEqual([]);
  });
});
