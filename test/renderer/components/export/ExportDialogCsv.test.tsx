/**
 * The export dialog's CSV choices: it sends the table's shown columns, in order, as the CSV's
 * fields (the combined Actor and Target columns as the fields they show, Tenant already in every
 * CSV), says which columns the file will have, and adds the raw JSON only when asked. NDJSON keeps
 * its normalised-fields option and sends no columns.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportRecord } from '../../../../common/contract.ts';
import { fieldsForColumns } from '../../../../renderer/src/components/export/tableFields.ts';
import { byTestId, render, type Rendered } from '../render.ts';

const record: ExportRecord = {
  id: 7, name: 'trailkeeper-all-20260102T030405Z.csv', format: 'csv', view: {}, status: 'running', rows: 0, bytes: 0, sha256: null,
  path: '/x/trailkeeper-all-20260102T030405Z.csv', manifestPath: null, startedAt: 1, finishedAt: null, error: null,
};

const script = vi.hoisted(() => ({ calls: [] as { name: string; input: unknown }[] }));
vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  const answers: Record<string, () => unknown> = { 'exports.list': () => ({ exports: [] }), 'exports.start': () => record };
  const call = (name: string) => async (input: unknown) => {
    script.calls.push({ name, input });
    return answers[name]!();
  };
  return { api: Object.fromEntries(Object.keys(answers).map((n) => [n, call(n)])), ApiClientError, transportKind: 'http' };
});
// The table shows Time, Action, Actor, Tenant and Outcome, in that order (Target and IP hidden).
const state = {
  count: 10, activeView: null, scope: { kind: 'all' }, rangePreset: 'all', queryText: '', order: 'oldest',
  columnLayout: { visible: ['time', 'action', 'actor', 'tenant', 'outcome'], widths: {} },
  marked: new Set<number>() as ReadonlySet<number>,
};
vi.mock('../../../../renderer/src/state/store.ts', () => ({
  useAppStore: Object.assign((select: (s: typeof state) => unknown) => select(state), { getState: () => state }),
}));

const { ExportDialog } = await import('../../../../renderer/src/components/export/ExportDialog.tsx');

let view: Rendered | null = null;
beforeEach(() => {
  script.calls = [];
  state.marked = new Set();
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});
const el = (id: string) => byTestId(view!.container, id);
const click = (id: string) => act(async () => void (el(id) as HTMLElement).click());
const starts = () => script.calls.filter((c) => c.name === 'exports.start').map((c) => c.input);

describe('ExportDialog (CSV columns)', () => {
  it('sends the shown columns in the table order, without the raw JSON by default, and shows the header', async () => {
    view = await render(<ExportDialog onClose={() => {}} />);
    expect((el('export-raw') as HTMLInputElement).checked).toBe(false);
    expect(el('export-csv-columns')?.querySelector('code')?.textContent).toBe(
      'id, tenant_id, tenant, ts, action, actor_name, actor_email, actor_id, outcome, raw_sha256',
    );
    await click('export-start');
    expect(starts()).toEqual([
      {
        view: { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' },
        order: 'oldest',
        format: 'csv',
        columns: ['ts', 'action', 'actorName', 'actorEmail', 'actorId', 'outcome'],
        raw: false,
      },
    ]);
  });

  it('Include raw JSON adds the raw column and sends raw: true', async () => {
    view = await render(<ExportDialog onClose={() => {}} />);
    expect(view.container.textContent).toContain('NDJSON carries each event');
    await click('export-raw');
    expect(el('export-csv-columns')?.textContent).toMatch(/raw_sha256, raw$/);
    await click('export-start');
    expect(starts()[0]).toMatchObject({ format: 'csv', raw: true, columns: ['ts', 'action', 'actorName', 'actorEmail', 'actorId', 'outcome'] });
  });

  it('with rows marked in the table, offers to export only those, and sends their ids when chosen', async () => {
    view = await render(<ExportDialog onClose={() => {}} />);
    expect(el('export-only-marked')).toBeNull();
    await view.unmount();
    state.marked = new Set([9, 3]);
    view = await render(<ExportDialog onClose={() => {}} />);
    expect(view.container.textContent).toContain('Only the 2 marked rows');
    await click('export-start');
    expect(starts()[0]).not.toHaveProperty('eventIds');
    await view.unmount();
    view = await render(<ExportDialog onClose={() => {}} />);
    await click('export-only-marked');
    await click('export-start');
    expect(starts()[1]).toMatchObject({ format: 'csv', eventIds: [9, 3] });
  });

  it('NDJSON keeps the normalised-fields option and sends no columns', async () => {
    view = await render(<ExportDialog onClose={() => {}} />);
    const select = el('export-format') as HTMLSelectElement;
    await act(async () => void (select.value = 'ndjson'));
    await act(async () => void select.dispatchEvent(new Event('change', { bubbles: true })));
    expect(el('export-raw')).toBeNull();
    expect(el('export-csv-columns')).toBeNull();
    await act(async () => void (view!.container.querySelector('.field.checkbox input') as HTMLInputElement).click());
    await click('export-start');
    expect(starts()).toEqual([expect.objectContaining({ format: 'ndjson', fields: true })]);
    expect(starts()[0]).not.toHaveProperty('columns');
    expect(starts()[0]).not.toHaveProperty('raw');
  });
});

describe('fieldsForColumns', () => {
  it('maps column ids to fields in order, once each, and never to nothing', () => {
    expect(fieldsForColumns(['ip', 'target', 'targetName', 'time', 'nonsense'])).toEqual(['ip', 'targetType', 'targetName', 'targetId', 'ts']);
    expect(fieldsForColumns(['tenant'])).toEqual(['ts']);
  });
});
