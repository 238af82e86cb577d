import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkspace, openWorkspaceForWrite, type WriteDb } from '../../../main/store/open.ts';
import { ensureConnection, ensureTenant } from '../../../main/store/tenants.ts';
import { writeOps, type OpContext } from '../../../main/store-worker/write-ops.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = resolve(import.meta.dirname, '../../../resources');
const ctx: OpContext = { signal: new AbortController().signal, report: () => {} };
const NOW = Date.UTC(2026, 10, 21);
const total = (db: WriteDb) => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

afterAll(removeTempDirs);

describe('demo workspace loading', () => {
  it('loads once into an empty workspace, ending within the day before now', async () => {
    const db = openWorkspaceForWrite(tempWorkspacePath());
    const first = await writeOps(db).loadDemo({ resourcesDir, now: NOW }, ctx);
    expect(first.loaded).toBe(true);
    expect(first.tenants).toBeGreaterThanOrEqual(4);
    expect(total(db)).toBe(first.inserted);
    expect(first.inserted).toBeGreaterThanOrEqual(5000);
    const newest = (db.prepare('SELECT max(ts) AS t FROM events').get() as { t: number }).t;
    expect(NOW - newest).toBeGreaterThanOrEqual(0);
    expect(NOW - newest).toBeLessThan(86_400_000);
    expect(await writeOps(db).loadDemo({ resourcesDir, now: NOW }, ctx)).toMatchObject({ loaded: false });
    expect(total(db)).toBe(first.inserted);
    closeWorkspace(db);
  });

  it('finishes a load that was cut off, without doubling anything', async () => {
    const full = openWorkspaceForWrite(tempWorkspacePath());
    const expected = (await writeOps(full).loadDemo({ resourcesDir, now: NOW }, ctx)).inserted;
    closeWorkspace(full);

    const db = openWorkspaceForWrite(tempWorkspacePath());
    await writeOps(db).loadDemo({ resourcesDir, now: NOW }, ctx);
    // Stand-in for a kill mid-load: the marker says "loading" and the last tenant's events are gone.
    const last = db.prepare('SELECT max(id) AS id FROM tenants').get() as { id: number };
    db.prepare('DELETE FROM event_rows WHERE tenant_id = ?').run(last.id);
    db.prepare(`UPDATE workspace_meta SET value = 'loading' WHERE key = 'demo'`).run();
    const resumed = await writeOps(db).loadDemo({ resourcesDir, now: NOW }, ctx);
    expect(resumed.loaded).toBe(true);
    expect(total(db)).toBe(expected);
    closeWorkspace(db);
  });

  it('never puts demo data into a workspace that already has its own tenants', async () => {
    const db = openWorkspaceForWrite(tempWorkspacePath());
    ensureTenant(db, ensureConnection(db, { kind: 'okta', label: 'Real', baseUrl: null }), { externalId: 'x', name: 'X', groups: [] });
    expect(await writeOps(db).loadDemo({ resourcesDir, now: NOW }, ctx)).toMatchObject({ loaded: false });
    expect(total(db)).toBe(0);
    closeWorkspace(db);
  });
});
