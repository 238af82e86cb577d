/** Turns what the store throws into the contract's errors (the one place kinds are mapped), and times calls for the UI. */
import { CancelledError, StoreError } from '../store-host/store-host.ts';
import { ApiError } from './errors.ts';

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof CancelledError) return new ApiError('cancelled', error.message);
  if (error instanceof StoreError && error.kind === 'query_syntax') {
    const column = error.column;
    return new ApiError('query_syntax', error.message, { field: 'view.query', ...(column ? { column } : {}) });
  }
  // The worker's sentence already says what to do (free disk space, make the folder writable).
  if (error instanceof StoreError && (error.kind === 'workspace' || error.kind === 'closed')) {
    return new ApiError('workspace', error.message);
  }
  console.error('[trailkeeper] internal error:', error);
  return new ApiError('internal', 'Trailkeeper hit an internal error; the details are in its log.');
}

/** Adds `tookMs` (time in the store, as the user waits for it) to a result object. */
export async function timed<T extends object>(work: () => Promise<T>): Promise<T & { tookMs: number }> {
  const start = performance.now();
  const value = await work();
  return { ...value, tookMs: Math.round((performance.now() - start) * 10) / 10 };
}
