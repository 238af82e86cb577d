/**
 * The selected row and the open event detail. The selection is a row index in the whole result,
 * so it survives its block being dropped and fetched again. While the detail is open it follows
 * the selection, also to a row that is still loading (it opens when the row arrives); a later
 * request wins over an earlier one still in flight.
 */
import type { EventDetail, TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import { rowAt } from '../table/blockCache.ts';
import type { LoadStatus } from './resultsSlice.ts';
import type { SliceCreator } from './types.ts';

export type DetailSlice = {
  selectedIndex: number | null;
  /** Bumped by every selection, so the table reveals the row even when the index is unchanged. */
  revealSeq: number;
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
  /** Opens the selected row in the open detail once its row is loaded. */
  followSelection: () => void;
  closeDetail: () => void;
};

export const createDetailSlice = (api: TrailkeeperApi): SliceCreator<DetailSlice> => (set, get) => ({
  selectedIndex: null,
  revealSeq: 0,
  detailOpen: false,
  detailId: null,
  detail: null,
  detailStatus: 'idle',
  detailError: null,
  detailRequest: 0,

  select: (index) => {
    const { rowCount } = get();
    if (rowCount === 0) return;
    const clamped = Math.min(Math.max(0, index), rowCount - 1);
    set((state) => ({ selectedIndex: clamped, revealSeq: state.revealSeq + 1 }));
    get().followSelection();
  },

  moveSelection: (delta) => {
    const { selectedIndex } = get();
    get().select(selectedIndex === null ? 0 : selectedIndex + delta);
  },

  openSelected: () => {
    const { selectedIndex } = get();
    if (selectedIndex === null) return;
    const row = rowAt(get().rows, selectedIndex);
    if (row) void get().openDetail(row.id);
    else set((state) => ({ detailRequest: state.detailRequest + 1, detailOpen: true, detailId: null, detail: null, detailStatus: 'loading', detailError: null }));
  },

  followSelection: () => {
    const { detailOpen, selectedIndex, detailId, rows } = get();
    if (!detailOpen || selectedIndex === null) return;
    const row = rowAt(rows, selectedIndex);
    if (row && row.id !== detailId) void get().openDetail(row.id);
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
