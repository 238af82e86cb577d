/**
 * The Tenants screen's calls over a real backend with the demo workspace: a retention preview's
 * count is what confirming it removes; legal hold makes both 0; group rename; unknown tenants are
 * named; integrity.start/status/cancel run verify in the background with progress.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityJob, Tenant } from '../../../common/contract.ts';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = join(import.meta.dirname, '../../../resources');
const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ workspacePath: tempWorkspacePath(), resourcesDir, transport: 'http', workerUrl });
  await backend.demo!.done;
}, 60_000);
afterAll(async () => {
  await backend.close();
  removeTempDirs();
});

const call = <T>(name: string, input: unknown) => dispatch(backend.handlers, name, input) as Promise<T>;
const tenants = async () => (await call<{ tenants: Tenant[]; groups: string[] }>('tenants.list', {}));
const tenantById = async (id: number) => (await tenants()).tenants.find((t) => t.id === id)!;
type Preview = { removes: number; cutoff: number; legalHold: boolean };

describe('retention from the Tenants screen', () => {
  it('confirming a preview removes exactly the previewed number of events, and the tenant keeps the new retention', async () => {
    const [first] = (await tenants()).tenants;
    const before = first!.eventCount;
    const days = Math.max(1, Math.ceil((Date.now() - first!.oldestTs!) / 86_400_000 / 2));
    const preview = await call<Preview>('tenants.retentionPreview', { tenantId: first!.id, days });
    expect(preview.legalHold).toBe(false);
    expect(preview.removes).toBeGreaterThan(0);
    expect(preview.removes).toBeLessThan(before);
    const { purged } = await call<{ purged: number }>('tenants.setRetention', { tenantId: first!.id, days, purgeBefore: preview.cutoff });
    expect(purged).toBe(preview.removes);
    const after = await tenantById(first!.id);
    expect(after.eventCount).toBe(before - preview.removes);
    expect(after.retentionDays).toBe(days);
    expect(after.oldestTs!).toBeGreaterThanOrEqual(preview.cutoff);
  });

  it('under legal hold the preview says 0 and confirming removes nothing; keep forever clears the retention', async () => {
    const [, second] = (await tenants()).tenants;
    await call('tenants.setLegalHold', { tenantId: second!.id, hold: true });
    const preview = await call<Preview>('tenants.retentionPreview', { tenantId: second!.id, days: 1 });
    expect(preview).toMatchObject({ removes: 0, legalHold: true });
    const { purged } = await call<{ purged: number }>('tenants.setRetention', { tenantId: second!.id, days: 1, purgeBefore: preview.cutoff });
    expect(purged).toBe(0);
    expect(await tenantById(second!.id)).toMatchObject({ legalHold: true, retentionDays: 1, eventCount: second!.eventCount });
    await call('tenants.setRetention', { tenantId: second!.id, days: null });
    await call('tenants.setLegalHold', { tenantId: second!.id, hold: false });
    expect(await tenantById(second!.id)).toMatchObject({ legalHold: false, retentionDays: null, eventCount: second!.eventCount });
  });

  it('names an unknown tenant and refuses a retention of 0 days, changing nothing', async () => {
    await expect(call('tenants.retentionPreview', { tenantId: 9999, days: 5 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('9999') });
    await expect(call('tenants.setLegalHold', { tenantId: 9999, hold: true })).rejects.toMatchObject({ code: 'not_found' });
    const [first] = (await tenants()).tenants;
    await expect(call('tenants.setRetention', { tenantId: first!.id, days: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await tenantById(first!.id)).retentionDays).toBe(first!.retentionDays);
  });
});

describe('tenants.renameGroup', () => {
  it('renames a group on every tenant carrying it and names a group nobody carries', async () => {
    const [a, b] = (await tenants()).tenants;
    await call('tenants.setGroups', { tenantId: a!.id, groups: ['Blue team'] });
    await call('tenants.setGroups', { tenantId: b!.id, groups: ['Blue team', 'EU'] });
    const { tenantsChanged } = await call<{ tenantsChanged: number }>('tenants.renameGroup', { from: 'Blue team', to: 'Red team' });
    expect(tenantsChanged).toBe(2);
    expect((await tenantById(a!.id)).groups).toEqual(['Red team']);
    expect((await tenantById(b!.id)).groups).toEqual(['EU', 'Red team']);
    await expect(call('tenants.renameGroup', { from: 'Blue team', to: 'x' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('Blue team') });
  });
});

describe('integrity jobs', () => {
  const poll = async (jobId: number): Promise<IntegrityJob> => {
    for (;;) {
      const job = await call<IntegrityJob>('integrity.status', { jobId });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('runs verify over all tenants in the background and ends with the same verdict as integrity.verify', async () => {
    const started = await call<IntegrityJob>('integrity.start', {});
    expect(started).toMatchObject({ state: 'running', tenantIds: null, result: null });
    const job = await poll(started.jobId);
    const direct = await call<{ ok: boolean; batchesChecked: number; eventsChecked: number }>('integrity.verify', {});
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ ok: true, batchesChecked: direct.batchesChecked, eventsChecked: direct.eventsChecked, firstBreak: null });
    expect(job).toMatchObject({ batchesDone: direct.batchesChecked, batchesTotal: direct.batchesChecked, eventsDone: direct.eventsChecked, eventsTotal: direct.eventsChecked });
  });

  it('checks one tenant when asked, and names unknown tenants', async () => {
    const [first] = (await tenants()).tenants;
    const job = await poll((await call<IntegrityJob>('integrity.start', { tenantIds: [first!.id] })).jobId);
    expect(job.result).toMatchObject({ ok: true, eventsChecked: first!.eventCount });
    await expect(call('integrity.start', { tenantIds: [9999] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('integrity.status', { jobId: 9999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a cancelled check says so, and the workspace answers and verifies again afterwards', async () => {
    const { jobId } = await call<IntegrityJob>('integrity.start', {});
    // One at a time: the same scope again is the running check; another scope waits its turn.
    expect((await call<IntegrityJob>('integrity.start', {})).jobId).toBe(jobId);
    const [first] = (await tenants()).tenants;
    await expect(call('integrity.start', { tenantIds: [first!.id] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Another integrity check is running') });
    expect(await call('integrity.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await call<IntegrityJob>('integrity.status', { jobId })).toMatchObject({ state: 'cancelled', result: null, error: expect.stringContaining('cancelled') });
    expect(await call('integrity.cancel', { jobId })).toEqual({ cancelled: false });
    const again = await poll((await call<IntegrityJob>('integrity.start', {})).jobId);
    expect(again.result?.ok).toBe(true);
  });
});
