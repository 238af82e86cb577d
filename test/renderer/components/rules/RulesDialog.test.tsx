/**
 * The rules dialog while a run goes: it shows rule i of n with the rule's title from
 * rules.progress, Cancel asks rules.cancel, and a cancelled answer says nothing was kept. A
 * finished run shows its findings with their authors and the export controls.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../../common/contract.ts';
import { byTestId, render, type Rendered } from '../render.ts';

const script = vi.hoisted(() => ({ calls: [] as { name: string; input: unknown }[], answers: {} as Record<string, () => unknown> }));
vi.mock('../../../../renderer/src/api/client.ts', async () => {
  const { ApiClientError } = await import('../../../../renderer/src/api/ApiClientError.ts');
  const call = (name: string) => async (input: unknown) => {
    script.calls.push({ name, input });
    return script.answers[name]!();
  };
  const names = ['rules.run', 'rules.progress', 'rules.cancel', 'rules.list', 'findings.list', 'findings.export', 'exports.start', 'exports.list'];
  return { api: Object.fromEntries(names.map((n) => [n, call(n)])), ApiClientError, transportKind: 'http' };
});
const state = { activeView: null, scope: { kind: 'all' }, rangePreset: 'all', queryText: '', tenants: [{ id: 1, name: 'Acme' }], openDetail: () => {} };
vi.mock('../../../../renderer/src/state/store.ts', () => ({
  useAppStore: Object.assign((select: (s: typeof state) => unknown) => select(state), { getState: () => state }),
}));

const { RulesDialog } = await import('../../../../renderer/src/components/rules/RulesDialog.tsx');

const finding: Finding = {
  ruleId: 'r1', ruleVersion: '2026-01-01', title: 'Okta MFA Reset', level: 'high', author: 'Austin Songer',
  tenantId: 1, ts: Date.UTC(2026, 0, 2), tsEnd: Date.UTC(2026, 0, 2), eventIds: [42], group: null, measure: null,
};

let view: Rendered | null = null;
let finishRun: (value: unknown) => void = () => {};
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  script.calls = [];
  script.answers = {
    'findings.list': () => ({ runId: null, findings: [] }),
    'rules.list': () => ({ rules: [] }),
    'rules.run': () => new Promise((resolve) => (finishRun = resolve)),
    'rules.progress': () => ({ running: true, done: 2, total: 5, rule: 'Okta brute force', findings: 3, startedAt: 1 }),
    'rules.cancel': () => ({ cancelled: true }),
  };
});
afterEach(async () => {
  await view?.unmount();
  view = null;
  vi.useRealTimers();
});

const text = (id: string) => byTestId(view!.container, id)?.textContent ?? null;

describe('rules dialog', () => {
  it('shows the rule running from rules.progress, and Cancel stops the run, keeping nothing', async () => {
    view = await render(<RulesDialog onClose={() => {}} />);
    await act(async () => byTestId(view!.container, 'rules-run')!.click());
    await act(async () => vi.advanceTimersByTimeAsync(250));
    expect(text('rules-progress-text')).toMatch(/^Rule 3 of 5: Okta brute force · 3 findings so far · /);
    expect(view.container.querySelector('progress')!.getAttribute('value')).toBe('2');

    await act(async () => byTestId(view!.container, 'rules-cancel')!.click());
    expect(script.calls.map((c) => c.name)).toContain('rules.cancel');
    await act(async () => finishRun({ runId: null, findings: [], problems: [], truncated: [], cancelled: true, tookMs: 5 }));
    expect(view.container.querySelector('[role="alert"]')!.textContent).toMatch(/^Cancelled: no findings were kept/);
    expect(byTestId(view.container, 'rules-progress')).toBeNull();
    // Polling stops with the run.
    const polls = script.calls.filter((c) => c.name === 'rules.progress').length;
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(script.calls.filter((c) => c.name === 'rules.progress').length).toBe(polls);
  });

  it('shows a finished run\'s findings with the author, and exports them', async () => {
    script.answers['findings.export'] = () => ({ id: 9, name: 'trailkeeper-findings-run-4.csv', format: 'findings-csv', view: {}, status: 'running', rows: 0, bytes: 0, sha256: null, path: '/x', manifestPath: null, startedAt: 1, finishedAt: null, error: null });
    script.answers['exports.list'] = () => ({ exports: [{ id: 9, name: 'trailkeeper-findings-run-4.csv', format: 'findings-csv', view: {}, status: 'ok', rows: 1, bytes: 10, sha256: 'ab', path: '/x', manifestPath: '/x.m', startedAt: 1, finishedAt: 2, error: null }] });
    view = await render(<RulesDialog onClose={() => {}} />);
    await act(async () => byTestId(view!.container, 'rules-run')!.click());
    await act(async () => finishRun({ runId: 4, findings: [finding], problems: [], truncated: [], cancelled: false, tookMs: 1200 }));
    expect(text('rules-done')).toBe('1 findings in 1.2 s.');
    expect(text('finding-row')).toContain('Austin Songer');
    await act(async () => byTestId(view!.container, 'findings-export-run')!.click());
    expect(script.calls.find((c) => c.name === 'findings.export')!.input).toEqual({ runId: 4, format: 'csv' });
    await act(async () => vi.advanceTimersByTimeAsync(200));
    expect(text('findings-export-status')).toMatch(/^Exported 1 findings to trailkeeper-findings-run-4\.csv/);

    await act(async () => byTestId(view!.container, 'findings-export-events')!.click());
    expect(script.calls.find((c) => c.name === 'exports.start')!.input).toMatchObject({ format: 'ndjson', findingsRunId: 4, view: { scope: { kind: 'all' } } });
  });
});
