/**
 * The workspace without a window: the store's worker threads and the app's own handler table,
 * every call through `dispatch` (the contract's validation, the same sentences). Sync, the
 * syslog receiver and the demo are not started: a command line run never reaches out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CallInput, CallName, CallOutput } from '../../common/contract.ts';
import { dispatch, type Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { createHandlers } from '../api/handlers.ts';
import { SYSLOG_CALLS } from '../intake/api-handlers.ts';
import { StoreHost } from '../store-host/store-host.ts';
import { SYNC_CALLS } from '../sync/api-handlers.ts';

export interface Headless {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  store: StoreHost;
  close(): Promise<void>;
}

const here = import.meta.dirname;

/** The built worker beside the built entry (out/main), else the TypeScript source. */
export function storeWorkerUrl(): URL {
  const built = join(here, 'store-worker.js');
  return pathToFileURL(existsSync(built) ? built : join(here, '../store-worker/entry.ts'));
}

export function appVersion(): string {
  for (const candidate of [join(here, '../../package.json'), join(here, '../../../package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'trailkeeper' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}

function refuse(name: string) {
  return () => Promise.reject(new ApiError('invalid_input', `${name} is not available from the command line; use the app.`));
}

export async function openHeadless(workspacePath: string): Promise<Headless> {
  const store = await StoreHost.open({ workspacePath, workerUrl: storeWorkerUrl(), log: { warn: () => {} } });
  const off = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, refuse(n)]));
  const handlers: Handlers = createHandlers({
    store,
    version: appVersion(),
    workspacePath,
    // Not the HTTP host: paths on this machine are the caller's to choose, as in the desktop app.
    transport: 'ipc',
    demoStatus: () => null,
    retention: { runNow: async () => [] },
    sync: off(SYNC_CALLS) as never,
    syslog: off(SYSLOG_CALLS) as never,
  });
  return {
    store,
    call: (name, input) => dispatch(handlers, name, input) as never,
    close: () => store.close(),
  };
}

