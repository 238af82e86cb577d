/** Ctrl/Cmd+K reaches the Tenants screen: its entry is in the palette, found by typing, and Enter opens it. */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byTestId, render, type Rendered } from '../render.ts';

vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  return { api: {}, ApiClientError, transportKind: 'http' };
});
vi.mock('../../../../renderer/src/state/store.ts', async () => {
  const { create } = await import('zustand');
  const useAppStore = create()(() => ({ tenants: [{ id: 1, name: 'Acme Okta' }], groups: ['EU'], setScope: vi.fn(), loadTenants: async () => {}, refresh: async () => {} }));
  return { useAppStore };
});

const { ScopePalette } = await import('../../../../renderer/src/components/ScopePalette.tsx');
const { useSyncStore } = await import('../../../../renderer/src/state/syncSlice.ts');

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  useSyncStore.setState({ screen: 'events' });
});

const key = (target: EventTarget, k: string, extra: KeyboardEventInit = {}) =>
  act(async () => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...extra })));
async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the scope palette and the Tenants screen', () => {
  it('typing "retention" leaves only the Tenants entry, and Enter opens the screen', async () => {
    view = await render(<ScopePalette />);
    await key(window, 'k', { ctrlKey: true });
    const input = view.container.querySelector<HTMLInputElement>('[data-testid="scope-palette"] input')!;
    await type(input, 'retention');
    expect(view.container.querySelectorAll('[data-testid="scope-entry"]')).toHaveLength(0);
    expect(byTestId(view.container, 'palette-tenants-action')!.getAttribute('aria-selected')).toBe('true');
    await key(input, 'Enter');
    expect(useSyncStore.getState().screen).toBe('tenants');
    expect(byTestId(view.container, 'scope-palette')).toBeNull();
  });

  it('with nothing typed the entry comes after the scopes, reached with ↓', async () => {
    view = await render(<ScopePalette />);
    await key(window, 'k', { ctrlKey: true });
    const input = view.container.querySelector<HTMLInputElement>('[data-testid="scope-palette"] input')!;
    const scopes = view.container.querySelectorAll('[data-testid="scope-entry"]').length;
    expect(scopes).toBe(3);
    for (let i = 0; i < scopes; i++) await key(input, 'ArrowDown');
    expect(byTestId(view.container, 'palette-tenants-action')!.getAttribute('aria-selected')).toBe('true');
    await key(input, 'ArrowDown');
    expect(byTestId(view.container, 'palette-tenants-action')!.getAttribute('aria-selected')).toBe('true');
    await key(input, 'Enter');
    expect(useSyncStore.getState().screen).toBe('tenants');
  });

  it('a scope chosen from the Tenants screen is shown with its events', async () => {
    useSyncStore.setState({ screen: 'tenants' });
    view = await render(<ScopePalette />);
    await key(window, 'k', { ctrlKey: true });
    const input = view.container.querySelector<HTMLInputElement>('[data-testid="scope-palette"] input')!;
    await type(input, 'Acme');
    await key(input, 'Enter');
    expect(useSyncStore.getState().screen).toBe('events');
  });
});
