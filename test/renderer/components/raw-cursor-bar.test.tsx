/** The bar over the raw viewer: the path under the cursor, Copy value / Copy path of it, and word wrap. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RawCursorBar } from '../../../renderer/src/components/RawCursorBar.tsx';
import { click } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

describe('RawCursorBar', () => {
  it('shows the path under the cursor and copies its value or its path', async () => {
    const written: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => void written.push(text));
    view = await render(<RawCursorBar spot={{ path: '$.actor.alternateId', value: 'ana@acme.test' }} wordWrap onWordWrap={() => undefined} />);
    expect(byTestId(view.container, 'raw-cursor-path')?.textContent).toBe('$.actor.alternateId');
    await click(byTestId(view.container, 'copy-cursor-value')!);
    await click(byTestId(view.container, 'copy-cursor-path')!);
    expect(written).toEqual(['ana@acme.test', '$.actor.alternateId']);
    await vi.waitFor(() => expect(byTestId(view!.container, 'raw-cursor-status')?.textContent).toBe('Path copied'));
  });

  it('with nothing under the cursor says what to do and copies nothing', async () => {
    view = await render(<RawCursorBar spot={null} wordWrap onWordWrap={() => undefined} />);
    expect(byTestId(view.container, 'raw-cursor-path')?.textContent).toBe('Click a value to copy it or its path');
    expect((byTestId(view.container, 'copy-cursor-value') as HTMLButtonElement).disabled).toBe(true);
    expect((byTestId(view.container, 'copy-cursor-path') as HTMLButtonElement).disabled).toBe(true);
  });

  it('the Wrap box switches word wrap', async () => {
    const wraps: boolean[] = [];
    view = await render(<RawCursorBar spot={null} wordWrap onWordWrap={(on) => wraps.push(on)} />);
    await click(byTestId(view.container, 'raw-word-wrap')!);
    expect(wraps).toEqual([false]);
  });
});
