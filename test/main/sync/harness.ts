/** A real store (worker threads, temp workspace) with a connection and tenants, for engine tests. */
import Database from 'better-sqlite3';
import { SyncEngine, type SyncEngineOptions } from '../../../main/sync/engine.ts';
import { createRegistry } from '../../../main/sync/registry.ts';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import type { Connector } from '../../../main/sync/connector.ts';
import { tempWorkspacePath } from '../store/fixtures.ts';

export const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);

/** A clock whose sleeps resolve at once (recorded), so retries cost no wall time. */
export function instantClock() {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (ms: number, signal: AbortSignal) => {
      sleeps.push(ms);
      return signal.aborted ? Promise.reject(signal.reason as Error) : new Promise<void>((r) => setImmediate(r));
    },
  };
}

export interface Harness {
  path: string;
  store: StoreHost;
  connectionId: number;
  tenantIds: Map<string, number>;
  engine(connector: Connector, opts?: Partial<SyncEngineOptions>): SyncEngine;
  /** source_id → raw_sha256 of one tenant's stored events, read straight from the file. */
  localSet(tenantId: number): Map<string, string>;
  close(): Promise<void>;
}

export async function openHarness(externalIds: string[], path = tempWorkspacePath()): Promise<Harness> {
  const store = await StoreHost.open({ workspacePath: path, workerUrl, readers: 1 });
  const existing = (await store.read('connections', undefined)).find((c) => c.label === 'fake');
  const connectionId =
    existing?.id ?? (await store.write('createConnection', { kind: 'okta', label: 'fake', baseUrl: 'https://fake.example', options: {} }));
  const ids = await store.write('applyListedTenants', {
    connectionId,
    tenants: externalIds.map((externalId) => ({ externalId, name: `Tenant ${externalId}`, sourceKind: 'okta' })),
  });
  const tenantIds = new Map(externalIds.map((e, i) => [e, ids[i]!]));
  return {
    path,
    store,
    connectionId,
    tenantIds,
    engine: (connector, opts = {}) =>
      new SyncEngine({
        store,
        connectors: createRegistry([connector]),
        credentials: async () => ({ secret: 'fake-secret-value' }),
        fetch: () => Promise.reject(new Error('no network in engine tests')),
        retry: { baseMs: 1, maxMs: 4 },
        clock: instantClock(),
        log: { warn: () => {}, error: () => {} },
        ...opts,
      }),
    localSet(tenantId) {
      const db = new Database(path, { readonly: true });
      try {
        const rows = db.prepare('SELECT source_id, raw_sha256 FROM events WHERE tenant_id = ?').all(tenantId) as { source_id: string; raw_sha256: string }[];
        return new Map(rows.map((r) => [r.source_id, r.raw_sha256]));
      } finally {
        db.close();
      }
    },
    close: () => store.close(),
  };
}
