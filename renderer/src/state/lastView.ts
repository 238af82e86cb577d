/**
 * The last view (query, scope, range, order, UTC/local times) remembered per workspace, and restored at start
 * when the page opens without a view in its URL: a fresh window (the desktop app's every start)
 * comes back to where the investigator left off. A view in the URL (a reload, a shared link)
 * wins, and so does anything the user or a start-view preset changed before the workspace was
 * known: the restore only replaces the untouched default view.
 */
import { viewFromHash, viewToHash, withTimeZone } from './urlView.ts';
import type { AppState } from './types.ts';
import { readPref, writePref } from './workspacePrefs.ts';

export const LAST_VIEW_PREF = 'last-view';

type Store = { getState: () => AppState; setState: (partial: Partial<AppState>) => void; subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void };

const viewKey = (s: AppState) => viewToHash(s);

/**
 * Writes each view that runs under the workspace's key, and once the workspace is known restores
 * its last view if `restore` is true (the URL named none) and the view is still the start one.
 */
export function bindLastView(store: Store, restore: boolean): () => void {
  const startView = viewKey(store.getState());
  let restored = !restore;
  return store.subscribe((state, prev) => {
    const workspace = state.workspaceKey;
    if (workspace === null) return;
    if (!restored) {
      restored = true;
      const stored = readPref(workspace, LAST_VIEW_PREF);
      if (typeof stored === 'string' && viewKey(state) === startView) {
        const view = viewFromHash(stored);
        if (Object.keys(view).length > 0) {
          store.setState(view);
          void store.getState().refresh();
          return;
        }
      }
    }
    if (state.activeView !== prev.activeView && state.activeView !== null) writePref(workspace, LAST_VIEW_PREF, viewKey(state));
    else if (state.timeZone !== prev.timeZone) {
      // The switch runs no view: change only the time display of the view last run.
      const stored = readPref(workspace, LAST_VIEW_PREF);
      writePref(workspace, LAST_VIEW_PREF, withTimeZone(typeof stored === 'string' ? stored : viewKey(state), state.timeZone));
    }
  });
}
