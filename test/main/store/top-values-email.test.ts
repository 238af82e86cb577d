/**
 * Top values of actor_email count case-insensitively, as `actor:` matches (events_actor_email is
 * NOCASE), whichever plan the view gets: the index walk over all tenants without a query, or a
 * scan of the filtered rows. The shown value is the group's smallest spelling.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForRead, openWorkspaceForWrite, type ReadDb } from '../../../main/store/open.ts';
import { count, topValues } from '../../../main/store/reader.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import type { View } from '../../../main/store/view-sql.ts';
import { EventWriter } from '../../../main/store/writer.ts';
import { makeEvents, removeTempDirs, tempDir } from './fixtures.ts';

const SPELLINGS = ['alice@example.com', 'Alice@Example.com', 'ALICE@EXAMPLE.COM', 'bob@example.com', 'Bob@example.com', null];
let db: ReadDb;

beforeAll(() => {
  const path = join(tempDir(), 'emails.trailkeeper');
  const w = openWorkspaceForWrite(path);
  const conn = ensureConnection(w, { kind: 'okta', label: 'Acme', baseUrl: null });
  const writer = new EventWriter(w);
  const tenantIds = ['one', 'two'].map((name) => ensureTenant(w, conn, { externalId: name, name, groups: [] }));
  for (const [t, tenantId] of tenantIds.entries()) {
    const events = makeEvents(70 + t, 240, { prefix: `t${t}` }).map((e, i) => {
      const actorEmail = SPELLINGS[(i * (t + 1)) % SPELLINGS.length] ?? null;
      return { ...e, actorEmail, outcome: 'success' as const };
    });
    writer.ingestBatch({ tenantId, events });
  }
  closeWorkspace(w);
  db = openWorkspaceForRead(path);
});

afterAll(() => {
  db?.close();
  removeTempDirs();
});

const view = (scope: View['scope'], query = ''): View => ({ scope, range: { from: null, to: null }, query });

describe('topValues of actor_email', () => {
  const views: [string, View][] = [
    ['all tenants, no query (index walk)', view({ kind: 'all' })],
    ['all tenants, a query (row scan)', view({ kind: 'all' }, 'outcome:success')],
    ['both tenants by id', view({ kind: 'tenants', tenantIds: [1, 2] })],
  ];
  for (const [name, v] of views) {
    it(`groups spellings of one address: ${name}`, () => {
      const { values, total } = topValues(db, v, 'actor_email', 10);
      expect(total).toBe(480);
      const got = new Map(values.map((x) => [x.value?.toLowerCase() ?? null, x]));
      expect(got.size).toBe(3);
      // Every event is a success, so the expected counts are all events' counts.
      const all = new Map<string | null, number>();
      for (let t = 0; t < 2; t++) for (let i = 0; i < 240; i++) {
        const key = SPELLINGS[(i * (t + 1)) % SPELLINGS.length]?.toLowerCase() ?? null;
        all.set(key, (all.get(key) ?? 0) + 1);
      }
      for (const [key, n] of all) expect(got.get(key)?.count, String(key)).toBe(n);
      // The smallest spelling (binary order: capitals first) stands for the group.
      expect(got.get('alice@example.com')?.value).toBe('ALICE@EXAMPLE.COM');
      expect(got.get('bob@example.com')?.value).toBe('Bob@example.com');
      // And the filter a value offers finds exactly the events it counted.
      const alice = got.get('alice@example.com')!;
      expect(count(db, { ...v, query: `${v.query} actor:"alice@example.com"`.trim() })).toBe(alice.count);
    });
  }

  it('walks events_actor_email only for the unfiltered view over all tenants', () => {
    const planOf = (v: View) => {
      const captured: string[] = [];
      const spy = new Proxy(db, {
        get: (obj, prop) => (prop === 'prepare' ? (sql: string) => (captured.push(sql), obj.prepare(sql)) : Reflect.get(obj, prop, obj) as unknown),
      });
      topValues(spy, v, 'actor_email', 10);
      return captured.join('\n');
    };
    expect(planOf(views[0]![1])).toContain('INDEXED BY events_actor_email');
    expect(planOf(views[1]![1])).not.toContain('INDEXED BY');
    expect(planOf(views[2]![1])).not.toContain('INDEXED BY');
  });
});
