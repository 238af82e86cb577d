/**
 * Annotations (migration 8): star, tags and note per event, set one at a time or in bulk, read
 * back with the page and the event; never touching the events, their hashes or the chain; gone
 * with their event when retention removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationsOf, bulkTag, setAnnotation, tagCounts } from '../../../main/store/annotations.ts';
import { openWorkspaceForRead, openWorkspaceForWrite, type ReadDb, type WriteDb } from '../../../main/store/open.ts';
import { getEvent, page } from '../../../main/store/reader.ts';
import { purgeExpired } from '../../../main/store/retention.ts';
import { ensureConnection, ensureTenant, setRetention } from '../../../main/store/tenants.ts';
import { verifyWorkspace } from '../../../main/store/verify.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { BASE_TS, chunk, makeEvents, removeTempDirs, tempWorkspacePath } from './fixtures.ts';

const DAY = 86_400_000;
let w: WriteDb;
let r: ReadDb;
let tenant: number;
let ids: number[];

const now = () => Date.UTC(2025, 0, 20);
const all = (query = '', range: View['range'] = { from: null, to: null }): View => ({ scope: { kind: 'all' }, range, query });
const n = (sql: string, ...p: unknown[]) => (w.prepare(sql).get(...p) as { n: number }).n;
/** Everything that makes up the evidence: event rows with their hashes, and every batch's chain. */
const evidence = () => ({
  events: w.prepare('SELECT * FROM events ORDER BY id').all(),
  batches: w.prepare('SELECT * FROM batches ORDER BY id').all(),
  heads: w.prepare('SELECT id, chain_head FROM tenants ORDER BY id').all(),
});

beforeAll(() => {
  const path = tempWorkspacePath('annotations.trailkeeper');
  w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  tenant = ensureTenant(w, conn, { externalId: 'acme', name: 'Acme', groups: [] });
  const writer = new EventWriter(w);
  for (const part of chunk(makeEvents(7, 400, { prefix: 'an', minutes: 10 * 24 * 60 }), 100)) writer.ingestBatch({ tenantId: tenant, events: part });
  ids = (w.prepare('SELECT id FROM events ORDER BY id').all() as { id: number }[]).map((x) => x.id);
  r = openWorkspaceForRead(path);
});

afterAll(() => {
  r?.close();
  w?.close();
  removeTempDirs();
});

describe('setAnnotation', () => {
  it('stars, tags and notes an event, changing only the parts given, and drops the row once it is empty', () => {
    const id = ids[3]!;
    expect(setAnnotation(w, { eventId: id, starred: true, now: now() })).toEqual({ eventId: id, starred: true, tags: [], note: '' });
    expect(setAnnotation(w, { eventId: id, tags: ['phishing', 'Phishing', ' case-12 '], now: now() })).toEqual({ eventId: id, starred: true, tags: ['case-12', 'phishing'], note: '' });
    expect(setAnnotation(w, { eventId: id, note: 'Looks like the OAuth grant from the report', now: now() })?.starred).toBe(true);
    expect(annotationsOf(r, [id]).get(id)).toEqual({ starred: true, tags: ['case-12', 'phishing'], note: 'Looks like the OAuth grant from the report' });
    setAnnotation(w, { eventId: id, starred: false, tags: [], note: '', now: now() });
    expect(n('SELECT count(*) AS n FROM annotations WHERE event_id = ?', id)).toBe(0);
    expect(annotationsOf(r, [id]).size).toBe(0);
  });

  it('answers null for an event that does not exist, and writes nothing', () => {
    const before = n('SELECT count(*) AS n FROM annotations');
    expect(setAnnotation(w, { eventId: 9_999_999, starred: true, now: now() })).toBeNull();
    expect(n('SELECT count(*) AS n FROM annotations')).toBe(before);
  });

  it('page and getEvent carry the annotation; unmarked rows have none', () => {
    const id = ids[10]!;
    setAnnotation(w, { eventId: id, starred: true, tags: ['triage'], now: now() });
    expect(getEvent(r, id)?.annotation).toEqual({ starred: true, tags: ['triage'], note: '' });
    expect(getEvent(r, ids[11]!)?.annotation).toBeUndefined();
    const rows = page(r, { view: all(), order: 'newest', after: null, limit: 1000 }).rows;
    expect(rows.filter((row) => row.annotation).map((row) => row.id).sort()).toEqual(
      (w.prepare('SELECT event_id FROM annotations ORDER BY event_id').all() as { event_id: number }[]).map((x) => x.event_id),
    );
    expect(rows.find((row) => row.id === id)?.annotation).toEqual({ starred: true, tags: ['triage'], note: '' });
  });
});

describe('bulkTag', () => {
  it('adds a tag to listed events and removes it again, keeping their other marks', () => {
    setAnnotation(w, { eventId: ids[20]!, starred: true, now: now() });
    const listed = [ids[20]!, ids[21]!, ids[22]!];
    expect(bulkTag(w, { tag: 'batch-a', action: 'add', target: { eventIds: [...listed, 9_999_999] }, now: now(), limit: 100 })).toEqual({ ok: true, matched: 3, changed: 3 });
    expect(bulkTag(w, { tag: 'BATCH-A', action: 'add', target: { eventIds: listed }, now: now(), limit: 100 })).toEqual({ ok: true, matched: 3, changed: 0 });
    expect(annotationsOf(r, listed).get(ids[21]!)?.tags).toEqual(['batch-a']);
    expect(bulkTag(w, { tag: 'batch-a', action: 'remove', target: { eventIds: listed }, now: now(), limit: 100 })).toEqual({ ok: true, matched: 3, changed: 3 });
    // The starred one keeps its row; the others had only the tag and lose theirs.
    expect([...annotationsOf(r, listed).keys()]).toEqual([ids[20]!]);
  });

  it('tags every event of a time window, and refuses a view over the limit without changing anything', () => {
    const range = { from: BASE_TS + 2 * DAY, to: BASE_TS + 3 * DAY };
    const inWindow = n('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ?', range.from, range.to);
    expect(inWindow).toBeGreaterThan(10);
    expect(bulkTag(w, { tag: 'window', action: 'add', target: { view: all('', range) }, now: now(), limit: 100_000 })).toEqual({ ok: true, matched: inWindow, changed: inWindow });
    expect(n(`SELECT count(*) AS n FROM annotation_tags t JOIN events e ON e.id = t.event_id WHERE t.tag = 'window' AND e.ts >= ? AND e.ts < ?`, range.from, range.to)).toBe(inWindow);
    expect(n(`SELECT count(*) AS n FROM annotation_tags WHERE tag = 'window'`)).toBe(inWindow);

    const refused = bulkTag(w, { tag: 'too-many', action: 'add', target: { view: all() }, now: now(), limit: 50 });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toMatch(/more than 50 events.*Nothing was tagged/);
    expect(n(`SELECT count(*) AS n FROM annotation_tags WHERE tag = 'too-many'`)).toBe(0);
  });

  it('a view whose query tests the tag itself removes it from exactly those events', () => {
    const before = n(`SELECT count(*) AS n FROM annotation_tags WHERE tag = 'window'`);
    const out = bulkTag(w, { tag: 'window', action: 'remove', target: { view: all('tag:window AND outcome:failure') }, now: now(), limit: 100_000 });
    const failures = n(`SELECT count(*) AS n FROM events WHERE outcome = 'failure' AND ts >= ? AND ts < ?`, BASE_TS + 2 * DAY, BASE_TS + 3 * DAY);
    expect(out).toEqual({ ok: true, matched: failures, changed: failures });
    expect(n(`SELECT count(*) AS n FROM annotation_tags WHERE tag = 'window'`)).toBe(before - failures);
  });
});

describe('tagCounts', () => {
  it('counts the tags on the events of a view, whatever their case, most used first', () => {
    setAnnotation(w, { eventId: ids[100]!, tags: ['Lateral'], now: now() });
    setAnnotation(w, { eventId: ids[101]!, tags: ['lateral', 'exfil'], now: now() });
    const inView = (query: string) => tagCounts(r, all(query), 100);
    expect(inView(`id:${ids[100]} OR id:${ids[101]}`)).toEqual([{ tag: 'Lateral', count: 2 }, { tag: 'exfil', count: 1 }]);
    expect(inView(`id:${ids[101]}`).map((t) => t.tag).sort()).toEqual(['exfil', 'lateral']);
    // Over everything: the counts are the tag table's own.
    const table = w.prepare('SELECT tag, count(*) AS n FROM annotation_tags GROUP BY tag').all() as { tag: string; n: number }[];
    expect(new Map(inView('').map((t) => [t.tag.toLowerCase(), t.count]))).toEqual(new Map(table.map((t) => [t.tag.toLowerCase(), t.n])));
  });
});

describe('annotations are not evidence', () => {
  it('leave every event row, raw hash, batch and chain head as they were, and verify passes', () => {
    const before = evidence();
    setAnnotation(w, { eventId: ids[30]!, starred: true, tags: ['ioc'], note: 'checked', now: now() });
    bulkTag(w, { tag: 'sweep', action: 'add', target: { view: all() }, now: now(), limit: 100_000 });
    bulkTag(w, { tag: 'sweep', action: 'remove', target: { eventIds: ids.slice(0, 50) }, now: now(), limit: 100_000 });
    expect(evidence()).toEqual(before);
    const verdict = verifyWorkspace(r);
    expect(verdict.ok).toBe(true);
    expect(verdict.eventsChecked).toBe(ids.length);
  });

  it('retention removes the annotations and tags of the events it deletes, and no others', () => {
    const cutoff = BASE_TS + 5 * DAY;
    const oldOnes = (w.prepare('SELECT id FROM events WHERE ts < ? ORDER BY id').all(cutoff) as { id: number }[]).map((x) => x.id);
    const young = ids.find((id) => !oldOnes.includes(id))!;
    setAnnotation(w, { eventId: oldOnes[0]!, starred: true, tags: ['old'], note: 'gone soon', now: now() });
    setAnnotation(w, { eventId: young, starred: true, tags: ['young'], now: now() });
    setRetention(w, tenant, 30);
    purgeExpired(w, cutoff + 30 * DAY);
    expect(n('SELECT count(*) AS n FROM events WHERE ts < ?', cutoff)).toBe(0);
    expect(n('SELECT count(*) AS n FROM annotations WHERE event_id NOT IN (SELECT id FROM events)')).toBe(0);
    expect(n('SELECT count(*) AS n FROM annotation_tags WHERE event_id NOT IN (SELECT id FROM events)')).toBe(0);
    expect(n(`SELECT count(*) AS n FROM annotation_tags WHERE tag = 'old'`)).toBe(0);
    expect(annotationsOf(r, [young]).get(young)).toMatchObject({ starred: true });
    expect(verifyWorkspace(r).ok).toBe(true);
  });
});
