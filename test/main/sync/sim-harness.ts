/**
 * The real pieces against the tenant simulator: a StoreHost on a temp workspace, the passphrase
 * key store, the built-in connectors over undici (loopback) running in the sync worker thread
 * (main/sync-worker, loaded from source) as in the app, and the SyncService. A shared clock
 * lets the simulator's rate-limit resets and the engine's waits agree without sleeping for real.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { PassphraseFileStore } from '../../../main/secrets/passphrase-file.ts';
import { StoreHost } from '../../../main/store-host/store-host.ts';
import type { SyncClock } from '../../../main/sync/connector.ts';
import { CONNECTORS } from '../../../main/sync/connectors/index.ts';
import type { SyncEngineOptions } from '../../../main/sync/engine.ts';
import { createRegistry } from '../../../main/sync/registry.ts';
import { SyncService } from '../../../main/sync/service.ts';
import { secretsFilePath, startSyncTransport } from '../../../main/sync/start-sync.ts';
import type { Feed } from '../../sim/tenants/feed.ts';

export const workerUrl = new URL('../../support/test-store-worker.ts', import.meta.url);
export const PASSPHRASE = 'sim test passphrase';
const KDF = { N: 1 << 10, r: 8, p: 1 };

/** A clock that starts at `start` and moves only when someone sleeps on it (or by `advance`). */
export function steppedClock(start: number): SyncClock & { advance(ms: number): void; slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    advance: (ms) => void (t += ms),
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      slept.push(ms);
      t += Math.max(0, ms);
      await new Promise((r) => setImmediate(r));
    },
  };
}

export interface SimSync {
  store: StoreHost;
  service: SyncService;
  /** The sync worker thread's CPU time so far (µs). */
  workerCpu(): Promise<{ user: number; system: number }>;
  close(): Promise<void>;
}

export interface SimSyncOptions {
  clock?: SyncClock;
  engine?: Partial<SyncEngineOptions>;
  /** Run the connectors on this thread instead of the sync worker (the bench's "before"). */
  inProcess?: boolean;
}

export async function openSimSync(workspacePath: string, opts: SimSyncOptions = {}): Promise<SimSync> {
  const store = await StoreHost.open({ workspacePath, workerUrl, readers: 1 });
  const secrets = new PassphraseFileStore(secretsFilePath(workspacePath), KDF);
  await secrets.unlock(PASSPHRASE);
  const transport = await startSyncTransport(store, {}, { realClock: !opts.clock });
  const service = new SyncService({
    store,
    secrets,
    connectors: createRegistry(Object.values(CONNECTORS)),
    fetch: transport.fetch,
    engine: {
      ...(opts.inProcess ? {} : { pulls: transport.pulls }),
      retry: { baseMs: 5, maxMs: 50, maxAttempts: 10 },
      historyMs: 60 * 86_400_000,
      log: { warn: () => {}, error: (m) => console.error(m) },
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...opts.engine,
    },
    ...(opts.clock ? { now: opts.clock.now } : {}),
  });
  await service.start();
  return {
    store,
    service,
    workerCpu: transport.workerCpu,
    close: async () => {
      await service.close();
      await transport.close();
      await store.close();
    },
  };
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** source_id → raw_sha256 of one tenant, read straight from the workspace file. */
export function localSet(workspacePath: string, tenantId: number): Map<string, string> {
  const db = new Database(workspacePath, { readonly: true });
  try {
    const rows = db.prepare('SELECT source_id, raw_sha256 FROM events WHERE tenant_id = ?').all(tenantId) as { source_id: string; raw_sha256: string }[];
    return new Map(rows.map((r) => [r.source_id, r.raw_sha256]));
  } finally {
    db.close();
  }
}

/** id → sha256 of every record the feed serves now (late ones only once revealed). */
export function sourceSet(feed: Feed, includeLate: boolean): Map<string, string> {
  return new Map(feed.records.filter((r) => includeLate || !r.late).map((r) => [r.id!, sha256(r.json)]));
}
