/**
 * Connections and sync, for the Connections screen and the top bar: the connections with their
 * tenants' standing, the key store's state, and the runs in flight (kept live by the progress
 * subscription). A store of its own, beside the event view's, because nothing here depends on the
 * view. When a run ends having added events, the tenant list and the table refresh.
 */
import { create } from 'zustand';
import type { CallInput, Connection, KeyStoreState, SyncEvent, SyncProgress } from '../../../common/contract.ts';
import { api, ApiClientError } from '../api/client.ts';
import { useAppStore } from './store.ts';
import { subscribeSyncEvents } from './syncEvents.ts';

/** The screens the top bar switches between; 'tenants' is components/tenants/TenantsScreen.tsx. */
export type Screen = 'events' | 'connections' | 'tenants';

export type SyncFilter = { connectionId?: number; tenantIds?: number[] };

export type SyncState = {
  screen: Screen;
  connections: Connection[];
  keyStore: KeyStoreState | null;
  /** The latest progress of each tenant's run (running or finished), by tenant id. */
  runs: Record<number, SyncProgress>;
  loading: boolean;
  /** The last failed action's sentence, shown on the Connections screen. */
  error: string | null;
  /** The last action's outcome, in a sentence (e.g. "Syncing 3 tenant(s)."). */
  notice: string | null;
  openScreen: (screen: Screen) => void;
  load: () => Promise<void>;
  applyEvent: (event: SyncEvent) => void;
  unlock: (passphrase: string) => Promise<boolean>;
  testConnection: (input: CallInput<'connections.test'>) => Promise<{ ok: boolean; message: string }>;
  addConnection: (draft: CallInput<'connections.add'>) => Promise<boolean>;
  refreshTenants: (connectionId: number) => Promise<void>;
  setGroups: (tenantId: number, groups: string[]) => Promise<void>;
  setSyncInterval: (tenantId: number, minutes: number | null) => Promise<void>;
  startSync: (filter: SyncFilter) => Promise<void>;
  cancelSync: (filter: SyncFilter) => Promise<void>;
};

const ACTIVE = new Set(['queued', 'running', 'waiting']);
export const isActive = (run: SyncProgress | undefined) => run !== undefined && ACTIVE.has(run.state);

const sentence = (error: unknown) => ApiClientError.from(error).message;

export const useSyncStore = create<SyncState>()((set, get) => {
  /** Runs an action; its failure becomes the screen's error sentence. */
  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      set({ error: null });
      return await work();
    } catch (error) {
      set({ error: sentence(error) });
      return undefined;
    }
  };
  return {
    screen: 'events',
    connections: [],
    keyStore: null,
    runs: {},
    loading: false,
    error: null,
    notice: null,
    openScreen: (screen) => {
      set({ screen });
      if (screen === 'connections') void get().load();
    },
    load: async () => {
      set({ loading: true });
      await attempt(async () => {
        const { connections, keyStore, runs } = await api['connections.list']({});
        const byTenant = { ...get().runs };
        for (const run of runs) byTenant[run.tenantId] = run;
        set({ connections, keyStore, runs: byTenant });
      });
      set({ loading: false });
    },
    applyEvent: (event) => {
      const incoming = event.type === 'snapshot' ? event.runs : [event.run];
      const runs = { ...get().runs };
      let ended = false;
      for (const run of incoming) {
        const before = runs[run.tenantId];
        runs[run.tenantId] = run;
        if (event.type === 'progress' && isActive(before) && !isActive(run)) ended = true;
      }
      set({ runs });
      if (ended) {
        set({ notice: null });
        void get().load();
        const app = useAppStore.getState();
        void app.loadTenants().then(() => app.refresh());
      }
    },
    unlock: async (passphrase) => {
      const keyStore = await attempt(() => api['secrets.unlock']({ passphrase }));
      if (keyStore) set({ keyStore });
      if (keyStore?.ready) await get().load();
      return keyStore?.ready ?? false;
    },
    testConnection: async (input) => {
      const verdict = await attempt(() => api['connections.test'](input));
      return verdict ?? { ok: false, message: get().error ?? 'The test could not run.' };
    },
    addConnection: async (draft) => {
      const added = await attempt(() => api['connections.add'](draft));
      if (!added) return false;
      set({ notice: `Saved "${draft.label}". ${added.message}` });
      await get().load();
      void useAppStore.getState().loadTenants();
      return true;
    },
    refreshTenants: async (connectionId) => {
      const result = await attempt(() => api['connections.refreshTenants']({ connectionId }));
      if (result) set({ notice: result.message });
      await get().load();
    },
    setGroups: async (tenantId, groups) => {
      await attempt(() => api['tenants.setGroups']({ tenantId, groups }));
      await get().load();
      void useAppStore.getState().loadTenants();
    },
    setSyncInterval: async (tenantId, minutes) => {
      await attempt(() => api['tenants.setSyncInterval']({ tenantId, minutes }));
      await get().load();
    },
    startSync: async (filter) => {
      const result = await attempt(() => api['sync.start'](filter));
      if (result) set({ notice: result.message });
    },
    cancelSync: async (filter) => {
      const result = await attempt(() => api['sync.cancel'](filter));
      if (result) set({ notice: result.cancelled ? `Cancelling ${result.cancelled} run(s).` : 'Nothing was running.' });
    },
  };
});

let stopFeed: (() => void) | null = null;

/** Starts the one progress subscription of the page (idempotent); returns its stop. */
export function startSyncFeed(): () => void {
  if (!stopFeed) {
    const stop = subscribeSyncEvents((event) => useSyncStore.getState().applyEvent(event));
    stopFeed = () => {
      stop();
      stopFeed = null;
    };
  }
  return stopFeed;
}
