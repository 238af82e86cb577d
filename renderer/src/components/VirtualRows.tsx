/**
 * A windowed scroller with fixed-height rows: only the rows in view (plus a little overscan,
 * never more than MAX_DOM_ROWS) exist in the DOM, whatever `rowCount` is. Past a few hundred
 * thousand rows the scroll offset is scaled (see windowMath.ts) so every row stays reachable.
 */
import { useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useElementHeight } from '../hooks/useElementHeight.ts';
import { computeWindow, rowPhysicalTop, scrollTopToReveal } from '../table/windowMath.ts';

const OVERSCAN = 8;
export const MAX_DOM_ROWS = 200;

type Props = Omit<HTMLAttributes<HTMLDivElement>, 'onScroll' | 'children'> & {
  rowCount: number;
  rowHeight: number;
  /** Scrolled into view whenever it changes. */
  revealIndex: number | null;
  /** A new value scrolls back to the top (a new result set). */
  resetKey: unknown;
  renderRow: (index: number, top: number) => ReactNode;
  onVisibleEndChange?: (end: number) => void;
};

export function VirtualRows({ rowCount, rowHeight, revealIndex, resetKey, renderRow, onVisibleEndChange, ...rest }: Props) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useElementHeight(scrollerRef);
  const [scrollTop, setScrollTop] = useState(0);
  const geometry = { rowCount, rowHeight, viewportHeight };
  const view = computeWindow(geometry, scrollTop, OVERSCAN, MAX_DOM_ROWS);

  useLayoutEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (revealIndex === null || !scroller) return;
    const target = scrollTopToReveal({ rowCount, rowHeight, viewportHeight }, revealIndex, scroller.scrollTop);
    if (target === null) return;
    scroller.scrollTop = target;
    setScrollTop(scroller.scrollTop);
    // Only a change of the revealed row scrolls; a resize or a new page must not yank the view.
  }, [revealIndex]);

  useEffect(() => {
    onVisibleEndChange?.(view.end);
  }, [view.end, onVisibleEndChange]);

  const rows: ReactNode[] = [];
  for (let i = view.first; i < view.end; i++) {
    rows.push(renderRow(i, rowPhysicalTop(i, rowHeight, scrollTop, view.logicalTop)));
  }

  return (
    <div {...rest} ref={scrollerRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="virtual-rows-content" style={{ height: view.physicalHeight }}>
        {rows}
      </div>
    </div>
  );
}
