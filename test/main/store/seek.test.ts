/**
 * Seeking for the table: the cursor seek() returns for an offset or a time makes page() start at
 * exactly the row a full walk of the ordered result has there, from either end and in both orders.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { page } from '../../../main/store/reader.ts';
import { seek } from '../../../main/store/seek.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { BASE_TS, makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

let db: ReadDb;
let tenantA = 0;

beforeAll(() => {
  const path = join(tempDir(), 'seek.trailkeeper');
  const w = openWorkspaceForWrite(path);
  const connection = ensureConnection(w, { kind: 'okta', label: 'S', baseUrl: null });
  tenantA = ensureTenant(w, connection, { externalId: 'a', name: 'A', groups: [] });
  const tenantB = ensureTenant(w, connection, { externalId: 'b', name: 'B', groups: [] });
  const writer = new EventWriter(w);
  // Whole-minute times over two hours: many rows share a ts, so the id half of the key matters.
  writer.ingestBatch({ tenantId: tenantA, events: makeEvents(11, 700, { minutes: 120 }) });
  writer.ingestBatch({ tenantId: tenantB, events: makeEvents(12, 500, { minutes: 120 }) });
  closeWorkspace(w);
  db = openWorkspaceForRead(path);
});

afterAll(() => {
  db?.close();
  removeTempDirs();
});

const views: Record<string, View> = {
  all: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' },
  tenant: { scope: { kind: 'tenants', tenantIds: [1] }, range: { from: BASE_TS + 10 * 60_000, to: BASE_TS + 100 * 60_000 }, query: '' },
  query: { scope: { kind: 'all' }, range: { from: null, to: null }, query: 'outcome:failure' },
};

function allKeys(view: View, order: 'newest' | 'oldest') {
  return page(db, { view, order, after: null, limit: 5000 }).rows.map((r) => ({ ts: r.ts, id: r.id }));
}

describe('seek to an offset', () => {
  for (const [name, baseView] of Object.entries(views)) {
    for (const order of ['newest', 'oldest'] as const) {
      it(`${name}, ${order} first: a page from the cursor starts at that offset, with or without the count`, () => {
        const view = name === 'tenant' ? { ...baseView, scope: { kind: 'tenants' as const, tenantIds: [tenantA] } } : baseView;
        const keys = allKeys(view, order);
        expect(keys.length).toBeGreaterThan(100);
        for (const offset of [0, 1, 57, Math.floor(keys.length / 2), keys.length - 30, keys.length - 1]) {
          for (const countHint of [undefined, keys.length]) {
            const { after, offset: at } = seek(db, { view, order, target: { offset }, countHint });
            expect(at).toBe(offset);
            const rows = page(db, { view, order, after, limit: 3 }).rows.map((r) => ({ ts: r.ts, id: r.id }));
            expect(rows).toEqual(keys.slice(offset, offset + 3));
          }
        }
      });
    }
  }
});

describe('seek to a time', () => {
  it('newest first: the offset counts the rows after the time and the page starts at the newest row at or before it', () => {
    const view = views.all!;
    const keys = allKeys(view, 'newest');
    const ts = BASE_TS + 37 * 60_000;
    const { offset, after } = seek(db, { view, order: 'newest', target: { ts } });
    expect(offset).toBe(keys.filter((k) => k.ts > ts).length);
    const rows = page(db, { view, order: 'newest', after, limit: 2 }).rows.map((r) => ({ ts: r.ts, id: r.id }));
    expect(rows).toEqual(keys.slice(offset, offset + 2));
    expect(rows[0]!.ts).toBeLessThanOrEqual(ts);
  });

  it('oldest first: the page starts at the oldest row at or after the time; a time before everything is offset 0', () => {
    const view = views.query!;
    const keys = allKeys(view, 'oldest');
    const ts = BASE_TS + 61 * 60_000;
    const { offset, after } = seek(db, { view, order: 'oldest', target: { ts } });
    expect(offset).toBe(keys.filter((k) => k.ts < ts).length);
    expect(page(db, { view, order: 'oldest', after, limit: 1 }).rows[0]!.ts).toBeGreaterThanOrEqual(ts);
    expect(seek(db, { view, order: 'oldest', target: { ts: BASE_TS - 1 } })).toEqual({ offset: 0, after: null });
  });
});
