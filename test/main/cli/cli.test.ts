/**
 * The command line on a temporary workspace: import, query and export give what the API gives
 * for the same view; verify and verify-workspace answer with the documented exit codes; stdout
 * carries results only. Each command opens the workspace's worker threads afresh, as a real run
 * does, so these tests take a while on a busy machine. One run goes through the real `trailkeeper` bin in a child process.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/commands.ts';
import { EXIT } from '../../../main/cli/exit-codes.ts';
import { openHeadless } from '../../../main/cli/headless.ts';
import { unneutralise } from '../../../main/export/csv.ts';
import { removeTempDirs, tempDir } from '../store/fixtures.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/samples/${name}`, import.meta.url));
const CLOUDTRAIL = fixture('cloudtrail/otrf-ec2-proxy-s3-exfiltration.jsonl');
const M365 = fixture('m365/microsoft_audit_log.jsonl');
let dir: string;
let workspace: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  err.on('data', (c: Buffer) => errs.push(c));
  const code = await runCli(argv, { stdout: out, stderr: err, env: {}, progress: false });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') };
}

beforeAll(() => {
  dir = tempDir();
  workspace = join(dir, 'cli.trailkeeper');
});

afterAll(() => removeTempDirs());

describe('trailkeeper', () => {
  it('imports files, then query and export give the events the API gives for the same view', async () => {
    const imported = await cli('--workspace', workspace, 'import', CLOUDTRAIL, M365, '--tenant', 'Evidence');
    expect(imported.code).toBe(EXIT.ok);
    const summaries = imported.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { added: number; tenant: string });
    expect(summaries).toHaveLength(2);
    expect(summaries.every((s) => s.added > 0 && s.tenant === 'Evidence')).toBe(true);
    const total = summaries.reduce((n, s) => n + s.added, 0);

    const queried = await cli('--workspace', workspace, 'query', 'outcome:failure OR outcome:success', '--order', 'oldest');
    expect(queried.code).toBe(EXIT.ok);
    expect(queried.stderr).toBe('');
    const lines = queried.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number; raw: string });

    const app = await openHeadless(workspace);
    try {
      const view = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: 'outcome:failure OR outcome:success' };
      const page = await app.call('events.page', { view, order: 'oldest', after: null, limit: 1000 });
      expect(lines.map((l) => l.id)).toEqual(page.rows.map((r) => r.id));
      for (const l of lines.slice(0, 20)) expect(l.raw).toBe((await app.call('events.get', { id: l.id })).raw);
      expect((await app.call('events.count', { view: { ...view, query: '' } })).count).toBe(total);
    } finally {
      await app.close();
    }

    const out = join(dir, 'all.csv');
    const exported = await cli('--workspace', workspace, 'export', '--format', 'csv', '--out', out);
    expect(exported.code).toBe(EXIT.ok);
    const record = JSON.parse(exported.stdout) as { rows: number; path: string; manifestPath: string; status: string };
    expect(record).toMatchObject({ status: 'ok', rows: total, path: out, manifestPath: `${out}.manifest.json` });

    expect(await cli('verify', record.manifestPath)).toMatchObject({ code: EXIT.ok });
    const withWorkspace = await cli('--workspace', workspace, 'verify', record.manifestPath);
    expect(JSON.parse(withWorkspace.stdout)).toMatchObject({ ok: true, eventsChecked: total });

    const bytes = readFileSync(out);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(out, bytes);
    const bad = await cli('verify', record.manifestPath);
    expect(bad.code).toBe(EXIT.mismatch);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, firstMismatch: { kind: 'file', where: 'all.csv' } });

    expect(await cli('--workspace', workspace, 'verify-workspace')).toMatchObject({ code: EXIT.ok });
  }, 240_000);

  it('query --format csv writes the chosen columns in order, and the raw JSON only with --raw', async () => {
    const plain = await cli('--workspace', workspace, 'query', '', '--format', 'csv', '--columns', 'outcome,actor_email');
    expect(plain.code).toBe(EXIT.ok);
    const rows = Papa.parse<string[]>(plain.stdout, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['id', 'tenant_id', 'tenant', 'ts', 'outcome', 'actor_email', 'raw_sha256']);
    const app = await openHeadless(workspace);
    try {
      const first = await app.call('events.get', { id: Number(rows[1]![0]) });
      expect(rows[1]!.slice(4, 7)).toEqual([first.outcome, first.actorEmail ?? '', first.rawSha256]);
      const withRaw = await cli('--workspace', workspace, 'query', '', '--format', 'csv', '--columns', 'outcome', '--raw');
      const rawRows = Papa.parse<string[]>(withRaw.stdout, { skipEmptyLines: true }).data;
      expect(rawRows[0]).toEqual(['id', 'tenant_id', 'tenant', 'ts', 'outcome', 'raw_sha256', 'raw']);
      expect(unneutralise(rawRows[1]!.at(-1)!)).toBe((await app.call('events.get', { id: Number(rawRows[1]![0]) })).raw);
    } finally {
      await app.close();
    }
    const unknown = await cli('--workspace', workspace, 'query', '', '--format', 'csv', '--columns', 'outcome,shoeSize');
    expect(unknown).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(unknown.stderr).toMatch(/not known: shoeSize/);
    expect(await cli('--workspace', workspace, 'query', '', '--columns', 'outcome')).toMatchObject({ code: EXIT.usage });
  }, 240_000);

  it('answers mistakes with a sentence on stderr and the documented exit code', async () => {
    const syntax = await cli('--workspace', workspace, 'query', 'actor:(');
    expect(syntax).toMatchObject({ code: EXIT.input, stdout: '' });
    expect(syntax.stderr).toMatch(/^trailkeeper: /);
    expect(await cli('--workspace', join(dir, 'missing.trailkeeper'), 'query', '')).toMatchObject({ code: EXIT.workspace });
    const foreign = join(dir, 'not-a-workspace.trailkeeper');
    writeFileSync(foreign, 'hello, this is not SQLite');
    expect(await cli('--workspace', foreign, 'verify-workspace')).toMatchObject({ code: EXIT.workspace });
    expect(await cli('frobnicate')).toMatchObject({ code: EXIT.usage });
    expect(await cli('export', '--nope')).toMatchObject({ code: EXIT.usage });
    expect(await cli('--workspace', workspace, 'query', 'x', '--format', 'xml')).toMatchObject({ code: EXIT.usage });
    expect(await cli('--workspace', workspace, 'query', '', '--from', 'yesterday')).toMatchObject({ code: EXIT.usage });
    expect(await cli('--workspace', workspace, 'query', '', '--scope', 'Nobody')).toMatchObject({ code: EXIT.input });
    const notImported = await cli('--workspace', workspace, 'import', join(dir, 'no-such-file.ndjson'));
    expect(notImported.code).toBe(EXIT.input);
    expect(notImported.stderr).toMatch(/no-such-file\.ndjson was not imported/);
    expect(await cli('verify', join(dir, 'nothing.json'))).toMatchObject({ code: EXIT.mismatch });
  }, 240_000);

  it('has --help for the command and each subcommand, on stdout with exit 0', async () => {
    for (const command of ['import', 'query', 'export', 'verify', 'verify-workspace']) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(EXIT.ok);
      expect(help.stdout).toMatch(new RegExp(`^Usage: trailkeeper ${command}`));
    }
    expect((await cli('--help')).stdout).toMatch(/Exit codes: 0 ok, 1 verify found a mismatch/);
    expect(await cli()).toMatchObject({ code: EXIT.usage, stdout: '' });
  });

  it('runs as the package bin in its own process, results on stdout and nothing on stderr when it is not a terminal', async () => {
    const bin = fileURLToPath(new URL('../../../main/cli/bin.mjs', import.meta.url));
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, '--workspace', workspace, 'query', 'outcome:failure', '--format', 'csv'], (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('id,tenant_id,tenant,')).toBe(true);
  }, 120_000);
});
