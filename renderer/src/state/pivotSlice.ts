/**
 * The value menu ("pivot"): a value clicked anywhere (table cell, inspector) with what can be
 * done with it: filter for, filter out, copy, and for a time, the five minutes either side.
 */
import type { SliceCreator } from './types.ts';

export type PivotTarget = {
  /** Query field name (`action`, `actor_email`, `tenant`), or null for a value that is only copied. */
  field: string | null;
  value: string | null;
  /** Set for a time: offers ± 5 minutes around it. */
  ts?: number;
  x: number;
  y: number;
};

export const AROUND_MS = 5 * 60_000;

export type PivotSlice = {
  pivot: PivotTarget | null;
  openPivot: (target: PivotTarget) => void;
  closePivot: () => void;
  /** The range [ts − 5 min, ts + 5 min], keeping query and scope. */
  showAround: (ts: number) => void;
};

export const createPivotSlice: SliceCreator<PivotSlice> = (set, get) => ({
  pivot: null,
  openPivot: (pivot) => set({ pivot }),
  closePivot: () => set({ pivot: null }),
  showAround: (ts) => {
    set({ pivot: null });
    get().setCustomRange({ from: ts - AROUND_MS, to: ts + AROUND_MS + 1 });
  },
});
