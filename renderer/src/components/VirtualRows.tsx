/**
 * A windowed scroller with fixed-height rows: only the rows in view (plus a little overscan,
 * never more than MAX_DOM_ROWS) exist in the DOM, whatever `rowCount` is. The logical scroll
 * offset is the truth (see windowMath.ts): past the browser's height limit the scrollbar is
 * scaled, a drag maps to the logical offset, and wheel steps move it one pixel per pixel.
 */
import { useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useElementHeight } from '../hooks/useElementHeight.ts';
import {
  clampLogicalTop,
  computeWindow,
  logicalFromPhysical,
  logicalTopToReveal,
  physicalFromLogical,
  rowPhysicalTop,
  scaleOf,
  visibleRows,
  type WindowGeometry,
} from '../table/windowMath.ts';

const OVERSCAN = 8;
export const MAX_DOM_ROWS = 200;

type Props = Omit<HTMLAttributes<HTMLDivElement>, 'onScroll' | 'children'> & {
  rowCount: number;
  rowHeight: number;
  /** Scrolled into view whenever `seq` changes. */
  reveal: { index: number; seq: number } | null;
  /** A new value scrolls back to the top (a new result set). */
  resetKey: unknown;
  renderRow: (index: number, top: number) => ReactNode;
  /** The rendered rows [first, end) and the rows in view, after each move. */
  onWindowChange?: (first: number, end: number, visibleFirst: number, visibleEnd: number) => void;
};

type Position = { logical: number; physical: number };

export function VirtualRows({ rowCount, rowHeight, reveal, resetKey, renderRow, onWindowChange, ...rest }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useElementHeight(scrollerRef);
  const [pos, setPos] = useState<Position>({ logical: 0, physical: 0 });
  const geometry: WindowGeometry = { rowCount, rowHeight, viewportHeight };
  const view = computeWindow(geometry, pos.logical, OVERSCAN, MAX_DOM_ROWS);
  // Handlers attached once read the latest geometry and position through refs.
  const live = useRef({ geometry, pos });
  live.current = { geometry, pos };

  const moveTo = (logical: number) => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const g = live.current.geometry;
    const top = clampLogicalTop(g, logical);
    scroller.scrollTop = physicalFromLogical(g, top);
    const next = { logical: top, physical: scroller.scrollTop };
    live.current.pos = next;
    setPos(next);
  };

  useLayoutEffect(() => moveTo(0), [resetKey]);

  // A new length (the count arriving) changes the scale: keep the logical place, move the thumb.
  useLayoutEffect(() => {
    if (scaleOf(geometry) !== 1 || pos.logical !== clampLogicalTop(geometry, pos.logical)) moveTo(pos.logical);
  }, [rowCount, viewportHeight]);

  useLayoutEffect(() => {
    if (!reveal) return;
    const target = logicalTopToReveal(live.current.geometry, reveal.index, live.current.pos.logical);
    if (target !== null) moveTo(target);
    // Only a new reveal scrolls; a resize or a new block must not yank the view.
  }, [reveal?.seq]);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const onWheel = (e: WheelEvent) => {
      const g = live.current.geometry;
      if (scaleOf(g) === 1 || e.deltaY === 0) return; // the browser's own scrolling is exact here
      e.preventDefault();
      const unit = e.deltaMode === 1 ? g.rowHeight : e.deltaMode === 2 ? g.viewportHeight : 1;
      moveTo(live.current.pos.logical + e.deltaY * unit);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, []);

  const onScroll = (physical: number) => {
    const { geometry: g, pos: current } = live.current;
    // Our own move echoing back keeps its logical offset; anything else (a drag, a key) maps.
    if (Math.abs(physical - physicalFromLogical(g, current.logical)) < 1) {
      if (physical !== current.physical) setPos((live.current.pos = { logical: current.logical, physical }));
      return;
    }
    const next = { logical: logicalFromPhysical(g, physical), physical };
    live.current.pos = next;
    setPos(next);
  };

  const inView = visibleRows(geometry, view.logicalTop);
  useEffect(() => {
    onWindowChange?.(view.first, view.end, inView.first, inView.end);
  }, [view.first, view.end, inView.first, inView.end, onWindowChange]);

  const rows: ReactNode[] = [];
  for (let i = view.first; i < view.end; i++) {
    rows.push(renderRow(i, rowPhysicalTop(i, rowHeight, pos.physical, view.logicalTop)));
  }

  return (
    <div {...rest} ref={scrollerRef} onScroll={(e) => onScroll(e.currentTarget.scrollTop)}>
      <div className="virtual-rows-content" style={{ height: view.physicalHeight }}>
        {rows}
      </div>
    </div>
  );
}
