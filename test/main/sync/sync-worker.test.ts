/**
 * The sync worker thread: pulls run there, not on the main thread (the main thread's fetch is never
 * called while a connection syncs exactly), and batches reach the writer over its own port. That
 * port serves only the ops it lists, refusing others with a sentence and storing nothing, and a
 * write over it after the store closed fails with a sentence instead of waiting forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PassphraseFileStore } from '../../../main/secrets/passphrase-file.ts';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import { WriterLink } from '../../../main/sync-worker/writer-link.ts';
import { CONNECTORS } from '../../../main/sync/connectors/index.ts';
import { createRegistry } from '../../../main/sync/registry.ts';
import { SyncService } from '../../../main/sync/service.ts';
import { secretsFilePath, startSyncTransport } from '../../../main/sync/start-sync.ts';
import { SIM } from '../../sim/tenants/credentials.ts';
import { startTenantSim, type TenantSim } from '../../sim/tenants/server.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';
import { localSet, PASSPHRASE, sourceSet, workerUrl } from './sim-harness.ts';

let sim: TenantSim | null = null;
let store: StoreHost | null = null;
afterEach(async () => {
  await store?.close();
  await sim?.close();
  store = null;
  sim = null;
  removeTempDirs();
});

const never = new AbortController().signal;

describe('the sync worker', () => {
  it('pulls, parses and normalises off the main thread: the main thread fetches nothing', async () => {
    sim = await startTenantSim({ end: Date.now() - 3_600_000, events: 2_500, faults: { every: 7, kinds: ['server-error', 'truncate'] } });
    const path = tempWorkspacePath();
    store = await StoreHost.open({ workspacePath: path, workerUrl, readers: 1 });
    const secrets = new PassphraseFileStore(secretsFilePath(path), { N: 1 << 10, r: 8, p: 1 });
    await secrets.unlock(PASSPHRASE);
    const transport = await startSyncTransport(store, {}, { realClock: true });
    const mainThreadFetches: string[] = [];
    const service = new SyncService({
      store,
      secrets,
      connectors: createRegistry(Object.values(CONNECTORS)),
      fetch: ((input: string) => {
        mainThreadFetches.push(String(input));
        return Promise.reject(new Error('the main thread must not fetch during a sync'));
      }) as typeof fetch,
      engine: { pulls: transport.pulls, retry: { baseMs: 1, maxMs: 5 }, log: { warn: () => {}, error: () => {} } },
    });
    try {
      // Okta lists its one tenant without a call, so every request below is a pull.
      const added = await service.add({ kind: 'okta', label: 'Okta', baseUrl: sim.urls.okta, options: { pageSize: 300 }, secret: SIM.okta.apiToken }, never);
      const [tenantId] = await service.syncNow({ connectionId: added.id }, never);
      await service.engine.idle();
      expect(localSet(path, tenantId!)).toEqual(sourceSet(sim.feed('okta:acme'), false));
      expect(service.engine.snapshot()[0]).toMatchObject({ state: 'ok', inserted: 2_500 });
      expect(sim.faults.injected['server-error']).toBeGreaterThan(0);
      expect(mainThreadFetches).toEqual([]);
    } finally {
      await service.close();
      await transport.close();
    }
  }, 120_000);

  it("the writer's port refuses an op it does not list, and stores nothing", async () => {
    store = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1 });
    const before = await store.read('connections', undefined);
    const link = new WriterLink(store.connectWriter());
    await expect(link.write('createConnection' as 'ingestSyncBatch', { kind: 'okta', label: 'x', baseUrl: 'https://x.example', options: {} })).rejects.toThrow(
      'The store operation createConnection cannot be called over a port.',
    );
    await expect(link.write('ingestSyncBatch', { tenantId: 999, events: [] })).rejects.toThrow('Tenant 999 does not exist.');
    expect(await store.read('connections', undefined)).toEqual(before);
    link.close();
  });

  it('a write over the port after the store closed fails with a sentence', async () => {
    store = await StoreHost.open({ workspacePath: tempWorkspacePath(), workerUrl, readers: 1 });
    const link = new WriterLink(store.connectWriter());
    await store.close();
    store = null;
    await expect(link.write('ingestSyncBatch', { tenantId: 1, events: [] })).rejects.toThrow('The SQLite writer is closed; the batch was not stored.');
  });
});
