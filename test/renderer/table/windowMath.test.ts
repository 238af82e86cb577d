/**
 * Window math over a logical offset: the rows drawn, the scaled scrollbar past the browser's
 * height limit (a drag maps to the whole result; a logical move maps back to a whole pixel),
 * and the offset that reveals a row.
 */
import { describe, expect, it } from 'vitest';
import {
  clampLogicalTop,
  computeWindow,
  logicalFromPhysical,
  logicalTopToReveal,
  physicalFromLogical,
  rowPhysicalTop,
  scaleOf,
  visibleRows,
} from '../../../renderer/src/table/windowMath.ts';

const ROW = 26;
const VIEWPORT = 780; // 30 rows
const MILLION = { rowCount: 1_000_000, rowHeight: ROW, viewportHeight: VIEWPORT, maxPhysicalPx: 8_000_000 };

describe('computeWindow', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = computeWindow({ rowCount: 10_000, rowHeight: ROW, viewportHeight: VIEWPORT }, 100 * ROW, 5, 200);
    expect(w.scale).toBe(1);
    expect(w.first).toBe(95);
    expect(w.end).toBe(135);
    expect(rowPhysicalTop(100, ROW, 100 * ROW, w.logicalTop)).toBe(100 * ROW);
  });

  it('never renders more than the cap, whatever the viewport', () => {
    const w = computeWindow({ rowCount: 1_000_000, rowHeight: ROW, viewportHeight: 100_000 }, 0, 10, 200);
    expect(w.end - w.first).toBe(200);
  });

  it('handles an empty list and a zero-height viewport', () => {
    expect(computeWindow({ rowCount: 0, rowHeight: ROW, viewportHeight: VIEWPORT }, 0, 5, 200)).toMatchObject({ first: 0, end: 0 });
    expect(computeWindow({ rowCount: 50, rowHeight: ROW, viewportHeight: 0 }, 0, 5, 200)).toMatchObject({ first: 0, end: 5 });
  });

  it('clamps an offset past the end to the last screenful', () => {
    const w = computeWindow(MILLION, 1e12, 0, 200);
    expect(w.end).toBe(1_000_000);
    expect(w.logicalTop).toBe(1_000_000 * ROW - VIEWPORT);
  });
});

describe('the scaled scrollbar of a million rows', () => {
  it('keeps the scroller below the browser limit and maps its ends to the ends of the result', () => {
    expect(scaleOf(MILLION)).toBeGreaterThan(3);
    const bottom = 8_000_000 - VIEWPORT;
    expect(logicalFromPhysical(MILLION, bottom)).toBeCloseTo(1_000_000 * ROW - VIEWPORT, 3);
    expect(physicalFromLogical(MILLION, 1_000_000 * ROW)).toBe(bottom);
    expect(logicalFromPhysical(MILLION, 0)).toBe(0);
    const w = computeWindow(MILLION, logicalFromPhysical(MILLION, bottom), 0, 200);
    // The last row sits flush with the viewport's bottom edge.
    expect(rowPhysicalTop(999_999, ROW, bottom, w.logicalTop) + ROW).toBeCloseTo(8_000_000, 3);
  });

  it('a drag to the middle shows the middle rows', () => {
    const middle = logicalFromPhysical(MILLION, (8_000_000 - VIEWPORT) / 2);
    const { first } = visibleRows(MILLION, middle);
    expect(Math.abs(first - (1_000_000 - 30) / 2)).toBeLessThan(2);
  });

  it('a one-row logical step moves the thumb by a whole pixel at most, and the step is kept', () => {
    const logical = 400_000 * ROW;
    const a = physicalFromLogical(MILLION, logical);
    const b = physicalFromLogical(MILLION, logical + ROW);
    expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true);
    expect(b - a).toBeLessThanOrEqual(Math.ceil(ROW / scaleOf(MILLION)));
    // The physical offset a logical one maps to stands for it within one physical pixel.
    expect(Math.abs(logicalFromPhysical(MILLION, b) - (logical + ROW))).toBeLessThanOrEqual(scaleOf(MILLION));
  });

  it('clamps logical offsets to the result', () => {
    expect(clampLogicalTop(MILLION, -5)).toBe(0);
    expect(clampLogicalTop({ rowCount: 10, rowHeight: ROW, viewportHeight: VIEWPORT }, 500)).toBe(0);
  });
});

describe('visibleRows', () => {
  it('counts a partly shown row at the bottom', () => {
    expect(visibleRows({ rowCount: 1000, rowHeight: ROW, viewportHeight: VIEWPORT }, 13)).toEqual({ first: 0, end: 31 });
  });
});

describe('logicalTopToReveal', () => {
  const g = { rowCount: 1000, rowHeight: ROW, viewportHeight: VIEWPORT };

  it('leaves a visible row alone', () => {
    expect(logicalTopToReveal(g, 10, 0)).toBeNull();
  });

  it('scrolls down just enough for a row below the view', () => {
    expect(logicalTopToReveal(g, 30, 0)).toBe(31 * ROW - VIEWPORT);
  });

  it('scrolls up to a row above the view', () => {
    expect(logicalTopToReveal(g, 5, 100 * ROW)).toBe(5 * ROW);
  });

  it('brings the last of a million rows fully into view, whatever the scale', () => {
    const top = logicalTopToReveal(MILLION, 999_999, 0)!;
    const { first, end } = visibleRows(MILLION, top);
    expect(end).toBe(1_000_000);
    expect(first).toBe(1_000_000 - 30);
  });
});
