/**
 * The console's result grid keeps only the rows in view in the DOM: 10,000 result rows render
 * a bounded window, scrolling moves the window, and an event id in an `id` column opens it.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlResult } from '../../../../common/contract.ts';
import { SQL_ROW_HEIGHT, SqlResultGrid } from '../../../../renderer/src/components/sql/SqlResultGrid.tsx';
import { MAX_DOM_ROWS } from '../../../../renderer/src/components/VirtualRows.tsx';
import { render, type Rendered } from '../render.ts';

const ROWS = 10_000;
const result: SqlResult = {
  columns: ['id', 'action', 'note'],
  rows: Array.from({ length: ROWS }, (_, i) => [i + 1, `action-${i}`, i % 7 === 0 ? null : `row ${i}`]),
  truncated: false,
  tookMs: 3,
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const rowsInDom = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('[data-testid="sql-row"]')];
const firstCell = (row: HTMLElement) => row.querySelector('[role="gridcell"]')!.textContent;

describe('SQL result grid', () => {
  it('puts a bounded window of 10,000 rows in the DOM, and scrolling moves it', async () => {
    const opened: number[] = [];
    view = await render(<SqlResultGrid result={result} onOpenEvent={(id) => opened.push(id)} />);
    const scroller = view.container.querySelector<HTMLElement>('.sql-rows')!;
    let rows = rowsInDom(view.container);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(MAX_DOM_ROWS);
    expect(rows.length).toBeLessThan(ROWS / 50);
    expect(firstCell(rows[0]!)).toBe('#1');
    // The content is as tall as every row, so the scrollbar is true to the result.
    expect(view.container.querySelector<HTMLElement>('.virtual-rows-content')!.style.height).toBe(`${ROWS * SQL_ROW_HEIGHT}px`);

    await act(async () => {
      scroller.scrollTop = 5000 * SQL_ROW_HEIGHT;
      scroller.dispatchEvent(new Event('scroll'));
    });
    rows = rowsInDom(view.container);
    expect(rows.length).toBeLessThanOrEqual(MAX_DOM_ROWS);
    const ids = rows.map((r) => Number(firstCell(r)!.slice(1)));
    expect(Math.min(...ids)).toBeGreaterThan(4900);
    expect(Math.max(...ids)).toBeLessThan(5100);
    expect(ids).toContain(5001);

    const link = rows.find((r) => firstCell(r) === '#5001')!.querySelector<HTMLButtonElement>('[data-testid="sql-event"]')!;
    await act(async () => link.click());
    expect(opened).toEqual([5001]);
  });

  it('shows NULL and the column names', async () => {
    view = await render(<SqlResultGrid result={result} onOpenEvent={() => {}} />);
    const headers = [...view.container.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent);
    expect(headers).toEqual(['id', 'action', 'note']);
    expect(rowsInDom(view.container)[0]!.textContent).toContain('NULL');
  });
});
