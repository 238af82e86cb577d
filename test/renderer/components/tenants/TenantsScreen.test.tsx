/**
 * The Tenants screen as a user drives it: the table, a shorter retention confirmed with the
 * count it removes (and the count then drops by exactly that), Esc cancelling, legal hold making
 * the question moot, bad days refused in a sentence, groups added, removed and renamed, integrity
 * with progress and its verdict, and the API's sentence on failure.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byTestId, render, type Rendered } from '../render.ts';
import { DAY, freshTenants, job, NOW, verdict, type Script } from './tenants-harness.ts';

const script = vi.hoisted(() => ({ current: null as unknown as Script }));
vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  const { answer: reply } = await import('./tenants-harness.ts');
  const api = new Proxy({}, { get: (_t, name: string) => async (input: Record<string, unknown>) => reply(script.current, name, input) });
  return { api, ApiClientError, transportKind: 'http' };
});
vi.mock('../../../../renderer/src/state/store.ts', async () => {
  const { create } = await import('zustand');
  const { api } = await import('../../../../renderer/src/api/client.ts');
  type Tenants = { tenants: import('../../../../common/contract.ts').Tenant[]; groups: string[] };
  type Scope = { kind: 'all' } | { kind: 'group'; group: string } | { kind: 'tenants'; tenantIds: number[] };
  const useAppStore = create<Tenants & { timeZone: 'utc'; refreshes: number; scope: Scope; opened: number[]; openDetail(id: number): Promise<void>; loadTenants(): Promise<void>; refresh(): Promise<void>; setScope(scope: Scope): void }>()((set, get) => ({
    tenants: [],
    groups: [],
    timeZone: 'utc',
    refreshes: 0,
    scope: { kind: 'all' },
    opened: [],
    openDetail: async (id) => set({ opened: [...get().opened, id] }),
    loadTenants: async () => set(await (api as unknown as Record<string, (i: object) => Promise<Tenants>>)['tenants.list']!({})),
    refresh: async () => set({ refreshes: get().refreshes + 1 }),
    setScope: (scope) => set({ scope }),
  }));
  return { useAppStore };
});

const { TenantsScreen } = await import('../../../../renderer/src/components/tenants/TenantsScreen.tsx');
const { useTenantAdmin, INTEGRITY_POLL_MS } = await import('../../../../renderer/src/state/tenantAdmin.ts');
const { useAppStore } = await import('../../../../renderer/src/state/store.ts');

let view: Rendered | null = null;
beforeEach(async () => {
  // Acme holds 10 events a day for its 100 days; Globex is on legal hold.
  script.current = {
    tenants: freshTenants(),
    calls: [],
    olderThan: (tenantId, cutoff) => (tenantId === 1 ? Math.max(0, Math.round((cutoff - (NOW - 100 * DAY)) / DAY) * 10) : 0),
    job: null,
    failNext: {},
  };
  useTenantAdmin.setState({ error: null, notice: null, preview: null, busy: false, integrity: null });
  view = await render(<TenantsScreen />);
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const row = (id: number) => view!.container.querySelector<HTMLElement>(`[data-testid="tenant-row"][data-tenant-id="${id}"]`)!;
const inRow = <T extends HTMLElement>(id: number, selector: string) => row(id).querySelector<T>(selector)!;
const el = (id: string) => byTestId(view!.container, id);
const called = (name: string) => script.current.calls.filter((c) => c.name === name).map((c) => c.input);
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const press = (target: HTMLElement, key: string) => act(async () => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
const click = (target: Element) => act(async () => void (target as HTMLElement).click());
async function setRetention(id: number, days: string) {
  await type(inRow<HTMLInputElement>(id, '[data-testid="retention-days"]'), days);
  await click(inRow(id, '[data-testid="retention-apply"]'));
  await settle();
}

describe('TenantsScreen', () => {
  it('lists each tenant with its connection, groups, events, oldest and newest event, retention and legal hold', () => {
    expect(view!.container.querySelectorAll('[data-testid="tenant-row"]')).toHaveLength(2);
    const acme = row(1).textContent!;
    expect(acme).toContain('Acme Okta');
    expect(acme).toContain('Okta prod');
    expect([...row(1).querySelectorAll('[data-testid="group-chip"]')].map((c) => c.firstChild!.textContent)).toEqual(['EU', 'prod']);
    expect(inRow(1, '[data-testid="tenant-event-count"]').textContent).toBe('1,000');
    expect(acme).toContain(new Date(NOW - 100 * DAY).toISOString().slice(0, 16));
    expect(inRow<HTMLInputElement>(1, '[data-testid="retention-days"]').value).toBe('');
    expect(inRow<HTMLInputElement>(2, '[data-testid="retention-days"]').value).toBe('365');
    expect(inRow<HTMLInputElement>(2, '[data-testid="legal-hold"]').checked).toBe(true);
  });

  it('a shorter retention asks first, saying how many events it removes and older than when; confirming removes exactly those', async () => {
    await setRetention(1, '30');
    const text = el('retention-confirm-text')!.textContent!;
    const cutoff = NOW - 30 * DAY;
    expect(text).toContain(`This will remove 700 events older than ${new Date(cutoff).toISOString().slice(0, 16)}`);
    expect(called('tenants.setRetention')).toEqual([]);
    expect(document.activeElement).toBe(el('retention-confirm-cancel'));
    await click(el('retention-confirm-ok')!);
    await settle();
    expect(called('tenants.setRetention')).toEqual([{ tenantId: 1, days: 30, purgeBefore: cutoff }]);
    expect(el('retention-confirm')).toBeNull();
    expect(inRow(1, '[data-testid="tenant-event-count"]').textContent).toBe('300');
    expect(el('tenants-notice')!.textContent).toContain('700 events removed now');
    expect((useAppStore.getState() as unknown as { refreshes: number }).refreshes).toBe(1);
  });

  it('Esc closes the confirmation, changes nothing, and gives focus back to the days box', async () => {
    const days = inRow<HTMLInputElement>(1, '[data-testid="retention-days"]');
    days.focus();
    await setRetention(1, '30');
    expect(document.activeElement).toBe(el('retention-confirm-cancel'));
    await press(el('retention-confirm')!, 'Escape');
    expect(el('retention-confirm')).toBeNull();
    expect(document.activeElement).toBe(days);
    expect(called('tenants.setRetention')).toEqual([]);
    expect(inRow(1, '[data-testid="tenant-event-count"]').textContent).toBe('1,000');
  });

  it('under legal hold nothing is removed, so the retention is set without a question and the notice says why', async () => {
    await setRetention(2, '7');
    expect(el('retention-confirm')).toBeNull();
    expect(called('tenants.setRetention')).toEqual([{ tenantId: 2, days: 7, purgeBefore: NOW - 7 * DAY }]);
    expect(el('tenants-notice')!.textContent).toContain('nothing is removed while its legal hold is on');
    expect(inRow(2, '[data-testid="tenant-event-count"]').textContent).toBe('400');
  });

  it('refuses days that are not a whole number from 1, in a sentence, and calls nothing; empty keeps events forever', async () => {
    for (const bad of ['0', 'abc', '2.5']) {
      await setRetention(1, bad);
      expect(row(1).querySelector('[role="alert"]')!.textContent).toContain('whole number of days');
    }
    expect(called('tenants.retentionPreview')).toEqual([]);
    await setRetention(2, '');
    expect(called('tenants.setRetention')).toEqual([{ tenantId: 2, days: null }]);
    expect(el('tenants-notice')!.textContent).toBe('Globex GitHub keeps its events forever.');
  });

  it('legal hold toggles from its checkbox', async () => {
    await click(inRow(1, '[data-testid="legal-hold"]'));
    await settle();
    expect(called('tenants.setLegalHold')).toEqual([{ tenantId: 1, hold: true }]);
    expect(inRow<HTMLInputElement>(1, '[data-testid="legal-hold"]').checked).toBe(true);
  });

  it('groups: remove one, add a new name (which creates the group), rename a group across tenants (a view scoped to it follows)', async () => {
    useAppStore.setState({ scope: { kind: 'group', group: 'EU' } } as never);
    await click(row(1).querySelector('[aria-label="Remove group prod from Acme Okta"]')!);
    await settle();
    expect(called('tenants.setGroups')).toEqual([{ tenantId: 1, groups: ['EU'] }]);
    const add = inRow<HTMLInputElement>(2, '[data-testid="group-add"]');
    await type(add, 'Customers 2026');
    await press(add, 'Enter');
    await settle();
    expect(called('tenants.setGroups')[1]).toEqual({ tenantId: 2, groups: ['EU', 'Customers 2026'] });
    expect(useAppStore.getState().groups).toEqual(['Customers 2026', 'EU']);
    await type(el('group-rename-to') as HTMLInputElement, 'Europe');
    await act(async () => void ((el('group-rename-from') as HTMLSelectElement).value = 'EU'));
    await act(async () => void el('group-rename-from')!.dispatchEvent(new Event('change', { bubbles: true })));
    await click(el('group-rename-apply')!);
    await settle();
    expect(called('tenants.renameGroup')).toEqual([{ from: 'EU', to: 'Europe' }]);
    expect(el('tenants-notice')!.textContent).toBe('Renamed the group "EU" to "Europe" on 2 tenants.');
    expect((useAppStore.getState() as unknown as { scope: unknown }).scope).toEqual({ kind: 'group', group: 'Europe' });
    expect([...row(2).querySelectorAll('[data-testid="group-chip"]')].map((c) => c.firstChild!.textContent)).toEqual(['Customers 2026', 'Europe']);
  });

  it('Check integrity shows progress, then every batch and event checked', async () => {
    script.current.job = job({ batchesDone: 1, eventsDone: 350 });
    await click(el('integrity-start')!);
    expect(called('integrity.start')).toEqual([{}]);
    expect(el('integrity-progress')).not.toBeNull();
    expect(el('integrity-progress')!.parentElement!.textContent).toContain('Checked 1 of 4 batches and 350 of 1,400 events');
    script.current.job = job({ state: 'done', batchesDone: 4, eventsDone: 1400, result: verdict({}) });
    await act(async () => new Promise((r) => setTimeout(r, INTEGRITY_POLL_MS + 50)));
    expect(el('integrity-progress')).toBeNull();
    expect(el('integrity-result')!.textContent).toBe('All 4 batches and 1,400 events checked: no break found.');
  });

  it('a break is named by tenant, batch and event, and Show event opens it; a group check covers the tenants carrying it', async () => {
    const firstBreak = { tenantId: 2, kind: 'event' as const, eventId: 77, batchId: 5, detail: 'event 77: its raw text no longer matches the sha256 recorded at ingest' };
    script.current.job = job({ state: 'done', result: verdict({ ok: false, firstBreak }) });
    await act(async () => void ((el('integrity-scope') as HTMLSelectElement).value = 'group:EU'));
    await act(async () => void el('integrity-scope')!.dispatchEvent(new Event('change', { bubbles: true })));
    await click(el('integrity-start')!);
    expect(called('integrity.start')).toEqual([{ tenantIds: [1, 2] }]);
    expect(el('integrity-result')!.textContent).toBe('First break in Globex GitHub, batch 5, event 77: its raw text no longer matches the sha256 recorded at ingest.');
    // The break is one click away: the tenant's events, with the broken event open.
    const { useSyncStore } = await import('../../../../renderer/src/state/syncSlice.ts');
    useSyncStore.setState({ screen: 'tenants' });
    await click(el('integrity-show-break')!);
    await settle();
    expect(useSyncStore.getState().screen).toBe('events');
    expect((useAppStore.getState() as unknown as { scope: unknown; opened: number[] })).toMatchObject({ scope: { kind: 'tenants', tenantIds: [2] }, opened: [77] });
  });

  it('Cancel stops a running check and says nothing was concluded', async () => {
    script.current.job = job({ batchesTotal: 0, eventsTotal: 0 });
    await click(el('integrity-start')!);
    expect(el('integrity-progress')!.parentElement!.textContent).toBe('Starting the check…');
    await click(el('integrity-cancel')!);
    await settle();
    expect(called('integrity.cancel')).toEqual([{ jobId: 1 }]);
    expect(el('integrity-result')!.textContent).toContain('cancelled; nothing was concluded');
  });

  it('a refused call shows its sentence', async () => {
    script.current.failNext['tenants.setLegalHold'] = 'The workspace is read-only: it was opened from a read-only folder.';
    await click(inRow(2, '[data-testid="legal-hold"]'));
    await settle();
    expect(el('tenants-error')!.textContent).toBe('The workspace is read-only: it was opened from a read-only folder.');
  });
});
