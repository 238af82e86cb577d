/**
 * Starts everything behind the API for one workspace, for either transport: the store's worker
 * threads, the handler table, and the background jobs (the demo load on first start, retention).
 * It returns as soon as the store is open: the first window never waits for the demo.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from './api/handlers.ts';
import { fileImportHandlers, type DesktopFiles } from './api/file-import-handlers.ts';
import type { Handlers } from './api/dispatch.ts';
import type { DesktopExports } from './export/desktop-exports.ts';
import { DemoLoadJob } from './jobs/demo-load.ts';
import { scheduleRetention, type RetentionSchedule } from './jobs/retention-schedule.ts';
import { syslogHandlers } from './intake/api-handlers.ts';
import { SyslogIntake } from './intake/syslog-intake.ts';
import { StoreHost } from './store-host/store-host.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { syncHandlers } from './sync/api-handlers.ts';
import type { SyncService } from './sync/service.ts';
import { startSync } from './sync/start-sync.ts';

export interface BackendOptions {
  workspacePath: string;
  resourcesDir: string;
  transport: 'ipc' | 'http';
  /** The store worker's script: out/main/store-worker.js when built, main/store-worker/entry.ts from source. */
  workerUrl: URL;
  /** Load the demo data set when the workspace has no tenants (default true). */
  demo?: boolean;
  version?: string;
  /** The desktop app's OS key store; browser mode uses a passphrase file beside the workspace. */
  secrets?: SecretStore;
  /** The desktop app's Open dialog and drops (main/electron); absent in browser mode. */
  desktopFiles?: DesktopFiles;
  /** The desktop app's Save dialog and Reveal in folder for exports (main/electron); absent in browser mode. */
  desktopExports?: DesktopExports;
}

export interface Backend {
  handlers: Handlers;
  store: StoreHost;
  /** Null when the demo was not asked for. */
  demo: DemoLoadJob | null;
  retention: RetentionSchedule;
  /** Connections and the sync engine; its progress feeds the event stream. */
  sync: SyncService;
  /** The syslog receiver, started and stopped through the API. */
  syslog: SyslogIntake;
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
  // Sync's start-up writes (closing runs a crash interrupted) go first: queued behind the demo
  // load they would hold the first window for the whole load.
  const sync = await startSync({ store, workspacePath: opts.workspacePath, secrets: opts.secrets });
  const demo = opts.demo !== false ? new DemoLoadJob(store, opts.resourcesDir, Date.now()) : null;
  const retention = scheduleRetention(store, { firstRunAfter: demo?.done ?? Promise.resolve() });
  const syslog = new SyslogIntake(store);
  const handlers = createHandlers({
    store,
    version: opts.version ?? packageVersion(opts.resourcesDir),
    workspacePath: opts.workspacePath,
    transport: opts.transport,
    demoStatus: () => demo?.status ?? null,
    retention,
    sync: syncHandlers(sync.service),
    syslog: syslogHandlers(syslog),
    imports: fileImportHandlers(store, opts.desktopFiles ?? null),
    rulesDir: join(opts.resourcesDir, 'rules'),
    ...(opts.desktopExports ? { desktopExports: opts.desktopExports } : {}),
  });
  const close = async () => {
    retention.stop();
    await syslog.stop();
    await sync.close();
    await store.close();
  };
  return { handlers, store, demo, retention, sync: sync.service, syslog, close };
}
