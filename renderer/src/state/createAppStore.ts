/**
 * Builds the store from its slices around one API object. The app passes the real transport
 * (store.ts); tests pass an in-memory fake, so no slice reaches for a module-level client.
 */
import { create } from 'zustand';
import type { TrailkeeperApi } from '../../../common/contract.ts';
import { createColumnsSlice } from './columnsSlice.ts';
import { createCompletionSlice } from './completionSlice.ts';
import { createDetailSlice } from './detailSlice.ts';
import { createFieldsSlice } from './fieldsSlice.ts';
import { createFiltersSlice } from './filtersSlice.ts';
import { createHintSlice } from './hintSlice.ts';
import { createHistogramSlice } from './histogramSlice.ts';
import { createHistorySlice } from './historySlice.ts';
import { createPivotSlice } from './pivotSlice.ts';
import { createResultsSlice } from './resultsSlice.ts';
import { createStatusSlice } from './statusSlice.ts';
import { createAnnotationsSlice } from './annotationsSlice.ts';
import { createTenantsSlice } from './tenantsSlice.ts';
import type { AppState } from './types.ts';
import { createViewSlice } from './viewSlice.ts';
import { createWorkspaceSlice } from './workspaceSlice.ts';

export function createAppStore(api: TrailkeeperApi) {
  return create<AppState>()((...args) => ({
    ...createTenantsSlice(api)(...args),
    ...createViewSlice(...args),
    ...createResultsSlice(api)(...args),
    ...createDetailSlice(api)(...args),
    ...createHistogramSlice(api)(...args),
    ...createFieldsSlice(api)(...args),
    ...createFiltersSlice(...args),
    ...createPivotSlice(...args),
    ...createHintSlice(api)(...args),
    ...createStatusSlice(...args),
    ...createAnnotationsSlice(api)(...args),
    ...createWorkspaceSlice(api)(...args),
    ...createColumnsSlice(...args),
    ...createHistorySlice(...args),
    ...createCompletionSlice(api)(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
