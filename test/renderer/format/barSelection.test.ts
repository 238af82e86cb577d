/** The histogram's keys: which bars a key picks, and the range and count of a span. */
import { describe, expect, it } from 'vitest';
import { moveBars, spanCount, spanRange } from '../../../renderer/src/format/barSelection.ts';

describe('moveBars', () => {
  it('the first arrow lands on the newest bar; arrows move it, Shift widens from where it began', () => {
    const start = moveBars(null, 'ArrowLeft', false, 5)!;
    expect(start).toEqual({ anchor: 4, head: 4 });
    const left = moveBars(start, 'ArrowLeft', false, 5)!;
    expect(left).toEqual({ anchor: 3, head: 3 });
    const wide = moveBars(moveBars(left, 'ArrowLeft', true, 5)!, 'ArrowLeft', true, 5)!;
    expect(wide).toEqual({ anchor: 3, head: 1 });
    expect(moveBars(wide, 'ArrowRight', false, 5)).toEqual({ anchor: 2, head: 2 });
  });

  it('Home, End and pages jump and stop at the ends; other keys and an empty chart are not its', () => {
    expect(moveBars(null, 'Home', false, 30)).toEqual({ anchor: 0, head: 0 });
    expect(moveBars({ anchor: 0, head: 0 }, 'End', true, 30)).toEqual({ anchor: 0, head: 29 });
    expect(moveBars({ anchor: 25, head: 25 }, 'PageDown', false, 30)).toEqual({ anchor: 29, head: 29 });
    expect(moveBars({ anchor: 25, head: 25 }, 'PageUp', false, 30)).toEqual({ anchor: 15, head: 15 });
    expect(moveBars(null, 'a', false, 30)).toBeUndefined();
    expect(moveBars(null, 'ArrowLeft', false, 0)).toBeUndefined();
  });
});

describe('spanRange and spanCount', () => {
  it('cover whole bars either way round', () => {
    const starts = [0, 10, 20, 30];
    expect(spanRange({ anchor: 2, head: 1 }, starts, 10)).toEqual({ from: 10, to: 30 });
    expect(spanRange({ anchor: 3, head: 3 }, starts, 10)).toEqual({ from: 30, to: 40 });
    expect(spanCount({ anchor: 0, head: 2 }, [4, 0, 6, 1])).toBe(10);
  });
});
