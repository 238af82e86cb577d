/**
 * Each detection construct and modifier of the Sigma specification, as a table: a detection
 * block, events, and the indices of the events that must match (every other one must not).
 */
import { describe, expect, it } from 'vitest';
import { detectionRule, oktaRule, sigmaHarness } from '../../support/sigma-harness.ts';

interface Case {
  name: string;
  detection: string;
  events: unknown[];
  match: number[];
}

const ev = (o: Record<string, unknown>): Record<string, unknown> => o;

const CASES: Case[] = [
  { name: 'map: field equals, case-insensitive', detection: 'sel:\n  eventType: User.Session.Start\ncondition: sel',
    events: [ev({ eventType: 'user.session.start' }), ev({ eventType: 'user.session.end' }), ev({})], match: [0] },
  { name: 'map: two fields are AND', detection: 'sel:\n  a: x\n  b: y\ncondition: sel',
    events: [ev({ a: 'x', b: 'y' }), ev({ a: 'x', b: 'z' }), ev({ b: 'y' })], match: [0] },
  { name: 'map: a list of values is OR', detection: 'sel:\n  a:\n    - x\n    - y\ncondition: sel',
    events: [ev({ a: 'x' }), ev({ a: 'y' }), ev({ a: 'z' })], match: [0, 1] },
  { name: 'list of maps is OR', detection: 'sel:\n  - a: x\n  - b: y\ncondition: sel',
    events: [ev({ a: 'x' }), ev({ b: 'y' }), ev({ a: 'y', b: 'x' })], match: [0, 1] },
  { name: 'dotted path into nested objects', detection: 'sel:\n  actor.alternateId: eve@x.example\ncondition: sel',
    events: [ev({ actor: { alternateId: 'EVE@x.example' } }), ev({ actor: { alternateId: 'bob@x.example' } }), ev({ 'actor.alternateId': 'x' })], match: [0] },
  { name: 'path through an array of objects (Okta target[])', detection: 'sel:\n  target.type: AppInstance\ncondition: sel',
    events: [ev({ target: [{ type: 'User' }, { type: 'AppInstance' }] }), ev({ target: [{ type: 'User' }] }), ev({ target: 'AppInstance' })], match: [0] },
  { name: 'a field holding a list matches on any element', detection: 'sel:\n  tags: red\ncondition: sel',
    events: [ev({ tags: ['blue', 'red'] }), ev({ tags: ['blue'] }), ev({ tags: [['red']] })], match: [0] },
  { name: 'numbers and booleans compare as text', detection: "sel:\n  n: 4624\n  ok: 'true'\ncondition: sel",
    events: [ev({ n: 4624, ok: true }), ev({ n: '4624', ok: 'TRUE' }), ev({ n: 4625, ok: true }), ev({ n: 4624, ok: false })], match: [0, 1] },
  { name: 'an object never equals text', detection: "sel:\n  a|contains: x\ncondition: sel",
    events: [ev({ a: { b: 'x' } }), ev({ a: 'x' })], match: [1] },
  { name: 'wildcards * and ?', detection: "sel:\n  a: 'ab*d?'\ncondition: sel",
    events: [ev({ a: 'abXYdZ' }), ev({ a: 'abdZ' }), ev({ a: 'abd' }), ev({ a: 'xabdZ' })], match: [0, 1] },
  { name: 'escaped wildcards are literal', detection: "sel:\n  a: 'a\\*b\\?'\ncondition: sel",
    events: [ev({ a: 'a*b?' }), ev({ a: 'aXbY' })], match: [0] },
  { name: 'SQL LIKE characters are literal', detection: "sel:\n  a: '50%_off'\ncondition: sel",
    events: [ev({ a: '50%_off' }), ev({ a: '50XXoff' }), ev({ a: '50%xoff' })], match: [0] },
  { name: 'contains', detection: 'sel:\n  a|contains: admin\ncondition: sel',
    events: [ev({ a: '/api/ADMIN/x' }), ev({ a: '/api/user' })], match: [0] },
  { name: 'startswith', detection: 'sel:\n  a|startswith: /api\ncondition: sel',
    events: [ev({ a: '/API/x' }), ev({ a: 'x/api' })], match: [0] },
  { name: 'endswith', detection: 'sel:\n  a|endswith: .exe\ncondition: sel',
    events: [ev({ a: 'cmd.EXE' }), ev({ a: 'cmd.exe.txt' })], match: [0] },
  { name: 'contains|all', detection: 'sel:\n  a|contains|all:\n    - foo\n    - bar\ncondition: sel',
    events: [ev({ a: 'bar foo' }), ev({ a: 'foo' }), ev({ a: 'bar' })], match: [0] },
  { name: 'cased', detection: 'sel:\n  a|cased: Admin\ncondition: sel',
    events: [ev({ a: 'Admin' }), ev({ a: 'admin' })], match: [0] },
  { name: 'cased with wildcards', detection: "sel:\n  a|cased|startswith: 'Ad[m'\ncondition: sel",
    events: [ev({ a: 'Ad[min' }), ev({ a: 'ad[min' }), ev({ a: 'Adm' })], match: [0] },
  { name: 're (case-sensitive, unanchored)', detection: "sel:\n  a|re: 'ab+c$'\ncondition: sel",
    events: [ev({ a: 'xxabbbc' }), ev({ a: 'ABC' }), ev({ a: 'abcx' })], match: [0] },
  { name: 're|i', detection: "sel:\n  a|re|i: '^adm'\ncondition: sel",
    events: [ev({ a: 'ADMIN' }), ev({ a: 'xadm' })], match: [0] },
  { name: 're with a PCRE (?i) prefix', detection: "sel:\n  a|re: '(?i)^adm'\ncondition: sel",
    events: [ev({ a: 'ADMIN' }), ev({ a: 'xadm' })], match: [0] },
  { name: 'cidr v4 and v6', detection: "sel:\n  ip|cidr:\n    - 10.0.0.0/8\n    - '2001:db8::/32'\ncondition: sel",
    events: [ev({ ip: '10.1.2.3' }), ev({ ip: '11.0.0.1' }), ev({ ip: '2001:db8::1' }), ev({ ip: 'not an ip' })], match: [0, 2] },
  { name: 'exists: true', detection: 'sel:\n  a.b|exists: true\ncondition: sel',
    events: [ev({ a: { b: null } }), ev({ a: { b: '' } }), ev({ a: {} }), ev({ a: [{ b: 1 }] })], match: [0, 1, 3] },
  { name: 'exists: false', detection: 'sel:\n  a|exists: false\ncondition: sel',
    events: [ev({ a: 1 }), ev({ b: 1 })], match: [1] },
  { name: 'gt / gte / lt / lte', detection: 'sel:\n  n|gt: 5\n  n|lte: 10\ncondition: sel',
    events: [ev({ n: 5 }), ev({ n: 6 }), ev({ n: '10' }), ev({ n: 11 }), ev({ n: 'ten' })], match: [1, 2] },
  { name: 'gte and lt', detection: 'sel:\n  n|gte: 1.5\n  n|lt: 2\ncondition: sel',
    events: [ev({ n: 1.5 }), ev({ n: 2 }), ev({ n: 1.4 })], match: [0] },
  { name: 'windash', detection: "sel:\n  cmd|windash|contains: ' -exec'\ncondition: sel",
    events: [ev({ cmd: 'x /exec' }), ev({ cmd: 'x \u2013exec' }), ev({ cmd: 'x -exec' }), ev({ cmd: 'x +exec' })], match: [0, 1, 2] },
  { name: 'base64', detection: "sel:\n  data|base64: 'hello'\ncondition: sel",
    events: [ev({ data: 'aGVsbG8=' }), ev({ data: 'hello' })], match: [0] },
  { name: 'base64offset|contains', detection: "sel:\n  data|base64offset|contains: 'http://'\ncondition: sel",
    events: [
      ev({ data: Buffer.from('get http://x').toString('base64') }),
      ev({ data: Buffer.from('xx http://x').toString('base64') }),
      ev({ data: Buffer.from('x http://x').toString('base64') }),
      ev({ data: Buffer.from('https://x').toString('base64') }),
    ], match: [0, 1, 2] },
  { name: 'fieldref', detection: 'sel:\n  a|fieldref: b\ncondition: sel',
    events: [ev({ a: 'X', b: 'x' }), ev({ a: 'x', b: 'y' }), ev({ a: 'x' })], match: [0] },
  { name: 'fieldref|contains', detection: 'sel:\n  a|fieldref|contains: b\ncondition: sel',
    events: [ev({ a: 'hello world', b: 'WORLD' }), ev({ a: 'hello', b: 'world' })], match: [0] },
  { name: 'fieldref|endswith', detection: 'sel:\n  a|fieldref|endswith: b\ncondition: sel',
    events: [ev({ a: 'hello world', b: 'world' }), ev({ a: 'world hello', b: 'world' })], match: [0] },
  { name: 'neq', detection: 'sel:\n  a|neq: x\ncondition: sel',
    events: [ev({ a: 'x' }), ev({ a: 'y' })], match: [1] },
  { name: 'null: absent or JSON null', detection: 'sel:\n  a: null\ncondition: sel',
    events: [ev({ a: null }), ev({}), ev({ a: '' }), ev({ a: 0 })], match: [0, 1] },
  { name: 'empty string', detection: "sel:\n  a: ''\ncondition: sel",
    events: [ev({ a: '' }), ev({}), ev({ a: 'x' })], match: [0] },
  { name: 'keywords (a list) search the raw event', detection: 'keywords:\n  - evil\n  - bad*thing\ncondition: keywords',
    events: [ev({ a: 'very EVIL' }), ev({ b: 'bad old thing' }), ev({ c: 'good' })], match: [0, 1] },
  { name: 'not keeps events without the field', detection: 'sel:\n  a: x\ncondition: not sel',
    events: [ev({ a: 'x' }), ev({ a: 'y' }), ev({})], match: [1, 2] },
  { name: 'and / or / not with parentheses', detection: 'a:\n  x: 1\nb:\n  y: 1\nc:\n  z: 1\ncondition: a and (b or c) and not (b and c)',
    events: [ev({ x: 1, y: 1 }), ev({ x: 1, z: 1 }), ev({ x: 1, y: 1, z: 1 }), ev({ y: 1 })], match: [0, 1] },
  { name: 'not binds tighter than and, and than or', detection: 'a:\n  x: 1\nb:\n  y: 1\nc:\n  z: 1\ncondition: a or b and not c',
    events: [ev({ x: 1, z: 1 }), ev({ y: 1 }), ev({ y: 1, z: 1 })], match: [0, 1] },
  { name: '1 of with a wildcard', detection: 'sel_a:\n  x: 1\nsel_b:\n  y: 1\nother:\n  z: 1\ncondition: 1 of sel_*',
    events: [ev({ x: 1 }), ev({ y: 1 }), ev({ z: 1 })], match: [0, 1] },
  { name: 'all of with a wildcard', detection: 'sel_a:\n  x: 1\nsel_b:\n  y: 1\ncondition: all of sel_*',
    events: [ev({ x: 1, y: 1 }), ev({ y: 1 })], match: [0] },
  { name: '1 of them skips names starting with _', detection: 'a:\n  x: 1\n_b:\n  y: 1\ncondition: 1 of them',
    events: [ev({ x: 1 }), ev({ y: 1 })], match: [0] },
  { name: 'all of them', detection: 'a:\n  x: 1\nb:\n  y: 1\ncondition: all of them',
    events: [ev({ x: 1, y: 1 }), ev({ x: 1 })], match: [0] },
  { name: 'a condition list is OR', detection: 'a:\n  x: 1\nb:\n  y: 1\ncondition:\n  - a\n  - b',
    events: [ev({ x: 1 }), ev({ y: 1 }), ev({ z: 1 })], match: [0, 1] },
  { name: 'keys with dashes and @', detection: "sel:\n  '@meta.user-name': x\ncondition: sel",
    events: [ev({ '@meta': { 'user-name': 'x' } }), ev({ '@meta': { user: 'x' } })], match: [0] },
];

describe('Sigma detection constructs and modifiers (SQL over raw events)', () => {
  const h = sigmaHarness();
  it.each(CASES)('$name', ({ detection, events, match }) => {
    h.load(events);
    expect(h.matchRule(detectionRule(oktaRule(detection)))).toEqual(match);
  });

  it('selects only tenants of the logsource kind', () => {
    h.load([{ eventType: 'x' }], 'github');
    expect(h.matchRule(detectionRule(oktaRule('sel:\n  eventType: x\ncondition: sel')))).toEqual([]);
  });
});

describe('the action prefilter', () => {
  it('keeps results the same when the rule pins the event type (case-insensitively)', () => {
    const h = sigmaHarness();
    h.load([{ eventType: 'User.Session.Start', x: 1 }, { eventType: 'user.session.start', x: 2 }, { eventType: 'other', x: 1 }]);
    const rule = detectionRule(oktaRule('a:\n  eventType: user.session.START\nb:\n  x: 1\ncondition: a and b'));
    expect(h.matchRule(rule)).toEqual([0]);
    const either = detectionRule(oktaRule('a:\n  eventType: user.session.start\nb:\n  eventType: other\ncondition: a or b'));
    expect(h.matchRule(either)).toEqual([0, 1, 2]);
  });
});
