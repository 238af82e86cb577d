/** The one bound store, made of slices; components select narrowly from it. */
import { create } from 'zustand';
import { createDetailSlice } from './detailSlice.ts';
import { createResultsSlice } from './resultsSlice.ts';
import { createStatusSlice } from './statusSlice.ts';
import { createTenantsSlice } from './tenantsSlice.ts';
import type { AppState } from './types.ts';
import { createViewSlice } from './viewSlice.ts';

export const useAppStore = create<AppState>()((...args) => ({
  ...createTenantsSlice(...args),
  ...createViewSlice(...args),
  ...createResultsSlice(...args),
  ...createDetailSlice(...args),
  ...createStatusSlice(...args),
}));
