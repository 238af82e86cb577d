/**
 * Loaded rows kept as the pages they arrived in. Appending a page copies only the list of
 * pages, not every row, so infinite scroll stays cheap at a million rows, and the structure is
 * immutable, so zustand sees each append as a change.
 */
export type RowStore<T> = {
  readonly pages: readonly (readonly T[])[];
  /** Index of each page's first row. */
  readonly starts: readonly number[];
  readonly length: number;
};

export function emptyRowStore<T>(): RowStore<T> {
  return { pages: [], starts: [], length: 0 };
}

export function appendPage<T>(store: RowStore<T>, rows: readonly T[]): RowStore<T> {
  if (rows.length === 0) return store;
  return {
    pages: [...store.pages, rows],
    starts: [...store.starts, store.length],
    length: store.length + rows.length,
  };
}

export function rowAt<T>(store: RowStore<T>, index: number): T | undefined {
  if (index < 0 || index >= store.length) return undefined;
  let lo = 0;
  let hi = store.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((store.starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return store.pages[lo]?.[index - (store.starts[lo] ?? 0)];
}
