/**
 * The selected row and the open event detail. While the detail is open it follows the
 * selection; a later request wins over an earlier one still in flight.
 */
import type { EventDetail, TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import { rowAt } from '../table/rowStore.ts';
import type { LoadStatus } from './resultsSlice.ts';
import type { SliceCreator } from './types.ts';

export type DetailSlice = {
  selectedIndex: number | null;
  detailOpen: boolean;
  detailId: number | null;
  detail: EventDetail | null;
  detailStatus: LoadStatus;
  detailError: string | null;
  detailRequest: number;
  select: (index: number) => void;
  moveSelection: (delta: number) => void;
  openSelected: () => void;
  openDetail: (id: number) => Promise<void>;
  closeDetail: () => void;
};

export const createDetailSlice = (api: TrailkeeperApi): SliceCreator<DetailSlice> => (set, get) => ({
  selectedIndex: null,
  detailOpen: false,
  detailId: null,
  detail: null,
  detailStatus: 'idle',
  detailError: null,
  detailRequest: 0,

  select: (index) => {
    const { rows, detailOpen, detailId } = get();
    if (rows.length === 0) return;
    const clamped = Math.min(Math.max(0, index), rows.length - 1);
    set({ selectedIndex: clamped });
    const row = rowAt(rows, clamped);
    if (detailOpen && row && row.id !== detailId) void get().openDetail(row.id);
  },

  moveSelection: (delta) => {
    const { selectedIndex } = get();
    get().select(selectedIndex === null ? 0 : selectedIndex + delta);
  },

  openSelected: () => {
    const { rows, selectedIndex } = get();
    const row = selectedIndex === null ? undefined : rowAt(rows, selectedIndex);
    if (row) void get().openDetail(row.id);
  },

  openDetail: async (id) => {
    const request = get().detailRequest + 1;
    set({ detailRequest: request, detailOpen: true, detailId: id, detailStatus: 'loading', detailError: null });
    try {
      const detail = await api['events.get']({ id });
      if (get().detailRequest === request) set({ detail, detailStatus: 'ready' });
    } catch (error) {
      if (get().detailRequest !== request) return;
      set({ detail: null, detailStatus: 'error', detailError: ApiClientError.from(error).message });
    }
  },

  closeDetail: () =>
    set((state) => ({ detailRequest: state.detailRequest + 1, detailOpen: false, detailId: null, detail: null, detailStatus: 'idle', detailError: null })),
});
