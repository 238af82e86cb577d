/**
 * Starts everything behind the API for one workspace, for either transport: the store's worker
 * threads, the demo data on first start, and the handler table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from './api/handlers.ts';
import type { Handlers } from './api/dispatch.ts';
import { StoreHost } from './store-host/store-host.ts';

export interface BackendOptions {
  workspacePath: string;
  resourcesDir: string;
  transport: 'ipc' | 'http';
  /** The store worker's script: out/main/store-worker.js when built, main/store-worker/entry.ts from source. */
  workerUrl: URL;
  /** Load the demo data set when the workspace has no tenants (default true). */
  demo?: boolean;
  version?: string;
}

export interface Backend {
  handlers: Handlers;
  store: StoreHost;
  close(): Promise<void>;
}

function packageVersion(resourcesDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(resourcesDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function startBackend(opts: BackendOptions): Promise<Backend> {
  const store = await StoreHost.open({ workspacePath: opts.workspacePath, workerUrl: opts.workerUrl });
  if (opts.demo !== false) {
    await store.write('loadDemo', { resourcesDir: opts.resourcesDir, now: Date.now() });
  }
  const handlers = createHandlers({
    store,
    version: opts.version ?? packageVersion(opts.resourcesDir),
    workspacePath: opts.workspacePath,
    transport: opts.transport,
  });
  return { handlers, store, close: () => store.close() };
}
