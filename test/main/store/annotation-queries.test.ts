/**
 * `starred:`, `tag:` and `note:` in the query language: for each query, the page's rows, the
 * count, the histogram and the top values all equal a scan of the events in JavaScript against
 * the annotations written; and the daily rollups never answer such a view (they know nothing of
 * annotations), even over whole days where they would answer the same view without these terms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../../../main/query/errors.ts';
import { compileQuery } from '../../../main/query/compile.ts';
import { setAnnotation } from '../../../main/store/annotations.ts';
import { openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { count, histogram, page, topValues } from '../../../main/store/reader.ts';
import { rollupPlan } from '../../../main/store/rollups.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, prng, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

const DAY = 86_400_000;
type Marks = { starred: boolean; tags: string[]; note: string };
type Ev = { id: number; ts: number; outcome: string; action: string };

let w: WriteDb;
let r: ReadDb;
let events: Ev[];
const marks = new Map<number, Marks>();

const TAGS = ['phishing', 'Case-7', 'case-8', 'ioc/ip', 'benign'];
const NOTES = ['Failed login from the VPN range', 'OAuth grant looks odd', 'checked: benign 50% sure', 'which one? see *ticket*', 'done: no ticket yet', ''];

beforeAll(() => {
  const path = tempWorkspacePath('annotation-queries.trailkeeper');
  w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  const tenant = ensureTenant(w, conn, { externalId: 'acme', name: 'Acme', groups: [] });
  const writer = new EventWriter(w);
  for (const part of chunk(makeEvents(11, 2_000, { prefix: 'q', minutes: 8 * 24 * 60 }), 250)) writer.ingestBatch({ tenantId: tenant, events: part });
  events = w.prepare('SELECT id, ts, outcome, action FROM events').all() as Ev[];
  const rng = prng(5);
  for (const e of events) {
    if (rng() > 0.15) continue;
    const m: Marks = {
      starred: rng() < 0.4,
      tags: TAGS.filter(() => rng() < 0.3),
      note: NOTES[Math.floor(rng() * NOTES.length)]!,
    };
    const saved = setAnnotation(w, { eventId: e.id, ...m, now: 1 });
    if (saved && (saved.starred || saved.tags.length || saved.note)) marks.set(e.id, { starred: saved.starred, tags: saved.tags, note: saved.note });
  }
  r = openWorkspaceForRead(path);
});

afterAll(() => {
  r?.close();
  w?.close();
  removeTempDirs();
});

const lower = (s: string) => s.toLowerCase();
const m = (e: Ev): Marks => marks.get(e.id) ?? { starred: false, tags: [], note: '' };

/** Each query with the same test written in JavaScript over the events and the marks. */
const CASES: [string, (e: Ev) => boolean][] = [
  ['starred:true', (e) => m(e).starred],
  ['starred:FALSE', (e) => !m(e).starred],
  ['star:true', (e) => m(e).starred],
  ['NOT starred:true', (e) => !m(e).starred],
  ['tag:phishing', (e) => m(e).tags.some((t) => lower(t) === 'phishing')],
  ['tag:CASE-7', (e) => m(e).tags.some((t) => lower(t) === 'case-7')],
  ['tag:case-*', (e) => m(e).tags.some((t) => lower(t).startsWith('case-'))],
  ['tag:"ioc/ip"', (e) => m(e).tags.includes('ioc/ip')],
  ['-tag:benign', (e) => !m(e).tags.includes('benign')],
  ['note:vpn', (e) => lower(m(e).note).includes('vpn')],
  ['note:"50%"', (e) => m(e).note.includes('50%')],
  ['note:oauth*', (e) => lower(m(e).note).startsWith('oauth')],
  ['note:"one?"', (e) => m(e).note.includes('one?')],
  ['note:"*ticket*"', (e) => m(e).note.includes('*ticket*')],
  ['note:*ticket*', (e) => lower(m(e).note).includes('ticket')],
  ['_exists_:tag', (e) => m(e).tags.length > 0],
  ['_exists_:note', (e) => m(e).note !== ''],
  ['starred:true AND outcome:failure', (e) => m(e).starred && e.outcome === 'failure'],
  ['tag:phishing OR starred:true', (e) => m(e).starred || m(e).tags.includes('phishing')],
  ['tags:(benign OR phishing) NOT outcome:success', (e) => m(e).tags.some((t) => t === 'benign' || t === 'phishing') && e.outcome !== 'success'],
];

// Whole UTC days: without the annotation terms, the rollups would answer this range.
const RANGE = { from: BASE_TS + DAY, to: BASE_TS + 6 * DAY };

describe.each(CASES)('%s', (query, test) => {
  const view = (): View => ({ scope: { kind: 'all' }, range: RANGE, query });
  const expected = () => events.filter((e) => e.ts >= RANGE.from && e.ts < RANGE.to && test(e));

  it('is never answered by the daily rollups', () => {
    expect(rollupPlan({ ...view(), query: 'outcome:failure' })).not.toBeNull();
    expect(rollupPlan(view())).toBeNull();
  });

  it('count, histogram, top values and the rows equal a scan', () => {
    const want = expected();
    expect(want.length, 'the data set exercises this query').toBeGreaterThan(0);
    expect(count(r, view())).toBe(want.length);
    expect(count(r, view(), { rollups: false })).toBe(want.length);
    const h = histogram(r, view(), 10);
    expect(h.buckets.reduce((s, b) => s + b.count, 0)).toBe(want.length);
    for (const b of h.buckets) expect(b.count).toBe(want.filter((e) => e.ts >= b.start && e.ts < b.start + h.bucketMs).length);
    const top = topValues(r, view(), 'outcome', 10);
    expect(top.total).toBe(want.length);
    for (const v of top.values) expect(v.count).toBe(want.filter((e) => e.outcome === v.value).length);
    const rows = page(r, { view: view(), order: 'newest', after: null, limit: 5000 }).rows;
    expect(rows.map((x) => x.id).sort((a, b) => a - b)).toEqual(want.map((e) => e.id).sort((a, b) => a - b));
  });
});

describe('mistakes', () => {
  it('starred takes only true or false, and names the column', () => {
    expect(() => compileQuery('outcome:failure starred:yes')).toThrow(QuerySyntaxError);
    try {
      compileQuery('outcome:failure starred:yes');
    } catch (error) {
      expect((error as QuerySyntaxError).message).toBe("'yes' is not true or false: use starred:true or starred:false.");
      expect((error as QuerySyntaxError).column).toBe(25);
    }
  });

  it('tag values travel as parameters, never as SQL', () => {
    const q = compileQuery(`tag:"x') OR 1=1 --"`);
    expect(q.where).not.toContain('1=1');
    expect(q.params).toEqual(["x') OR 1=1 --"]);
  });
});
