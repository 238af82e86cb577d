/**
 * The export dialog's desktop parts and Run again: a closed Save dialog shows that nothing was
 * exported (not an error); Run again in the history starts the recorded export again and shows
 * its progress; Reveal in folder asks for the recorded export by id and shows a refusal's sentence.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExportRecord } from '../../../../common/contract.ts';
import { byTestId, render, type Rendered } from '../render.ts';

const record = (over: Partial<ExportRecord>): ExportRecord => ({
  id: 7,
  name: 'trailkeeper-all-20260102T030405Z.csv',
  format: 'csv',
  view: {},
  status: 'ok',
  rows: 1234,
  bytes: 56_789,
  sha256: 'ab'.repeat(32),
  path: '/cases/trailkeeper-all-20260102T030405Z.csv',
  manifestPath: '/cases/trailkeeper-all-20260102T030405Z.csv.manifest.json',
  startedAt: 1,
  finishedAt: 2,
  error: null,
  ...over,
});

const script = vi.hoisted(() => ({ calls: [] as { name: string; input: unknown }[], answers: {} as Record<string, () => unknown> }));
vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  const call = (name: string) => async (input: unknown) => {
    script.calls.push({ name, input });
    return script.answers[name]!();
  };
  const names = ['exports.start', 'exports.list', 'exports.rerun', 'exports.reveal', 'exports.verify', 'exports.cancel'];
  return { api: Object.fromEntries(names.map((n) => [n, call(n)])), ApiClientError, transportKind: 'ipc' };
});
const state = { count: 1234, activeView: null, scope: { kind: 'all' }, rangePreset: 'all', queryText: '', order: 'newest', columnLayout: { visible: ['time', 'action'], widths: {} }, marked: new Set<number>() };
vi.mock('../../../../renderer/src/state/store.ts', () => ({
  useAppStore: Object.assign((select: (s: typeof state) => unknown) => select(state), { getState: () => state }),
}));

const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
const { ExportDialog } = await import('../../../../renderer/src/components/export/ExportDialog.tsx');

let view: Rendered | null = null;
beforeEach(() => {
  script.calls = [];
  script.answers = { 'exports.list': () => ({ exports: [record({})] }) };
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});
const el = (id: string) => byTestId(view!.container, id);
const click = (id: string) => act(async () => void (el(id) as HTMLButtonElement).click());
const called = (name: string) => script.calls.filter((c) => c.name === name).map((c) => c.input);

describe('ExportDialog (desktop)', () => {
  it('a closed Save dialog says nothing was exported, as a status and not an error', async () => {
    script.answers['exports.start'] = () => {
      throw new ApiClientError({ code: 'cancelled', message: 'The save dialog was closed, so nothing was exported.' });
    };
    view = await render(<ExportDialog onClose={() => {}} />);
    await click('export-start');
    expect(called('exports.start')).toHaveLength(1);
    expect(el('export-not-started')?.textContent).toBe('The save dialog was closed, so nothing was exported.');
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
    expect(el('export-start')).not.toBeNull();
  });

  it('a failure other than a closed dialog is still shown as an error', async () => {
    script.answers['exports.start'] = () => {
      throw new ApiClientError({ code: 'invalid_input', message: 'The folder /gone does not exist.' });
    };
    view = await render(<ExportDialog onClose={() => {}} />);
    await click('export-start');
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('The folder /gone does not exist.');
    expect(el('export-not-started')).toBeNull();
  });

  it('Run again asks for the recorded export by id and shows the new one running', async () => {
    script.answers['exports.rerun'] = () => record({ id: 8, name: 'trailkeeper-all-20260102T040000Z.csv', status: 'running', rows: 0, bytes: 0, sha256: null });
    view = await render(<ExportDialog onClose={() => {}} />);
    await click('export-rerun');
    expect(called('exports.rerun')).toEqual([{ id: 7 }]);
    expect(el('export-progress')?.textContent).toContain('trailkeeper-all-20260102T040000Z.csv');
    expect(el('export-cancel')).not.toBeNull();
  });

  it('Reveal in folder asks by id only, and shows the sentence when the file is gone', async () => {
    script.answers['exports.reveal'] = () => {
      throw new ApiClientError({ code: 'not_found', message: 'The file of export 7 is no longer at /cases/x.csv: it was moved or deleted.' });
    };
    view = await render(<ExportDialog onClose={() => {}} />);
    await click('export-reveal');
    expect(called('exports.reveal')).toEqual([{ id: 7 }]);
    expect(el('export-history')?.textContent).toContain('The file of export 7 is no longer at /cases/x.csv: it was moved or deleted.');
  });
});
