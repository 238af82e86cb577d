/**
 * Builds the sync side of a backend: the key store (the one handed in, else the passphrase file
 * beside the workspace), the HTTP client (proxy from the environment, TRAILKEEPER_CA_FILE), the
 * built-in connectors and the engine. Closing it cancels every run and waits for them to stop.
 */
import { PassphraseFileStore } from '../secrets/passphrase-file.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import { CONNECTORS } from './connectors/index.ts';
import { createSyncHttp } from './http.ts';
import { createRegistry } from './registry.ts';
import { SyncService } from './service.ts';

export interface SyncSetup {
  store: StoreHost;
  workspacePath: string;
  /** The desktop app passes its OS key store; browser mode defaults to the passphrase file. */
  secrets?: SecretStore | undefined;
  env?: Record<string, string | undefined>;
}

/** Where browser mode keeps its passphrase-sealed secrets: beside the workspace, never inside it. */
export const secretsFilePath = (workspacePath: string) => `${workspacePath}.secrets`;

export async function startSync(setup: SyncSetup): Promise<{ service: SyncService; close(): Promise<void> }> {
  const env = setup.env ?? process.env;
  const http = createSyncHttp({ caFile: env.TRAILKEEPER_CA_FILE ?? null, env });
  const service = new SyncService({
    store: setup.store,
    secrets: setup.secrets ?? new PassphraseFileStore(secretsFilePath(setup.workspacePath)),
    connectors: createRegistry(Object.values(CONNECTORS)),
    fetch: http.fetch,
  });
  await service.start();
  return {
    service,
    close: async () => {
      await service.close();
      await http.close();
    },
  };
}
