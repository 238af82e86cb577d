/**
 * Which workspace the page shows (its path, from app.info): the key its remembered columns and
 * query history are stored under. Until it is known the defaults show; once known they are read back.
 */
import type { TrailkeeperApi } from '../../../common/contract.ts';
import type { SliceCreator } from './types.ts';

export type WorkspaceSlice = {
  workspaceKey: string | null;
  /** Asks the API which workspace this is, then restores its columns and query history. */
  loadWorkspacePrefs: () => Promise<void>;
};

export const createWorkspaceSlice = (api: TrailkeeperApi): SliceCreator<WorkspaceSlice> => (set, get) => ({
  workspaceKey: null,
  loadWorkspacePrefs: async () => {
    try {
      const { workspacePath } = await api['app.info']({});
      set({ workspaceKey: workspacePath });
    } catch {
      // Without the workspace's name the defaults stay for this session; nothing else depends on it.
      return;
    }
    get().restoreColumns();
    get().restoreHistory();
  },
});
