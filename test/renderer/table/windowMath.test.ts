import { describe, expect, it } from 'vitest';
import { computeWindow, rowPhysicalTop, scaleOf, scrollTopToReveal } from '../../../renderer/src/table/windowMath.ts';

const ROW = 26;
const VIEWPORT = 780; // 30 rows

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

  it('keeps a million rows reachable below the browser height limit', () => {
    const g = { rowCount: 1_000_000, rowHeight: ROW, viewportHeight: VIEWPORT, maxPhysicalPx: 8_000_000 };
    expect(scaleOf(g)).toBeGreaterThan(1);
    const bottom = computeWindow(g, 8_000_000 - VIEWPORT, 0, 200);
    expect(bottom.physicalHeight).toBe(8_000_000);
    expect(bottom.end).toBe(1_000_000);
    // The last row sits flush with the viewport's bottom edge.
    expect(rowPhysicalTop(999_999, ROW, 8_000_000 - VIEWPORT, bottom.logicalTop) + ROW).toBeCloseTo(8_000_000, 3);
  });

  it('handles an empty list and a zero-height viewport', () => {
    expect(computeWindow({ rowCount: 0, rowHeight: ROW, viewportHeight: VIEWPORT }, 0, 5, 200)).toMatchObject({ first: 0, end: 0 });
    expect(computeWindow({ rowCount: 50, rowHeight: ROW, viewportHeight: 0 }, 0, 5, 200)).toMatchObject({ first: 0, end: 5 });
  });
});

describe('scrollTopToReveal', () => {
  const g = { rowCount: 1000, rowHeight: ROW, viewportHeight: VIEWPORT };

  it('leaves a visible row alone', () => {
    expect(scrollTopToReveal(g, 10, 0)).toBeNull();
  });

  it('scrolls down just enough for a row below the view', () => {
    expect(scrollTopToReveal(g, 30, 0)).toBe(31 * ROW - VIEWPORT);
  });

  it('scrolls up to a row above the view', () => {
    expect(scrollTopToReveal(g, 5, 100 * ROW)).toBe(5 * ROW);
  });

  it('brings a row fully into view when the offset is scaled', () => {
    const big = { rowCount: 1_000_000, rowHeight: ROW, viewportHeight: VIEWPORT, maxPhysicalPx: 8_000_000 };
    const top = scrollTopToReveal(big, 600_000, 0);
    expect(top).not.toBeNull();
    const w = computeWindow(big, top ?? 0, 0, 200);
    const rowTop = rowPhysicalTop(600_000, ROW, top ?? 0, w.logicalTop);
    expect(rowTop).toBeGreaterThanOrEqual(top ?? 0);
    expect(rowTop + ROW).toBeLessThanOrEqual((top ?? 0) + VIEWPORT + 1e-6);
  });
});
