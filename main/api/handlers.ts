/** The handler table: one function per contract call, all over the store host. */
import type { StoreHost } from '../store/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { timed, toApiError } from './store-errors.ts';

export interface HandlerContext {
  store: StoreHost;
  version: string;
  workspacePath: string;
  transport: 'ipc' | 'http';
}

export function createHandlers({ store, version, workspacePath, transport }: HandlerContext): Handlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  return {
    'app.info': () =>
      guard(async () => ({ version, workspacePath, transport, eventCount: await store.read('totalEvents', undefined) })),
    'tenants.list': () => guard(() => store.read('tenants', undefined)),
    'events.page': (input) => guard(() => timed(() => store.read('page', input))),
    'events.get': (input) =>
      guard(async () => {
        const event = await store.read('get', input);
        if (!event) throw new ApiError('not_found', `There is no event with id ${input.id}.`, { field: 'id' });
        return event;
      }),
    'events.count': (input) => guard(() => timed(async () => ({ count: await store.read('count', input) }))),
    'events.histogram': (input) => guard(() => timed(() => store.read('histogram', input))),
    'events.topValues': (input) => guard(() => timed(() => store.read('topValues', input))),
    'integrity.verify': (input) => guard(() => timed(() => store.read('verify', input))),
  };
}
