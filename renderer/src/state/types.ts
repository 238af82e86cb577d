/** The whole store's shape, and the creator type each slice file uses. */
import type { StateCreator } from 'zustand';
import type { ColumnsSlice } from './columnsSlice.ts';
import type { CompletionSlice } from './completionSlice.ts';
import type { DetailSlice } from './detailSlice.ts';
import type { FieldsSlice } from './fieldsSlice.ts';
import type { FiltersSlice } from './filtersSlice.ts';
import type { HintSlice } from './hintSlice.ts';
import type { HistogramSlice } from './histogramSlice.ts';
import type { HistorySlice } from './historySlice.ts';
import type { PivotSlice } from './pivotSlice.ts';
import type { ResultsSlice } from './resultsSlice.ts';
import type { StatusSlice } from './statusSlice.ts';
import type { AnnotationsSlice } from './annotationsSlice.ts';
import type { TenantsSlice } from './tenantsSlice.ts';
import type { ViewSlice } from './viewSlice.ts';
import type { WorkspaceSlice } from './workspaceSlice.ts';

export type AppState = TenantsSlice & ViewSlice & ResultsSlice & DetailSlice & HistogramSlice & FieldsSlice & FiltersSlice & PivotSlice & HintSlice & StatusSlice & AnnotationsSlice & WorkspaceSlice & ColumnsSlice & HistorySlice & CompletionSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
