/**
 * The contract's sync, connection and key-store calls, over the SyncService. Sentences the user
 * can act on (a wrong passphrase, a name already taken) become `invalid_input` with that sentence;
 * anything else goes through the store's error mapping.
 */
import { CALL_NAMES } from '../../common/call-names.ts';
import type { CallName } from '../../common/contract.ts';
import type { Handlers } from '../api/dispatch.ts';
import { ApiError } from '../api/errors.ts';
import { toApiError } from '../api/store-errors.ts';
import { SecretStoreError } from '../secrets/secret-store.ts';
import { StoreError } from '../store-host/store-host.ts';
import { SyncError } from './connector.ts';
import type { SyncService } from './service.ts';

/**
 * The calls this module answers, read from CALL_NAMES so a new call is named in one list: every
 * `connections.`, `secrets.` and `sync.` call, and the two tenant settings the sync schedule owns
 * (the other `tenants.` calls are the store's).
 */
const SYNC_PREFIXES = ['connections.', 'secrets.', 'sync.'] as const;
const SYNC_TENANT_CALLS = ['tenants.setGroups', 'tenants.setSyncInterval'] as const satisfies readonly CallName[];
type SyncCallName = Extract<CallName, `${(typeof SYNC_PREFIXES)[number]}${string}`> | (typeof SYNC_TENANT_CALLS)[number];

const isSyncCall = (name: CallName): name is SyncCallName =>
  SYNC_PREFIXES.some((prefix) => name.startsWith(prefix)) || (SYNC_TENANT_CALLS as readonly CallName[]).includes(name);

export const SYNC_CALLS: readonly SyncCallName[] = CALL_NAMES.filter(isSyncCall);

export type SyncHandlers = Pick<Handlers, SyncCallName>;

function toSyncApiError(error: unknown): ApiError {
  if (error instanceof SyncError || error instanceof SecretStoreError) return new ApiError('invalid_input', error.message);
  if (error instanceof StoreError && error.name === 'ConnectionError') return new ApiError('invalid_input', error.message);
  return toApiError(error);
}

const guard = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toSyncApiError(error)));
const never = new AbortController().signal;
const filterOf = (input: { connectionId?: number | undefined; tenantIds?: number[] | undefined }) => ({
  ...(input.connectionId !== undefined ? { connectionId: input.connectionId } : {}),
  ...(input.tenantIds ? { tenantIds: input.tenantIds } : {}),
});

export function syncHandlers(sync: SyncService): SyncHandlers {
  return {
    'connections.list': () => guard(() => sync.list()),
    'connections.add': (input, { signal }) => guard(() => sync.add(input, signal ?? never)),
    'connections.test': (input, { signal }) => guard(() => sync.test(input, signal ?? never)),
    'connections.setSecret': (input) =>
      guard(async () => {
        await sync.setSecret(input.connectionId, input.secret, input.scheme);
        return { ok: true as const };
      }),
    'connections.refreshTenants': (input, { signal }) => guard(() => sync.refreshTenants(input.connectionId, signal ?? never)),
    'tenants.setGroups': (input) =>
      guard(async () => {
        await sync.setGroups(input.tenantId, input.groups);
        return { ok: true as const };
      }),
    'tenants.setSyncInterval': (input) =>
      guard(async () => {
        await sync.setInterval(input.tenantId, input.minutes);
        return { ok: true as const };
      }),
    'secrets.status': () => guard(async () => sync.keyStore()),
    'secrets.unlock': (input) => guard(() => sync.unlock(input.passphrase)),
    'sync.start': (input, { signal }) =>
      guard(async () => {
        const queued = await sync.syncNow(filterOf(input), signal ?? never);
        return { queued, message: queued.length ? `Syncing ${queued.length} tenant(s).` : 'Nothing to sync: every matching tenant is already syncing, or none is set up.' };
      }),
    'sync.cancel': (input) => guard(async () => ({ cancelled: sync.engine.cancel(filterOf(input)) })),
    'sync.status': () => guard(() => sync.status()),
  };
}
