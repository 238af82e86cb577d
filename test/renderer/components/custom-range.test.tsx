/**
 * "Custom from/until…" in the range picker: typed ends in the zone shown become the view's range
 * and the view reruns; a time that does not parse or ends before it starts is named and nothing
 * changes; Esc closes; both ends empty is all time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { sampleStore } from '../state/sample-workspace.ts';
import { fire, press, typeInto } from './dom-events.ts';
import { byTestId, render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { RangePicker } = await import('../../../renderer/src/components/RangePicker.tsx');

type Store = ReturnType<typeof createAppStore>;
let view: Rendered | undefined;
let store: Store;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

async function openForm(): Promise<void> {
  store = sampleStore().store;
  holder.store = store;
  view = await render(<RangePicker />);
  const select = byTestId(view.container, 'range-picker') as HTMLSelectElement;
  select.value = 'type-custom';
  await fire(select, new Event('change', { bubbles: true }));
}
const input = (id: string) => byTestId(view!.container, id) as HTMLInputElement;
const submit = () => fire(byTestId(view!.container, 'custom-range')!, new Event('submit', { bubbles: true, cancelable: true }));

describe('custom from/until', () => {
  it('typed UTC ends become the range and the view reruns with them', async () => {
    await openForm();
    expect(input('custom-range-from').value).toBe('');
    await typeInto(input('custom-range-from'), '2025-01-01 01:00');
    await typeInto(input('custom-range-to'), '2025-01-01T02:30:00Z');
    await submit();
    expect(store.getState().customRange).toEqual({ from: Date.UTC(2025, 0, 1, 1), to: Date.UTC(2025, 0, 1, 2, 30) });
    await vi.waitFor(() => expect(store.getState().activeView?.range).toEqual({ from: Date.UTC(2025, 0, 1, 1), to: Date.UTC(2025, 0, 1, 2, 30) }));
    expect(byTestId(view!.container, 'custom-range')).toBeNull();
    // Sample events are a minute apart from 2025-01-01 00:00: 90 of them in that span.
    await vi.waitFor(() => expect(store.getState().count).toBe(90));
  });

  it('names a time that does not parse, or ends before it starts, and changes nothing', async () => {
    await openForm();
    await typeInto(input('custom-range-from'), 'yesterday');
    await submit();
    expect(byTestId(view!.container, 'custom-range-problem')?.textContent).toBe('From: Type a time as 2026-03-01 14:00 (or 2026-03-01, or with seconds).');
    await typeInto(input('custom-range-from'), '2025-01-02');
    await typeInto(input('custom-range-to'), '2025-01-01');
    await submit();
    expect(byTestId(view!.container, 'custom-range-problem')?.textContent).toBe('From must be before Until.');
    expect(store.getState().customRange).toBeNull();
    await press(input('custom-range-to'), 'Escape');
    expect(byTestId(view!.container, 'custom-range')).toBeNull();
    expect(store.getState().customRange).toBeNull();
  });

  it('an open end stays open; both open is all time', async () => {
    await openForm();
    await typeInto(input('custom-range-from'), '2025-01-01 04:00');
    await submit();
    expect(store.getState().customRange).toEqual({ from: Date.UTC(2025, 0, 1, 4), to: null });
    const select = byTestId(view!.container, 'range-picker') as HTMLSelectElement;
    select.value = 'type-custom';
    await fire(select, new Event('change', { bubbles: true }));
    expect(input('custom-range-from').value).toBe('2025-01-01T04:00:00.000Z');
    await typeInto(input('custom-range-from'), '');
    await submit();
    expect(store.getState().customRange).toBeNull();
    expect(store.getState().rangePreset).toBe('all');
  });
});
