/**
 * The rules, findings and console calls through the real backend (worker threads, demo data):
 * the pack runs over a view, its findings are kept as a run and listed again with their authors;
 * a rule list names the unsupported rules with reasons; the console answers refusals and its
 * time limit as sentences.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSigmaFunctions } from '../../../main/rules/functions.ts';
import { runRules } from '../../../main/rules/run.ts';
import { builtInRules } from './demo-rules-db.ts';
import { dispatch } from '../../../main/api/dispatch.ts';
import { startBackend, type Backend } from '../../../main/backend.ts';
import { removeTempDirs, tempWorkspacePath } from '../store/fixtures.ts';

const resourcesDir = join(import.meta.dirname, '../../../resources');
const workerUrl = new URL('../../../main/store-worker/entry.ts', import.meta.url);
const all = { scope: { kind: 'all' }, range: { from: null, to: null }, query: '' };

let backend: Backend;
const workspacePath = tempWorkspacePath();
beforeAll(async () => {
  backend = await startBackend({ workspacePath, resourcesDir, transport: 'http', workerUrl });
  await backend.demo!.done;
}, 120_000);
afterAll(async () => {
  await backend?.close();
  removeTempDirs();
}, 60_000);

const call = (name: string, input: unknown) => dispatch(backend.handlers, name as never, input as never) as Promise<Record<string, unknown>>;

describe('rules, findings and SQL over the API', () => {
  it('lists the pack, unsupported rules with their reasons', async () => {
    const { rules } = (await call('rules.list', {})) as { rules: { kind: string; reason: string | null }[] };
    expect(rules.filter((r) => r.kind === 'detection').length).toBeGreaterThan(150);
    const unsupported = rules.filter((r) => r.kind === 'unsupported');
    expect(unsupported.length).toBeGreaterThan(0);
    for (const r of unsupported) expect(r.reason).toMatch(/\w{5}/);
  });

  it('runs the pack over a view, keeps the findings as a run, and lists them again', async () => {
    const run = (await call('rules.run', { view: all })) as { runId: number; findings: { title: string; author: string; eventIds: number[] }[]; cancelled: boolean };
    expect(run.cancelled).toBe(false);
    expect(run.findings.find((f) => f.title === 'Okta MFA Reset or Deactivated')?.author).toBe('Austin Songer @austinsonger');
    const listed = (await call('findings.list', {})) as { runId: number; findings: unknown[] };
    expect(listed.runId).toBe(run.runId);
    expect(listed.findings).toHaveLength(run.findings.length);
    const event = (await call('events.get', { id: run.findings[0]!.eventIds[0] })) as { id: number };
    expect(event.id).toBe(run.findings[0]!.eventIds[0]);
  });

  it('finds over the API, its two halves on two readers, exactly what one run on one connection finds', async () => {
    const run = (await call('rules.run', { view: all })) as { findings: { ruleId: string; tenantId: number; ts: number; eventIds: number[] }[]; problems: unknown[] };
    const db = new Database(workspacePath, { readonly: true });
    registerSigmaFunctions(db);
    const single = runRules(db, builtInRules(), { viewWhere: '1', viewParams: [] });
    db.close();
    const key = (f: { ruleId: string; tenantId: number; ts: number; eventIds: number[] }) => `${f.ruleId} ${f.tenantId} ${f.ts} ${f.eventIds.join(',')}`;
    expect(single.findings.length).toBeGreaterThan(100);
    expect(run.findings.map(key)).toEqual(single.findings.map(key));
    expect(run.problems).toHaveLength(single.problems.length);
  });

  it('runs one rule over a narrower view', async () => {
    const fabrikam = { scope: { kind: 'group', group: 'finance-sector' }, range: { from: null, to: null }, query: '' };
    const run = (await call('rules.run', { view: fabrikam, ruleIds: ['1b7bd3ee-7526-454b-83f3-9b18b5fbc6e1'] })) as { findings: { title: string }[] };
    expect(run.findings.map((f) => f.title)).toEqual(['Deactivated or suspended Okta account brought back']);
  });

  it('imports a user Sigma file and runs it; a file with an invalid rule is refused whole', async () => {
    const text = [
      'title: Repository deleted by anyone',
      'id: 7d3c1e9a-0000-4000-8000-000000000001',
      'author: An analyst',
      'logsource: {product: github, service: audit}',
      'detection:',
      '  sel: {action: repo.destroy}',
      '  condition: sel',
    ].join('\n');
    const imported = (await call('rules.import', { fileName: 'my rule.yml', text })) as { rules: { id: string; kind: string }[] };
    expect(imported.rules).toEqual([expect.objectContaining({ id: '7d3c1e9a-0000-4000-8000-000000000001', kind: 'detection', file: 'user/my_rule.yml' })]);
    const run = (await call('rules.run', { view: all, ruleIds: ['7d3c1e9a-0000-4000-8000-000000000001'] })) as { findings: { author: string }[] };
    expect(run.findings).toHaveLength(6);
    expect(run.findings[0]!.author).toBe('An analyst');
    const before = ((await call('rules.list', {})) as { rules: unknown[] }).rules.length;
    await expect(call('rules.import', { fileName: 'broken.yml', text: `${text}\n---\ntitle: Broken\ndetection:\n  condition: nothing\n` })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^broken\.yml was not imported: Broken: /),
    });
    expect(((await call('rules.list', {})) as { rules: unknown[] }).rules).toHaveLength(before);
  });

  it('runs SQL with a parameter, and refuses a write with a sentence', async () => {
    const out = (await call('sql.run', { sql: 'SELECT count(*) AS n FROM events WHERE action = :action', params: { action: 'repo.destroy' } })) as { rows: unknown[][] };
    expect(out.rows).toEqual([[6]]);
    await expect(call('sql.run', { sql: 'DELETE FROM events' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/writes are refused/) });
  });

  // Bounded (a few seconds), since SQLite cannot be interrupted here: the reader finishes the
  // statement on its own after it has been set aside, and closing waits for it.
  it('stops a runaway query at its time limit, within about a second', async () => {
    const started = performance.now();
    await expect(
      call('sql.run', { sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) SELECT count(*) FROM c', timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/longer than its limit/) });
    expect(performance.now() - started).toBeLessThan(1500);
    // The workspace still answers on a fresh reader.
    expect(((await call('sql.run', { sql: 'SELECT 1 AS one' })) as { rows: unknown[][] }).rows).toEqual([[1]]);
  });
});
