/**
 * The Tenants screen's actions (issue 9 items 5 and 8): retention with a counted confirmation,
 * legal hold, group labels, and integrity checks run in the background with their progress. The
 * tenant list itself stays in the app store (tenantsSlice); each change reloads it, and a purge
 * refreshes the event view, whose counts it changed. Failures become one sentence on the screen.
 */
import { create } from 'zustand';
import type { IntegrityJob } from '../../../common/contract.ts';
import { api, ApiClientError } from '../api/client.ts';
import { useAppStore } from './store.ts';
import { useSyncStore } from './syncSlice.ts';

/** What the confirmation dialog shows: the count a shorter retention removes, and the cutoff it counted with. */
export type RetentionPreview = { tenantId: number; days: number; removes: number; cutoff: number; legalHold: boolean };

/** Which tenants an integrity check covers, as the screen's picker names them. */
export type IntegrityScope = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'tenant'; tenantId: number };

export type TenantAdminState = {
  error: string | null;
  notice: string | null;
  /** The confirmation open on screen, if any. */
  preview: RetentionPreview | null;
  busy: boolean;
  integrity: IntegrityJob | null;
  previewRetention: (tenantId: number, days: number) => Promise<void>;
  closePreview: () => void;
  confirmRetention: () => Promise<void>;
  keepForever: (tenantId: number) => Promise<void>;
  setLegalHold: (tenantId: number, hold: boolean) => Promise<void>;
  setGroups: (tenantId: number, groups: string[]) => Promise<void>;
  renameGroup: (from: string, to: string) => Promise<void>;
  startIntegrity: (scope: IntegrityScope) => Promise<void>;
  cancelIntegrity: () => Promise<void>;
  /** Shows where a check broke: the events of its tenant, with the broken event open when there is one. */
  showBreak: () => Promise<void>;
};

/** How often a running check's progress is asked for. */
export const INTEGRITY_POLL_MS = 250;

const sentence = (error: unknown) => ApiClientError.from(error).message;
const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** The tenant ids a scope covers; undefined for all. */
function tenantIdsOf(scope: IntegrityScope): number[] | undefined {
  if (scope.kind === 'tenant') return [scope.tenantId];
  if (scope.kind === 'group') return useAppStore.getState().tenants.filter((t) => t.groups.includes(scope.group)).map((t) => t.id);
  return undefined;
}

export const useTenantAdmin = create<TenantAdminState>()((set, get) => {
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      set({ error: null, busy: true });
      return await work();
    } catch (error) {
      set({ error: sentence(error) });
      return undefined;
    } finally {
      set({ busy: false });
    }
  };
  const reloadTenants = () => useAppStore.getState().loadTenants();
  const nameOf = (tenantId: number) => useAppStore.getState().tenants.find((t) => t.id === tenantId)?.name ?? `tenant ${tenantId}`;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  const poll = (jobId: number) => {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(async () => {
      try {
        const job = await api['integrity.status']({ jobId });
        if (get().integrity?.jobId !== jobId) return;
        set({ integrity: job });
        if (job.state === 'running') poll(jobId);
      } catch (error) {
        set({ error: sentence(error) });
      }
    }, INTEGRITY_POLL_MS);
  };

  return {
    error: null,
    notice: null,
    preview: null,
    busy: false,
    integrity: null,
    previewRetention: async (tenantId, days) => {
      const preview = await attempt(() => api['tenants.retentionPreview']({ tenantId, days }));
      if (!preview) return;
      set({ preview: { tenantId, days, ...preview }, notice: null });
      // Nothing to remove (a longer retention, or legal hold): no question to ask.
      if (preview.removes === 0) await get().confirmRetention();
    },
    closePreview: () => set({ preview: null }),
    confirmRetention: async () => {
      const preview = get().preview;
      if (!preview) return;
      const result = await attempt(() => api['tenants.setRetention']({ tenantId: preview.tenantId, days: preview.days, purgeBefore: preview.cutoff }));
      set({ preview: null });
      if (!result) return;
      const name = nameOf(preview.tenantId);
      set({
        notice: preview.legalHold
          ? `${name} keeps ${plural(preview.days, 'day')} of events; nothing is removed while its legal hold is on.`
          : `${name} keeps ${plural(preview.days, 'day')} of events; ${plural(result.purged, 'event')} removed now, and retention runs again every six hours.`,
      });
      await reloadTenants();
      if (result.purged > 0) void useAppStore.getState().refresh();
    },
    keepForever: async (tenantId) => {
      const done = await attempt(() => api['tenants.setRetention']({ tenantId, days: null }));
      if (done) set({ notice: `${nameOf(tenantId)} keeps its events forever.` });
      await reloadTenants();
    },
    setLegalHold: async (tenantId, hold) => {
      const done = await attempt(() => api['tenants.setLegalHold']({ tenantId, hold }));
      if (done) set({ notice: hold ? `${nameOf(tenantId)} is on legal hold: retention removes none of its events.` : `${nameOf(tenantId)} is no longer on legal hold.` });
      await reloadTenants();
    },
    setGroups: async (tenantId, groups) => {
      await attempt(() => api['tenants.setGroups']({ tenantId, groups }));
      await reloadTenants();
    },
    renameGroup: async (from, to) => {
      const result = await attempt(() => api['tenants.renameGroup']({ from, to }));
      if (result) set({ notice: `Renamed the group "${from}" to "${to}" on ${plural(result.tenantsChanged, 'tenant')}.` });
      await reloadTenants();
      // A view scoped to the old name follows the group to its new one.
      const app = useAppStore.getState();
      if (result && app.scope.kind === 'group' && app.scope.group === from) app.setScope({ kind: 'group', group: to });
    },
    startIntegrity: async (scope) => {
      const tenantIds = tenantIdsOf(scope);
      if (tenantIds && tenantIds.length === 0) {
        set({ error: 'No tenant carries that group, so there is nothing to check.' });
        return;
      }
      const job = await attempt(() => api['integrity.start'](tenantIds ? { tenantIds } : {}));
      if (!job) return;
      set({ integrity: job });
      poll(job.jobId);
    },
    showBreak: async () => {
      const found = get().integrity?.result?.firstBreak;
      if (!found) return;
      useSyncStore.getState().openScreen('events');
      const app = useAppStore.getState();
      app.setScope({ kind: 'tenants', tenantIds: [found.tenantId] });
      // The new view's first page closes any open event; open the broken one after it.
      await app.refresh();
      if (found.eventId !== null) await useAppStore.getState().openDetail(found.eventId);
    },
    cancelIntegrity: async () => {
      const job = get().integrity;
      if (!job || job.state !== 'running') return;
      await attempt(() => api['integrity.cancel']({ jobId: job.jobId }));
      const after = await attempt(() => api['integrity.status']({ jobId: job.jobId }));
      if (after) set({ integrity: after });
    },
  };
});
