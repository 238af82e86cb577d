/**
 * What the user is looking at: scope, range, query text, and how times are shown. Changing
 * scope or range reruns the view with the query and range kept, so an MSP admin switching
 * tenants never re-enters filters.
 */
import type { Scope } from '../api/viewTypes.ts';
import { DEFAULT_RANGE_PRESET, type RangePresetId, type ResolvedRange } from '../format/rangePresets.ts';
import { ALL_SCOPE } from '../format/scopeOptions.ts';
import type { TimeZoneMode } from '../format/time.ts';
import type { SortOrder } from './resultsSlice.ts';
import type { SliceCreator } from './types.ts';

export type ViewSlice = {
  scope: Scope;
  rangePreset: RangePresetId;
  /** A range picked on the histogram (or typed); wins over the preset until a preset is picked. */
  customRange: ResolvedRange | null;
  /** The query box's text; every run uses it as typed. */
  queryText: string;
  timeZone: TimeZoneMode;
  /** Newest or oldest first; a change reruns the view. */
  order: SortOrder;
  setScope: (scope: Scope) => void;
  setRangePreset: (preset: RangePresetId) => void;
  setCustomRange: (range: ResolvedRange) => void;
  setQueryText: (text: string) => void;
  runQuery: () => void;
  setTimeZone: (mode: TimeZoneMode) => void;
  setOrder: (order: SortOrder) => void;
};

export const createViewSlice: SliceCreator<ViewSlice> = (set, get) => ({
  scope: ALL_SCOPE,
  rangePreset: DEFAULT_RANGE_PRESET,
  customRange: null,
  queryText: '',
  timeZone: 'utc',
  order: 'newest',
  setScope: (scope) => {
    set({ scope });
    void get().refresh();
  },
  setRangePreset: (rangePreset) => {
    set({ rangePreset, customRange: null });
    void get().refresh();
  },
  setCustomRange: (customRange) => {
    set({ customRange });
    void get().refresh();
  },
  setQueryText: (queryText) => set({ queryText }),
  runQuery: () => void get().refresh(),
  setTimeZone: (timeZone) => set({ timeZone }),
  setOrder: (order) => {
    set({ order });
    void get().refresh();
  },
});
