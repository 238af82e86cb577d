/** The error banner: the latest API failure, in the API's own sentence, until dismissed. */
import type { SliceCreator } from './types.ts';

export type StatusSlice = {
  bannerError: string | null;
  showError: (message: string) => void;
  dismissError: () => void;
};

export const createStatusSlice: SliceCreator<StatusSlice> = (set) => ({
  bannerError: null,
  showError: (message) => set({ bannerError: message }),
  dismissError: () => set({ bannerError: null }),
});
