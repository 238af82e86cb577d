import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../main/backend.ts';
import { removeTempDirs, tempWorkspacePath } from './store/fixtures.ts';

const resourcesDir = join(import.meta.dirname, '../../resources');
const workerUrl = new URL('../../main/store-worker/entry.ts', import.meta.url);
const all = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

let backend: Backend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
  removeTempDirs();
});

describe('startBackend', () => {
  it('answers calls while the demo loads behind it, and app.info reports the progress until it is done', async () => {
    backend = await startBackend({ workspacePath: tempWorkspacePath(), resourcesDir, transport: 'http', workerUrl });
    const seen: unknown[] = [];
    const info = async () => (await dispatch(backend!.handlers, 'app.info', {})) as { demoLoad: { state: string; tenantsDone: number; tenantsTotal: number; inserted: number } };
    // The first answer comes while the load is still queued or running, not after it.
    const first = await info();
    expect(first.demoLoad.state).toBe('loading');
    expect(await dispatch(backend.handlers, 'tenants.list', {})).toMatchObject({ tenants: expect.any(Array) });
    while ((await info()).demoLoad.state === 'loading') {
      seen.push((await info()).demoLoad.tenantsDone);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Progress only moves forward.
    expect(seen).toEqual([...seen].sort((a, b) => (a as number) - (b as number)));
    const last = await info();
    expect(last.demoLoad).toMatchObject({ state: 'done', tenantsDone: 4, tenantsTotal: 4 });
    expect(last.demoLoad.inserted).toBeGreaterThan(6_000);
    const { count } = (await dispatch(backend.handlers, 'events.count', { view: all })) as { count: number };
    expect(count).toBe(last.demoLoad.inserted);
  });

  it('without the demo, app.info says so and the workspace stays empty', async () => {
    backend = await startBackend({ workspacePath: tempWorkspacePath(), resourcesDir, transport: 'http', workerUrl, demo: false });
    expect(await dispatch(backend.handlers, 'app.info', {})).toMatchObject({ demoLoad: null, eventCount: 0 });
  });

  it('retention.run purges what is older than a tenant keeps, leaves held tenants alone, and reports per tenant', async () => {
    backend = await startBackend({ workspacePath: tempWorkspacePath(), resourcesDir, transport: 'http', workerUrl });
    await backend.demo!.done;
    const { tenants } = (await dispatch(backend.handlers, 'tenants.list', {})) as { tenants: { id: number; eventCount: number }[] };
    const [kept, held] = tenants;
    await backend.store.write('setRetention', { tenantId: kept!.id, days: 30 });
    await backend.store.write('setRetention', { tenantId: held!.id, days: 30 });
    await backend.store.write('setLegalHold', { tenantId: held!.id, hold: true });

    const result = (await dispatch(backend.handlers, 'retention.run', {})) as { purged: { tenantId: number; purged: number }[] };
    const purgedFor = (id: number) => result.purged.find((p) => p.tenantId === id)?.purged ?? 0;
    expect(purgedFor(kept!.id)).toBeGreaterThan(0);
    expect(purgedFor(held!.id)).toBe(0);

    const cutoff = Date.now() - 30 * 86_400_000;
    const older = (tenantId: number) =>
      dispatch(backend!.handlers, 'events.count', {
        view: { scope: { kind: 'tenants', tenantIds: [tenantId] }, range: { from: null, to: cutoff - 60_000 }, query: '' },
      }) as Promise<{ count: number }>;
    expect((await older(kept!.id)).count).toBe(0);
    expect((await older(held!.id)).count).toBeGreaterThan(0);
    const after = (await dispatch(backend.handlers, 'tenants.list', {})) as { tenants: { id: number; eventCount: number }[] };
    expect(after.tenants.find((t) => t.id === kept!.id)!.eventCount).toBe(kept!.eventCount - purgedFor(kept!.id));
  });
});
