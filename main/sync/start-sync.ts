/**
 * Builds the sync side of a backend: the key store (the one handed in, else the passphrase file
 * beside the workspace), the HTTP client (proxy from the environment, TRAILKEEPER_CA_FILE), the
 * built-in connectors, the sync worker that runs their pulls off the main thread (with its own
 * port to the store writer), and the engine. Closing it cancels every run and waits for them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PassphraseFileStore } from '../secrets/passphrase-file.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import { CONNECTORS } from './connectors/index.ts';
import { createSyncHttp } from './http.ts';
import { createRegistry } from './registry.ts';
import { SyncService, type SyncServiceOptions } from './service.ts';
import { SyncWorkerHost } from './sync-worker-host.ts';

export interface SyncSetup {
  store: StoreHost;
  workspacePath: string;
  /** The desktop app passes its OS key store; browser mode defaults to the passphrase file. */
  secrets?: SecretStore | undefined;
  env?: Record<string, string | undefined>;
}

/** Where browser mode keeps its passphrase-sealed secrets: beside the workspace, never inside it. */
export const secretsFilePath = (workspacePath: string) => `${workspacePath}.secrets`;

/**
 * The sync worker's script: out/main/sync-worker.js beside the built main bundle (it loads no
 * native module, so it may stay inside the asar), else main/sync-worker/entry.ts from source.
 */
export function syncWorkerUrl(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  // Bundled, this code may sit in out/main/chunks/ rather than beside the entries in out/main/.
  const built = [join(here, 'sync-worker.js'), join(here, '..', 'sync-worker.js')].find((f) => existsSync(f));
  return pathToFileURL(built ?? join(here, '../sync-worker/entry.ts'));
}

const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/**
 * The HTTP client for the main thread's few calls (testing a connection, listing tenants) and the
 * sync worker for the pulls, built from the same CA file and proxy settings; a bad CA file is a
 * sentence here, at start.
 */
export async function startSyncTransport(store: StoreHost, env: Record<string, string | undefined>, opts: { realClock: boolean; url?: URL }) {
  const caFile = env.TRAILKEEPER_CA_FILE ?? null;
  const http = createSyncHttp({ caFile, env });
  const proxyEnv = Object.fromEntries(PROXY_VARS.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  let worker: SyncWorkerHost;
  try {
    worker = await SyncWorkerHost.start({ url: opts.url ?? syncWorkerUrl(), writerPort: store.connectWriter(), caFile, env: proxyEnv, realClock: opts.realClock });
  } catch (error) {
    await http.close();
    throw error;
  }
  return {
    fetch: http.fetch,
    pulls: worker.pulls,
    workerCpu: () => worker.cpuUsage(),
    close: async () => {
      await worker.close();
      await http.close();
    },
  };
}

export async function startSync(setup: SyncSetup): Promise<{ service: SyncService; close(): Promise<void> }> {
  const env = setup.env ?? process.env;
  const transport = await startSyncTransport(setup.store, env, { realClock: true });
  const options: SyncServiceOptions = {
    store: setup.store,
    secrets: setup.secrets ?? new PassphraseFileStore(secretsFilePath(setup.workspacePath)),
    connectors: createRegistry(Object.values(CONNECTORS)),
    fetch: transport.fetch,
    engine: { pulls: transport.pulls },
  };
  const service = new SyncService(options);
  await service.start();
  return {
    service,
    close: async () => {
      await service.close();
      await transport.close();
    },
  };
}
