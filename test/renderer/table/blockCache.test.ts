/** The block cache: rows by index across blocks, dropping far blocks, and the runs still to fetch. */
import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, emptyBlockCache, keepBlocks, loadedRowCount, missingRuns, rowAt, withRows } from '../../../renderer/src/table/blockCache.ts';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('block cache', () => {
  it('splits rows into blocks and finds a row by its index in the whole result', () => {
    const cache = withRows(emptyBlockCache<number>(), 3, range(3 * BLOCK_ROWS, 2 * BLOCK_ROWS + 5));
    expect([...cache.blocks.keys()]).toEqual([3, 4, 5]);
    expect(rowAt(cache, 3 * BLOCK_ROWS)).toBe(3 * BLOCK_ROWS);
    expect(rowAt(cache, 5 * BLOCK_ROWS + 4)).toBe(5 * BLOCK_ROWS + 4);
    expect(rowAt(cache, 5 * BLOCK_ROWS + 5)).toBeUndefined();
    expect(rowAt(cache, 0)).toBeUndefined();
    expect(rowAt(cache, -1)).toBeUndefined();
    expect(loadedRowCount(cache)).toBe(2 * BLOCK_ROWS + 5);
  });

  it('drops the blocks outside a window, and is unchanged when none is', () => {
    const cache = withRows(emptyBlockCache<number>(), 0, range(0, 10 * BLOCK_ROWS));
    const kept = keepBlocks(cache, 4, 6);
    expect([...kept.blocks.keys()]).toEqual([4, 5, 6]);
    expect(cache.blocks.size).toBe(10); // immutable
    expect(keepBlocks(kept, 0, 9)).toBe(kept);
  });

  it('lists the missing runs nearest the view first, capped in length, skipping blocks in flight', () => {
    const cache = withRows(emptyBlockCache<number>(), 5, range(5 * BLOCK_ROWS, BLOCK_ROWS));
    const runs = missingRuns(cache, 0, 12, (b) => b === 1, 8, 3);
    expect(runs).toEqual([
      [6, 9],
      [9, 12],
      [2, 5],
      [12, 13],
      [0, 1],
    ]);
  });
});
