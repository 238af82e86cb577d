/**
 * annotations.set and annotations.bulkTag through the contract (dispatch validates input and
 * output) over a real backend and workspace: bad tags and notes are refused with a sentence
 * naming the field and nothing is written; the rows and the event carry the marks; the queries
 * find them; integrity.verify still passes after annotating.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRow } from '../../../common/contract.ts';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { BASE_TS, makeEvents } from '../store/fixtures.ts';

const repo = resolve(import.meta.dirname, '../../..');
const DAY = 86_400_000;
let dir: string;
let backend: Backend;
let ids: number[];

const call = (name: string, input: unknown) => dispatch(backend.handlers, name, input);
const view = (query: string, range = { from: null as number | null, to: null as number | null }) => ({ scope: { kind: 'all' }, range, query });
const countOf = async (query: string) => ((await call('events.count', { view: view(query) })) as { count: number }).count;
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => (e as { toJSON(): unknown }).toJSON());

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tk-annotations-'));
  backend = await startBackend({
    workspacePath: join(dir, 'ws.trailkeeper'),
    resourcesDir: join(repo, 'resources'),
    workerUrl: pathToFileURL(join(repo, 'main/store-worker/entry.ts')),
    transport: 'http',
    demo: false,
  });
  const tenantId = ((await call('tenants.create', { name: 'Case 12' })) as { id: number }).id;
  await backend.store.write('ingestBatch', { tenantId, events: makeEvents(3, 120, { minutes: 4 * 24 * 60 }) });
  const page = (await call('events.page', { view: view(''), order: 'oldest', after: null, limit: 1000 })) as { rows: EventRow[] };
  ids = page.rows.map((r) => r.id);
}, 60_000);

afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('annotations.set', () => {
  it('stars, tags and notes an event; the page and the event read it back; starred:true finds it', async () => {
    const id = ids[5]!;
    expect(await call('annotations.set', { eventId: id, starred: true, tags: ['phishing'], note: 'reported by the user' })).toEqual({
      eventId: id, starred: true, tags: ['phishing'], note: 'reported by the user',
    });
    expect(((await call('events.get', { id })) as EventRow).annotation).toEqual({ starred: true, tags: ['phishing'], note: 'reported by the user' });
    const rows = ((await call('events.page', { view: view('starred:true'), order: 'newest', after: null, limit: 100 })) as { rows: EventRow[] }).rows;
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect(await countOf('starred:true')).toBe(1);
    expect(await countOf('tag:PHISHING')).toBe(1);
    expect(await countOf('note:reported')).toBe(1);
  });

  it('refuses a bad tag, too many tags, a long note and an unknown event with a sentence, writing nothing', async () => {
    const id = ids[6]!;
    expect(await rejection(call('annotations.set', { eventId: id, tags: ['two words'] }))).toMatchObject({
      code: 'invalid_input', field: 'tags.0', message: expect.stringContaining('a tag is one word'),
    });
    expect(await rejection(call('annotations.set', { eventId: id, tags: ['x'.repeat(65)] }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at most 64 characters') });
    expect(await rejection(call('annotations.set', { eventId: id, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }))).toMatchObject({ field: 'tags', message: expect.stringContaining('at most 50 tags') });
    expect(await rejection(call('annotations.set', { eventId: id, note: 'n'.repeat(10_001) }))).toMatchObject({ field: 'note', message: expect.stringContaining('at most 10000 characters') });
    expect(await rejection(call('annotations.set', { eventId: 99_999_999, starred: true }))).toMatchObject({ code: 'not_found', field: 'eventId', message: 'There is no event with id 99999999.' });
    expect(((await call('events.get', { id })) as EventRow).annotation).toBeUndefined();
  });
});

describe('annotations.bulkTag', () => {
  it('tags a selection and a time window; refuses a query with a mistake with its column', async () => {
    expect(await call('annotations.bulkTag', { tag: 'sel', action: 'add', target: { eventIds: ids.slice(0, 4) } })).toEqual({ matched: 4, changed: 4 });
    expect(await countOf('tag:sel')).toBe(4);
    const range = { from: BASE_TS + DAY, to: BASE_TS + 2 * DAY };
    const inWindow = ((await call('events.count', { view: view('', range) })) as { count: number }).count;
    expect(await call('annotations.bulkTag', { tag: 'day-2', action: 'add', target: { view: view('', range) } })).toEqual({ matched: inWindow, changed: inWindow });
    expect(await countOf('tag:day-2')).toBe(inWindow);
    expect(await call('annotations.tags', { view: view('', range) })).toMatchObject({ tags: expect.arrayContaining([{ tag: 'day-2', count: inWindow }]) });
    expect(await rejection(call('annotations.bulkTag', { tag: 'x', action: 'add', target: { view: view('starred:maybe') } }))).toMatchObject({ code: 'query_syntax', column: 9 });
  });

  it('leaves integrity.verify passing', async () => {
    const verdict = (await call('integrity.verify', {})) as { ok: boolean; eventsChecked: number };
    expect(verdict).toMatchObject({ ok: true, eventsChecked: ids.length });
  });
});
