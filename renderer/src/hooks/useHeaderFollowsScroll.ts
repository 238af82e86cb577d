/**
 * More columns than fit scroll the rows sideways; the headings, outside the rows' scroller, follow
 * its horizontal offset so each stays over its column.
 */
import { useEffect, type RefObject } from 'react';
import { EVENT_GRID_ID } from './focusTargets.ts';

export function useHeaderFollowsScroll(header: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const grid = document.getElementById(EVENT_GRID_ID);
    const heading = header.current;
    if (!grid || !heading) return;
    const follow = () => {
      heading.scrollLeft = grid.scrollLeft;
    };
    grid.addEventListener('scroll', follow, { passive: true });
    return () => grid.removeEventListener('scroll', follow);
  }, [header]);
}
