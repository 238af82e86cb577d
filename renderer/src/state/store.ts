/** The one bound store of the app, over the transport the page has; components select narrowly from it. */
import { api } from '../api/client.ts';
import { createAppStore } from './createAppStore.ts';
import { bindQueryHistory } from './historySlice.ts';
import { bindUrlView } from './urlView.ts';

export const useAppStore = createAppStore(api);
// Before the first view runs: a reload or a shared link shows the view in the URL.
bindUrlView(useAppStore);
// Each query that runs goes into the workspace's query history (↑ in the query box).
bindQueryHistory(useAppStore);
