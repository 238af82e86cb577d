/** The handler table: one function per contract call, all over the store host. */
import type { DemoLoadStatus } from '../jobs/demo-load.ts';
import { exportHandlers } from '../export/api-handlers.ts';
import type { DesktopExports } from '../export/desktop-exports.ts';
import { fileImportHandlers, type FileImportHandlers } from './file-import-handlers.ts';
import type { RetentionSchedule } from '../jobs/retention-schedule.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { SyncHandlers } from '../sync/api-handlers.ts';
import type { SyslogHandlers } from '../intake/api-handlers.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { ruleHandlers } from './rule-handlers.ts';
import { presetHandlers } from './preset-handlers.ts';
import { annotationHandlers } from './annotation-handlers.ts';
import { tenantHandlers } from './tenant-handlers.ts';
import { integrityHandlers } from './integrity-jobs.ts';
import { timed, toApiError } from './store-errors.ts';

export interface HandlerContext {
  store: StoreHost;
  version: string;
  workspacePath: string;
  transport: 'ipc' | 'http';
  /** The first-start demo load, while and after it runs; null when there is none. */
  demoStatus: () => DemoLoadStatus | null;
  retention: Pick<RetentionSchedule, 'runNow'>;
  /** Connections, the key store and sync (main/sync/api-handlers.ts). */
  sync: SyncHandlers;
  /** The syslog receiver (main/intake/api-handlers.ts). */
  syslog: SyslogHandlers;
  /** Desktop Open dialog and drag-and-drop import (file-import-handlers.ts); default: answers not_found. */
  imports?: FileImportHandlers;
  /** The built-in rule pack (resources/rules); rules.* answer not_found without it. */
  rulesDir?: string;
  /** Desktop Save dialog and Reveal in folder for exports (main/export/desktop-exports.ts); absent over HTTP. */
  desktopExports?: DesktopExports;
}

export function createHandlers({ store, version, workspacePath, transport, demoStatus, retention, sync, syslog, imports, rulesDir, desktopExports }: HandlerContext): Handlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  const { settled: _verified, ...integrityCalls } = integrityHandlers(store);
  const { settled: _settled, ...exportCalls } = exportHandlers({ store, version, workspacePath, transport, desktop: desktopExports ?? null });
  return {
    'app.info': () =>
      guard(async () => ({
        version,
        workspacePath,
        transport,
        eventCount: await store.read('totalEvents', undefined),
        fullTextPending: await store.read('fullTextBacklog', undefined),
        demoLoad: demoStatus(),
      })),
    'tenants.list': () => guard(() => store.read('tenants', undefined)),
    // Imported files live under one local connection; the same name finds the same tenant again.
    'tenants.create': ({ name, groups }) =>
      guard(async () => {
        const connectionId = await store.write('ensureConnection', { kind: 'file', label: 'Imported files', baseUrl: null });
        const tenantId = await store.write('ensureTenant', { connectionId, tenant: { externalId: `file:${name.toLowerCase()}`, name, groups } });
        const tenant = (await store.read('tenants', undefined)).tenants.find((t) => t.id === tenantId);
        if (!tenant) throw new ApiError('internal', `The tenant "${name}" was created but cannot be read back.`);
        return tenant;
      }),
    'events.page': (input, { signal }) => guard(() => timed(() => store.read('page', input, { signal }))),
    'events.get': (input, { signal }) =>
      guard(async () => {
        const event = await store.read('get', input, { signal });
        if (!event) throw new ApiError('not_found', `There is no event with id ${input.id}.`, { field: 'id' });
        return event;
      }),
    'events.count': (input, { signal }) =>
      guard(() => timed(async () => ({ count: await store.read('count', input, { signal }) }))),
    'events.histogram': (input, { signal }) => guard(() => timed(() => store.read('histogram', input, { signal }))),
    'events.topValues': (input, { signal }) => guard(() => timed(() => store.read('topValues', input, { signal }))),
    'events.seek': (input, { signal }) => guard(() => timed(() => store.read('seek', input, { signal }))),
    'integrity.verify': (input, { signal }) =>
      guard(async () => {
        // An unknown tenant is a mistake to name, not a clean verdict over 0 events.
        if (input.tenantIds) {
          const known = new Set((await store.read('tenants', undefined)).tenants.map((t) => t.id));
          const missing = input.tenantIds.filter((id) => !known.has(id));
          if (missing.length > 0) {
            throw new ApiError('not_found', `There is no tenant with id ${missing.join(', ')} in this workspace.`, { field: 'tenantIds' });
          }
        }
        return timed(() => store.read('verify', input, { signal }));
      }),
    'retention.run': () => guard(() => timed(async () => ({ purged: await retention.runNow() }))),
    ...sync,
    ...syslog,
    ...exportCalls,
    ...(imports ?? fileImportHandlers(store, null)),
    ...ruleHandlers(store, rulesDir ?? null, `${workspacePath}.rules`),
    ...presetHandlers(store),
    ...annotationHandlers(store),
    ...tenantHandlers(store),
    ...integrityCalls,
  };
}
