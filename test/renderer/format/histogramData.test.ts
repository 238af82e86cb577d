/** Histogram series with gaps filled, and the ranges a click or a drag selects, in whole buckets. */
import { describe, expect, it } from 'vitest';
import { bucketRange, dragRange, histogramSeries } from '../../../renderer/src/format/histogramData.ts';

const H = 3_600_000;

describe('histogramSeries', () => {
  it('fills empty buckets with 0 so a gap shows', () => {
    expect(histogramSeries([{ start: 0, count: 3 }, { start: 3 * H, count: 1 }], H)).toEqual([
      [0, H, 2 * H, 3 * H],
      [3, 0, 0, 1],
    ]);
  });

  it('keeps sparse buckets as they are past the fill limit, and is empty for no buckets', () => {
    expect(histogramSeries([{ start: 0, count: 1 }, { start: 100 * H, count: 2 }], H, 10)).toEqual([[0, 100 * H], [1, 2]]);
    expect(histogramSeries([], H)).toEqual([[], []]);
  });
});

describe('ranges from the chart', () => {
  it('a bar is its bucket', () => {
    expect(bucketRange(5 * H, H)).toEqual({ from: 5 * H, to: 6 * H });
  });

  it('a drag widens to whole buckets either way round, and a drag inside one bucket selects nothing', () => {
    expect(dragRange(2.5 * H, 0.2 * H, 0, H)).toEqual({ from: 0, to: 3 * H });
    expect(dragRange(1.1 * H, 1.9 * H, 0, H)).toBeNull();
    // Buckets counted from the first bucket's start, not from 0.
    expect(dragRange(10.5 * 60_000, 75 * 60_000, 10 * 60_000, H)).toEqual({ from: 10 * 60_000, to: 130 * 60_000 });
  });
});
