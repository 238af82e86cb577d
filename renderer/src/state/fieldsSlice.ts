/**
 * The field sidebar's values: for each open field, its top values with exact counts over the
 * whole view (events.topValues, not a sample). Fields are asked for one after another once the
 * first page is painted, so they never hold up the rows or crowd the store's readers; a new view
 * aborts what the old one still had in flight (through the view's signal, as soon as it is asked for).
 */
import { FACET_FIELDS, type FacetField, type TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import type { View } from '../api/viewTypes.ts';
import { linkAbort } from './linkAbort.ts';
import type { LoadStatus } from './resultsSlice.ts';
import type { SliceCreator } from './types.ts';

export const TOP_VALUES = 10;
export const DEFAULT_OPEN_FIELDS: FacetField[] = ['outcome', 'action', 'tenant', 'actor_email', 'category'];

export type FieldValues = {
  status: LoadStatus;
  values: { value: string | null; count: number }[];
  total: number;
  error: string | null;
};

export type FieldsSlice = {
  openFields: FacetField[];
  fieldValues: Partial<Record<FacetField, FieldValues>>;
  loadFieldValues: (view: View, signal?: AbortSignal) => Promise<void>;
  toggleField: (field: FacetField) => void;
};

export const createFieldsSlice = (api: TrailkeeperApi): SliceCreator<FieldsSlice> => (set, get) => {
  let abort: AbortController | null = null;
  /** The view the values belong to. */
  let valuesView: View | null = null;

  const put = (field: FacetField, values: FieldValues) => set({ fieldValues: { ...get().fieldValues, [field]: values } });

  async function loadOne(field: FacetField, view: View, signal: AbortSignal): Promise<void> {
    put(field, { status: 'loading', values: get().fieldValues[field]?.values ?? [], total: 0, error: null });
    try {
      const { values, total } = await api['events.topValues']({ view, field, limit: TOP_VALUES }, { signal });
      if (valuesView === view) put(field, { status: 'ready', values, total, error: null });
    } catch (error) {
      if (signal.aborted || valuesView !== view) return;
      put(field, { status: 'error', values: [], total: 0, error: ApiClientError.from(error).message });
    }
  }

  return {
    openFields: DEFAULT_OPEN_FIELDS,
    fieldValues: {},
    loadFieldValues: async (view, signal) => {
      abort?.abort();
      const control = (abort = new AbortController());
      linkAbort(signal, control);
      valuesView = view;
      set({ fieldValues: {} });
      for (const field of get().openFields) {
        if (control.signal.aborted) return;
        await loadOne(field, view, control.signal);
      }
    },
    toggleField: (field) => {
      const { openFields } = get();
      if (openFields.includes(field)) {
        set({ openFields: openFields.filter((f) => f !== field) });
        return;
      }
      set({ openFields: FACET_FIELDS.filter((f) => f === field || openFields.includes(f)) });
      if (valuesView && abort) void loadOne(field, valuesView, abort.signal);
    },
  };
};
