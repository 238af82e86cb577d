/**
 * The query box as a user drives it: `outc` offers `outcome`, Tab takes it and the values of
 * outcome follow with their counts, ↓ and Enter take one, Enter runs it; ↑ in the emptied box
 * brings back the query that ran. ARIA combobox roles throughout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createAppStore } from '../../../renderer/src/state/createAppStore.ts';
import { workspaceStore } from '../state/workspace-prefs-store.ts';
import { press, typeInto } from './dom-events.ts';
import { render, type Rendered } from './render.ts';

const holder = vi.hoisted(() => ({ store: null as unknown }));
vi.mock('../../../renderer/src/state/store.ts', () => ({
  get useAppStore() {
    return holder.store;
  },
}));

const { QueryBox } = await import('../../../renderer/src/components/QueryBox.tsx');

let store: ReturnType<typeof createAppStore>;
let view: Rendered;
let input: HTMLInputElement;

beforeEach(async () => {
  localStorage.clear();
  store = workspaceStore().store;
  holder.store = store;
  await store.getState().loadWorkspacePrefs();
  view = await render(<QueryBox />);
  input = view.container.querySelector('input')!;
});
afterEach(async () => view.unmount());

const options = () => [...view.container.querySelectorAll<HTMLElement>('[role="option"]')].map((o) => o.textContent);

describe('query box completion', () => {
  it('completes a field, then its values with counts, and runs the query', async () => {
    expect(input.getAttribute('role')).toBe('combobox');
    await typeInto(input, 'outc');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['outcomefield']);
    const listbox = view.container.querySelector('[role="listbox"]')!;
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);

    await press(input, 'Tab');
    expect(input.value).toBe('outcome:');
    await vi.waitFor(() => expect(options()).toEqual(['success240', 'failure60', 'unknownvalue']));

    await press(input, 'ArrowDown');
    await press(input, 'ArrowDown');
    const active = view.container.querySelector('[aria-selected="true"]')!;
    expect(input.getAttribute('aria-activedescendant')).toBe(active.id);
    expect(active.textContent).toBe('failure60');
    await press(input, 'Enter');
    expect(input.value).toBe('outcome:failure ');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await press(input, 'Enter');
    await vi.waitFor(() => expect(store.getState().count).toBe(60));
    expect(store.getState().queryHistory[0]).toBe('outcome:failure');
  });

  it('Esc closes the list and leaves the text', async () => {
    await typeInto(input, 'act');
    expect(options().length).toBeGreaterThan(1);
    await press(input, 'Escape');
    expect(view.container.querySelector('[role="listbox"]')).toBeNull();
    expect(input.value).toBe('act');
  });
});

describe('query history in the box', () => {
  it('↑ in the empty box walks back through the queries that ran, ↓ forward; never over edited text', async () => {
    for (const q of ['outcome:failure', 'tenant:Globex']) {
      await typeInto(input, q);
      await press(input, 'Escape');
      await press(input, 'Enter');
      await vi.waitFor(() => expect(store.getState().activeView?.query).toBe(q));
    }
    await typeInto(input, '');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('tenant:Globex');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('outcome:failure');
    await press(input, 'ArrowDown');
    expect(input.value).toBe('tenant:Globex');
    await press(input, 'ArrowDown');
    expect(input.value).toBe('');

    await typeInto(input, 'action:x');
    await press(input, 'Escape');
    await press(input, 'ArrowUp');
    expect(input.value).toBe('action:x');
  });
});
