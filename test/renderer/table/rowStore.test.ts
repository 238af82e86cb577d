import { describe, expect, it } from 'vitest';
import { appendPage, emptyRowStore, rowAt } from '../../../renderer/src/table/rowStore.ts';

describe('rowStore', () => {
  it('indexes rows across pages of different sizes', () => {
    let store = emptyRowStore<number>();
    store = appendPage(store, [0, 1, 2]);
    store = appendPage(store, []);
    store = appendPage(store, [3]);
    store = appendPage(store, [4, 5]);
    expect(store.length).toBe(6);
    expect(Array.from({ length: 6 }, (_, i) => rowAt(store, i))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rowAt(store, -1)).toBeUndefined();
    expect(rowAt(store, 6)).toBeUndefined();
  });

  it('does not change earlier stores when appending', () => {
    const first = appendPage(emptyRowStore<string>(), ['a']);
    const second = appendPage(first, ['b']);
    expect(first.length).toBe(1);
    expect(second.length).toBe(2);
    expect(second).not.toBe(first);
  });
});
