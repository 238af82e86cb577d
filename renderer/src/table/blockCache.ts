/**
 * The rows of a result held as fixed blocks of BLOCK_ROWS rows, keyed by block number, so only
 * the blocks around the viewport live in memory whatever the result's size. Blocks outside the
 * kept window are dropped and fetched again when the view comes back to them. Immutable: every
 * change is a new cache, so zustand sees it.
 */
export const BLOCK_ROWS = 100;

export type BlockCache<T> = {
  readonly blocks: ReadonlyMap<number, readonly T[]>;
};

export function emptyBlockCache<T>(): BlockCache<T> {
  return { blocks: new Map() };
}

export function blockOf(index: number): number {
  return Math.floor(index / BLOCK_ROWS);
}

export function rowAt<T>(cache: BlockCache<T>, index: number): T | undefined {
  if (index < 0) return undefined;
  return cache.blocks.get(blockOf(index))?.[index % BLOCK_ROWS];
}

/** Rows starting at block `first`, split into its blocks (the last may be short). */
export function withRows<T>(cache: BlockCache<T>, first: number, rows: readonly T[]): BlockCache<T> {
  if (rows.length === 0) return cache;
  const blocks = new Map(cache.blocks);
  for (let i = 0; i * BLOCK_ROWS < rows.length; i++) blocks.set(first + i, rows.slice(i * BLOCK_ROWS, (i + 1) * BLOCK_ROWS));
  return { blocks };
}

/** Drops every block outside [lo, hi]; the same cache when nothing is dropped. */
export function keepBlocks<T>(cache: BlockCache<T>, lo: number, hi: number): BlockCache<T> {
  let drop = false;
  for (const b of cache.blocks.keys()) if (b < lo || b > hi) drop = true;
  if (!drop) return cache;
  return { blocks: new Map([...cache.blocks].filter(([b]) => b >= lo && b <= hi)) };
}

export function loadedRowCount<T>(cache: BlockCache<T>): number {
  let n = 0;
  for (const rows of cache.blocks.values()) n += rows.length;
  return n;
}

/** Runs of consecutive blocks in [lo, hi] that are neither cached nor skipped, nearest to `near` first. */
export function missingRuns<T>(cache: BlockCache<T>, lo: number, hi: number, skip: (b: number) => boolean, near: number, maxRun: number): [number, number][] {
  const runs: [number, number][] = [];
  let start: number | null = null;
  for (let b = lo; b <= hi + 1; b++) {
    const missing = b <= hi && !cache.blocks.has(b) && !skip(b);
    if (missing && start === null) start = b;
    if (start !== null && (!missing || b - start === maxRun)) {
      runs.push([start, b]);
      start = missing ? b : null;
    }
  }
  const distance = ([s, e]: [number, number]) => (near < s ? s - near : near >= e ? near - e + 1 : 0);
  return runs.sort((a, b) => distance(a) - distance(b));
}
