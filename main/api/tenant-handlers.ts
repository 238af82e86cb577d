/**
 * Retention, legal hold and group names of tenants (the Tenants screen). A preview counts what a
 * shorter retention removes; confirming it with the preview's cutoff removes exactly those
 * events now (docs/design.md §3: a tenant under legal hold is never purged).
 */
import { retentionCutoff } from '../domain/retention-cutoff.ts';
import type { StoreHost } from '../store-host/store-host.ts';
import type { Handlers } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { toApiError } from './store-errors.ts';

export type TenantHandlers = Pick<Handlers, 'tenants.setRetention' | 'tenants.setLegalHold' | 'tenants.retentionPreview' | 'tenants.renameGroup'>;

export function tenantHandlers(store: StoreHost, now: () => number = Date.now): TenantHandlers {
  const guard = <T>(work: () => Promise<T>) => work().catch((error: unknown) => Promise.reject(toApiError(error)));
  /** The tenant as listed, or a not_found sentence naming the id. */
  const tenant = async (tenantId: number) => {
    const found = (await store.read('tenants', undefined)).tenants.find((t) => t.id === tenantId);
    if (!found) throw new ApiError('not_found', `There is no tenant with id ${tenantId} in this workspace.`, { field: 'tenantId' });
    return found;
  };
  return {
    'tenants.retentionPreview': ({ tenantId, days }) =>
      guard(async () => {
        const { legalHold } = await tenant(tenantId);
        const cutoff = retentionCutoff(now(), days);
        return { removes: await store.read('retentionPreview', { tenantId, cutoff }), cutoff, legalHold };
      }),
    'tenants.setRetention': ({ tenantId, days, purgeBefore }) =>
      guard(async () => {
        await tenant(tenantId);
        await store.write('setRetention', { tenantId, days });
        if (days === null || purgeBefore === undefined) return { purged: 0 };
        const purged = await store.write('purgeTenant', { tenantId, now: now(), cutoff: purgeBefore });
        return { purged };
      }),
    'tenants.setLegalHold': ({ tenantId, hold }) =>
      guard(async () => {
        await tenant(tenantId);
        await store.write('setLegalHold', { tenantId, hold });
        return { ok: true as const };
      }),
    'tenants.renameGroup': ({ from, to }) =>
      guard(async () => {
        const { groups } = await store.read('tenants', undefined);
        if (!groups.includes(from)) throw new ApiError('not_found', `No tenant carries the group "${from}".`, { field: 'from' });
        return { tenantsChanged: await store.write('renameGroup', { from, to }) };
      }),
  };
}
