/** The one bound store of the app, over the transport the page has; components select narrowly from it. */
import { api } from '../api/client.ts';
import { createAppStore } from './createAppStore.ts';

export const useAppStore = createAppStore(api);
