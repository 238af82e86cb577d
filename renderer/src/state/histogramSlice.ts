/**
 * The histogram of the view on screen, asked for beside the count once the first page is painted,
 * so the rows never wait for it. A newer view aborts the older one's request, and so does the
 * view's own signal (a new view asked for stops it before its first page comes).
 */
import type { TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import type { View } from '../api/viewTypes.ts';
import { linkAbort } from './linkAbort.ts';
import type { Bucket } from '../format/histogramData.ts';
import type { LoadStatus } from './resultsSlice.ts';
import type { SliceCreator } from './types.ts';

/** Enough bars to see bursts across a wide chart, few enough to draw at once. */
export const HISTOGRAM_BUCKETS = 160;

export type HistogramSlice = {
  histogram: { view: View; bucketMs: number; buckets: Bucket[] } | null;
  histogramStatus: LoadStatus;
  histogramError: string | null;
  loadHistogram: (view: View, signal?: AbortSignal) => Promise<void>;
};

export const createHistogramSlice = (api: TrailkeeperApi): SliceCreator<HistogramSlice> => (set, get) => {
  let abort: AbortController | null = null;
  return {
    histogram: null,
    histogramStatus: 'idle',
    histogramError: null,
    loadHistogram: async (view, signal) => {
      abort?.abort();
      const control = (abort = new AbortController());
      linkAbort(signal, control);
      set({ histogramStatus: 'loading', histogramError: null });
      try {
        const { bucketMs, buckets } = await api['events.histogram']({ view, maxBuckets: HISTOGRAM_BUCKETS }, { signal: control.signal });
        if (get().activeView === view) set({ histogram: { view, bucketMs, buckets }, histogramStatus: 'ready' });
      } catch (error) {
        if (control.signal.aborted || get().activeView !== view) return;
        // The table works without the chart: say so in the chart's place, not in the banner.
        set({ histogramStatus: 'error', histogramError: ApiClientError.from(error).message });
      }
    },
  };
};
