/**
 * The annotation UI as a user drives it, over the real store and the fake API: the row star
 * toggles and shows the saved state; the inspector stars, adds and removes tags (refusing a bad
 * one with the rule's sentence, sending nothing) and saves a note; a refused save is undone with
 * the reason in the banner; "★ Starred" runs `starred:true` keeping the scope, and again restores
 * the query; "Tag…" tags the marked rows, or every event of the view on screen.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { byTestId, render, type Rendered } from './render.ts';

const harness = vi.hoisted(() => ({ fake: null as unknown as import('../../support/fake-api.ts').FakeApi }));
vi.mock('../../../renderer/src/state/store.ts', async () => {
  const { createAppStore } = await import('../../../renderer/src/state/createAppStore.ts');
  const { createFakeApi } = await import('../../support/fake-api.ts');
  const { sampleEvents, TENANTS } = await import('../state/sample-workspace.ts');
  harness.fake = createFakeApi({ tenants: TENANTS, events: sampleEvents() });
  return { useAppStore: createAppStore(harness.fake.api) };
});

const { useAppStore } = await import('../../../renderer/src/state/store.ts');
const { StarToggle } = await import('../../../renderer/src/components/annotations/StarToggle.tsx');
const { AnnotationEditor } = await import('../../../renderer/src/components/annotations/AnnotationEditor.tsx');
const { AnnotationActions } = await import('../../../renderer/src/components/annotations/AnnotationActions.tsx');
const { rowAt } = await import('../../../renderer/src/table/blockCache.ts');

let view: Rendered | null = null;
const el = (id: string) => byTestId(view!.container, id);
const click = (target: HTMLElement | null) => act(async () => void target!.click());
const type = (target: HTMLElement | null, text: string) =>
  act(async () => {
    const input = target as HTMLInputElement | HTMLTextAreaElement;
    const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const press = (target: HTMLElement | null, key: string) => act(async () => void target!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(async () => {
  useAppStore.setState({ annotationEdits: new Map(), marked: new Set(), markAnchor: null, bannerError: null, queryText: '', annotationNotice: null });
  await useAppStore.getState().refresh();
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('row star', () => {
  it('toggles the star of its event and shows the saved state', async () => {
    const row = rowAt(useAppStore.getState().rows, 0)!;
    view = await render(<StarToggle row={row} />);
    expect(el('row-star')!.getAttribute('aria-pressed')).toBe('false');
    await click(el('row-star'));
    await settle();
    expect(el('row-star')!.getAttribute('aria-pressed')).toBe('true');
    expect(el('row-star')!.textContent).toBe('★');
    expect(harness.fake.callsOf('annotations.set').at(-1)?.input).toEqual({ eventId: row.id, starred: true });
    await click(el('row-star'));
    await settle();
    expect(el('row-star')!.getAttribute('aria-pressed')).toBe('false');
  });

  it('a refused save puts the star back and says why', async () => {
    const row = rowAt(useAppStore.getState().rows, 1)!;
    view = await render(<StarToggle row={row} />);
    harness.fake.failNext('annotations.set', { code: 'workspace', message: 'The disk is full.' });
    await click(el('row-star'));
    await settle();
    expect(el('row-star')!.getAttribute('aria-pressed')).toBe('false');
    expect(useAppStore.getState().bannerError).toBe('The change was not saved: The disk is full.');
  });
});

describe('inspector annotation', () => {
  it('stars, adds and removes tags, refuses a bad tag without sending it, and saves a note', async () => {
    const row = rowAt(useAppStore.getState().rows, 2)!;
    view = await render(<AnnotationEditor event={row} />);
    await click(el('detail-star'));
    await settle();
    expect(el('detail-star')!.textContent).toBe('★ Starred');

    const sent = harness.fake.callsOf('annotations.set').length;
    await type(el('detail-tag-input'), 'two words');
    await press(el('detail-tag-input'), 'Enter');
    expect(el('detail-tag-problem')!.textContent).toMatch(/^Not added: a tag is one word/);
    expect(harness.fake.callsOf('annotations.set')).toHaveLength(sent);

    await type(el('detail-tag-input'), 'phishing');
    await press(el('detail-tag-input'), 'Enter');
    await settle();
    expect(el('detail-tag-problem')).toBeNull();
    expect([...el('detail-tags')!.querySelectorAll('li')].map((li) => li.firstChild?.textContent)).toEqual(['phishing']);
    expect(harness.fake.callsOf('annotations.set').at(-1)?.input).toEqual({ eventId: row.id, tags: ['phishing'] });

    await click(view.container.querySelector<HTMLElement>('[aria-label="Remove tag phishing"]'));
    await settle();
    expect(el('detail-tags')!.querySelectorAll('li')).toHaveLength(0);

    expect((el('detail-note-save') as HTMLButtonElement).disabled).toBe(true);
    await type(el('detail-note'), 'Seen in the phishing report');
    await click(el('detail-note-save'));
    await settle();
    expect(harness.fake.callsOf('annotations.set').at(-1)?.input).toEqual({ eventId: row.id, note: 'Seen in the phishing report' });
    expect((el('detail-note-save') as HTMLButtonElement).disabled).toBe(true);

    // Leaving the note with unsaved text saves it; Esc there leaves it and closes nothing else.
    await type(el('detail-note'), 'Second look: same actor');
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(async () => {
      el('detail-note')!.focus();
      el('detail-note')!.dispatchEvent(esc);
    });
    await settle();
    expect(esc.defaultPrevented).toBe(true);
    expect(harness.fake.callsOf('annotations.set').at(-1)?.input).toEqual({ eventId: row.id, note: 'Second look: same actor' });
  });
});

describe('toolbar actions', () => {
  it('★ Starred runs starred:true with the scope kept, and pressed again restores the query', async () => {
    useAppStore.getState().setScope({ kind: 'tenants', tenantIds: [2] });
    useAppStore.setState({ queryText: 'outcome:failure' });
    view = await render(<AnnotationActions />);
    await click(el('starred-view'));
    await settle();
    expect(el('starred-view')!.getAttribute('aria-pressed')).toBe('true');
    const last = harness.fake.callsOf('events.page').at(-1)?.input as { view: { query: string; scope: unknown } };
    expect(last.view).toMatchObject({ query: 'starred:true', scope: { kind: 'tenants', tenantIds: [2] } });
    await click(el('starred-view'));
    await settle();
    expect(useAppStore.getState().queryText).toBe('outcome:failure');
    useAppStore.getState().setScope({ kind: 'all' });
  });

  it('Tag… on the selection tags the marked rows and says how many', async () => {
    const ids = [0, 1].map((i) => rowAt(useAppStore.getState().rows, i)!.id);
    view = await render(<AnnotationActions />);
    expect(el('tag-events')!.textContent).toBe('Tag…');
    await act(async () => {
      useAppStore.getState().toggleMark(0);
      useAppStore.getState().toggleMark(1);
    });
    expect(el('tag-events')!.textContent).toBe('Tag 2…');
    await click(el('tag-events'));
    // Esc closes the dialog alone, and focus goes back to its button.
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    await act(async () => void el('tag-dialog-input')!.dispatchEvent(esc));
    expect(esc.defaultPrevented).toBe(true);
    expect(el('tag-dialog')).toBeNull();
    expect(document.activeElement).toBe(el('tag-events'));
    await click(el('tag-events'));
    await type(el('tag-dialog-input'), 'bad tag');
    await click(el('tag-dialog-add'));
    expect(el('tag-dialog-problem')!.textContent).toMatch(/a tag is one word/);
    await type(el('tag-dialog-input'), 'case-9');
    await click(el('tag-dialog-add'));
    await settle();
    expect(el('tag-dialog')).toBeNull();
    expect(el('annotation-notice')!.textContent).toBe("Tagged 2 events 'case-9' (2 selected).");
    const input = harness.fake.callsOf('annotations.bulkTag').at(-1)?.input as { tag: string; target: { eventIds: number[] } };
    expect(input.tag).toBe('case-9');
    expect(input.target.eventIds.sort()).toEqual(ids.sort());
  });

  it('Tag… with "all in view" tags every event of the view on screen (its range and query)', async () => {
    useAppStore.getState().setQueryText('outcome:failure');
    await useAppStore.getState().refresh();
    view = await render(<AnnotationActions />);
    await click(el('tag-events'));
    expect((el('tag-target-view') as HTMLInputElement).checked).toBe(true);
    expect((el('tag-target-marked') as HTMLInputElement).disabled).toBe(true);
    await type(el('tag-dialog-input'), 'fail-window');
    await click(el('tag-dialog-add'));
    await settle();
    const input = harness.fake.callsOf('annotations.bulkTag').at(-1)?.input as { target: { view: { query: string; range: unknown } } };
    expect(input.target.view).toEqual(useAppStore.getState().activeView);
    expect(input.target.view.query).toBe('outcome:failure');
    const count = useAppStore.getState().count!;
    expect(el('annotation-notice')!.textContent).toBe(`Tagged ${count} events 'fail-window' (${count} in view).`);
  });
});
