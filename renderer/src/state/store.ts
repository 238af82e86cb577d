/** The one bound store of the app, over the transport the page has; components select narrowly from it. */
import { api } from '../api/client.ts';
import { createAppStore } from './createAppStore.ts';
import { bindQueryHistory } from './historySlice.ts';
import { bindLastView } from './lastView.ts';
import { bindUrlView, viewFromHash } from './urlView.ts';

export const useAppStore = createAppStore(api);
// Before the first view runs: a reload or a shared link shows the view in the URL.
const urlNamesView = Object.keys(viewFromHash(window.location.hash)).length > 0;
bindUrlView(useAppStore);
// Without a view in the URL (a fresh window), the workspace's last view once the workspace is known.
bindLastView(useAppStore, !urlNamesView);
// Each query that runs goes into the workspace's query history (↑ in the query box).
bindQueryHistory(useAppStore);
