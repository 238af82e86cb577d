/**
 * The `trailkeeper` command line: parses the arguments, opens the workspace headless, runs one
 * command through the app's handlers and answers with an exit code (exit-codes.ts). Results go
 * to stdout; sentences and progress to stderr (progress only when stderr is a terminal).
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { EXPORT_FORMATS, IMPORT_SOURCE_KINDS, type ExportRecord, type ImportSourceKind } from '../../common/contract.ts';
import { ApiError } from '../api/errors.ts';
import { verifyExport } from '../export/verify-manifest.ts';
import { StoreError } from '../store-host/store-host.ts';
import { userDataDir } from '../server/user-data-dir.ts';
import { resolveWorkspacePath } from '../workspace-path.ts';
import { CliError, EXIT, type ExitCode } from './exit-codes.ts';
import { COMMAND_HELP, GLOBAL_HELP } from './help.ts';
import { openHeadless, type Headless } from './headless.ts';
import { buildView } from './view-args.ts';
import { csvFlags } from './csv-args.ts';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Readonly<Record<string, string | undefined>>;
  /** Progress lines on stderr only when it is a terminal. */
  progress: boolean;
  /** Aborted by Ctrl-C or SIGTERM. */
  signal?: AbortSignal;
}

const OPTIONS = {
  workspace: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  tenant: { type: 'string' },
  source: { type: 'string' },
  scope: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  order: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  fields: { type: 'boolean' },
  columns: { type: 'string' },
  raw: { type: 'boolean' },
} as const;

const VIEW = ['scope', 'from', 'to', 'order'];
const ALLOWED: Record<string, string[]> = {
  import: ['tenant', 'source'],
  query: [...VIEW, 'format', 'columns', 'raw'],
  export: [...VIEW, 'format', 'out', 'fields', 'columns', 'raw'],
  verify: [],
  'verify-workspace': [],
};

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

const line = (out: Writable, text: string) => out.write(`${text}\n`);

function mib(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await run(argv, io);
  } catch (error) {
    const [code, message] = describe(error);
    line(io.stderr, `trailkeeper: ${message}`);
    return code;
  }
}

function describe(error: unknown): [ExitCode, string] {
  if (error instanceof CliError) return [error.code, error.message];
  if (error instanceof ApiError) {
    if (error.code === 'cancelled') return [EXIT.interrupted, 'Stopped.'];
    if (error.code === 'internal') return [EXIT.internal, error.message];
    return [EXIT.input, error.message];
  }
  if (error instanceof StoreError && error.kind === 'workspace') return [EXIT.workspace, error.message];
  return [EXIT.internal, error instanceof Error ? error.message : String(error)];
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(EXIT.usage, `${(error as Error).message} (see trailkeeper --help)`);
  }
  const values = parsed.values as Values;
  const [command, ...rest] = parsed.positionals;
  if (command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout).write(GLOBAL_HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  const allowed = ALLOWED[command];
  if (!allowed) throw new CliError(EXIT.usage, `There is no command "${command}" (see trailkeeper --help).`);
  if (values.help) {
    io.stdout.write(COMMAND_HELP[command]!);
    return EXIT.ok;
  }
  for (const name of Object.keys(values)) {
    if (name !== 'workspace' && !allowed.includes(name)) throw new CliError(EXIT.usage, `${command} takes no --${name} (see trailkeeper ${command} --help).`);
  }

  if (command === 'verify') {
    if (rest.length !== 1) throw new CliError(EXIT.usage, 'verify takes one manifest path (see trailkeeper verify --help).');
    const manifestPath = resolve(rest[0]!);
    // Without --workspace the files are checked on their own: no workspace is opened.
    if (values.workspace === undefined) return verdict(io, verifyExport(manifestPath));
  }

  const workspacePath = resolveWorkspacePath(values.workspace !== undefined ? ['--workspace', values.workspace] : [], io.env, userDataDir());
  if (command !== 'import' && !existsSync(workspacePath)) {
    throw new CliError(EXIT.workspace, `There is no workspace at ${workspacePath} (give --workspace PATH).`);
  }
  const app = await openHeadless(workspacePath);
  try {
    switch (command) {
      case 'import': return await importFiles(app, rest, values, io);
      case 'query': return await query(app, rest, values, io);
      case 'export': return await exportView(app, rest, values, io);
      case 'verify': return verdict(io, await app.call('exports.verify', { manifestPath: resolve(rest[0]!), checkWorkspace: true }));
      default: return await verifyWorkspace(app, rest, io);
    }
  } finally {
    await app.close();
  }
}

function verdict(io: CliIo, result: { ok: boolean }): ExitCode {
  line(io.stdout, JSON.stringify(result));
  return result.ok ? EXIT.ok : EXIT.mismatch;
}

async function verifyWorkspace(app: Headless, rest: string[], io: CliIo): Promise<ExitCode> {
  if (rest.length > 0) throw new CliError(EXIT.usage, 'verify-workspace takes no arguments.');
  return verdict(io, await app.call('integrity.verify', {}));
}

async function importFiles(app: Headless, files: string[], values: Values, io: CliIo): Promise<ExitCode> {
  if (files.length === 0) throw new CliError(EXIT.usage, 'import needs at least one file (see trailkeeper import --help).');
  const source = values.source;
  if (source !== undefined && !(IMPORT_SOURCE_KINDS as readonly string[]).includes(source)) {
    throw new CliError(EXIT.usage, `--source must be one of ${IMPORT_SOURCE_KINDS.join(', ')}, not "${source}".`);
  }
  const tenant = await app.call('tenants.create', { name: values.tenant ?? 'Command line', groups: [] });
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    const path = resolve(file);
    try {
      const result = await app.store.write(
        'importFile',
        { path, tenantId: tenant.id, ...(source ? { sourceKind: source as ImportSourceKind } : {}) },
        {
          ...(io.signal ? { signal: io.signal } : {}),
          onProgress: (p) => {
            const pr = p as { bytesRead: number; totalBytes: number; inserted: number };
            if (io.progress) io.stderr.write(`\r${basename(path)}: ${mib(pr.bytesRead)} of ${mib(pr.totalBytes)}, ${pr.inserted} new events   `);
          },
        },
      );
      if (io.progress) io.stderr.write('\n');
      line(io.stdout, JSON.stringify({
        file: path, tenantId: tenant.id, tenant: tenant.name, added: result.inserted, duplicates: result.duplicates,
        rejected: result.problems, rejectedSamples: result.problemSamples,
      }));
    } catch (error) {
      if (io.signal?.aborted) throw new CliError(EXIT.interrupted, 'Stopped; the batches already stored are kept whole.');
      line(io.stderr, `trailkeeper: ${path} was not imported: ${error instanceof Error ? error.message : String(error)}`);
      code = EXIT.input;
    }
  }
  return code;
}

async function query(app: Headless, rest: string[], values: Values, io: CliIo): Promise<ExitCode> {
  if (rest.length !== 1) throw new CliError(EXIT.usage, 'query takes one QUERY ("" for everything; quote it in the shell).');
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new CliError(EXIT.usage, `--format must be ndjson or csv, not "${format}".`);
  const { tenants } = await app.call('tenants.list', {});
  const { view, order } = buildView(rest[0]!, values, tenants);
  // An export into a private file streamed to stdout: a query prints what an export holds, and
  // the export history records that these events left the workspace.
  const dir = await mkdtemp(join(tmpdir(), 'trailkeeper-query-'));
  try {
    const path = join(dir, `query.${format}`);
    const start = await app.call('exports.start', { view, order, format: format as (typeof EXPORT_FORMATS)[number], fields: true, ...csvFlags(values, format), path });
    const done = await waitForExport(app, start, io);
    if (done.status !== 'ok') return exportFailed(done, io);
    await pipeline(createReadStream(path), io.stdout, { end: false });
    return EXIT.ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function exportView(app: Headless, rest: string[], values: Values, io: CliIo): Promise<ExitCode> {
  if (rest.length > 1) throw new CliError(EXIT.usage, 'export takes at most one QUERY (quote it in the shell).');
  const format = values.format;
  if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(EXIT.usage, `--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  }
  const { tenants } = await app.call('tenants.list', {});
  const { view, order } = buildView(rest[0] ?? '', values, tenants);
  const start = await app.call('exports.start', {
    view, order, format: format as (typeof EXPORT_FORMATS)[number], fields: values.fields ?? false, ...csvFlags(values, format), ...(values.out ? { path: resolve(values.out) } : {}),
  });
  const done = await waitForExport(app, start, io);
  if (done.status !== 'ok') return exportFailed(done, io);
  line(io.stdout, JSON.stringify(done));
  return EXIT.ok;
}

function exportFailed(done: ExportRecord, io: CliIo): ExitCode {
  if (done.status === 'cancelled') {
    line(io.stderr, 'trailkeeper: stopped; no file was left under the export\'s name.');
    return EXIT.interrupted;
  }
  line(io.stderr, `trailkeeper: the export failed: ${done.error ?? 'no reason was recorded'}`);
  return EXIT.input;
}

/** Waits for an export to end, printing progress; Ctrl-C cancels it. */
async function waitForExport(app: Headless, start: ExportRecord, io: CliIo): Promise<ExportRecord> {
  const onAbort = () => void app.call('exports.cancel', { id: start.id }).catch(() => undefined);
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const [now] = (await app.call('exports.list', { limit: 1, id: start.id })).exports;
      if (!now) throw new CliError(EXIT.internal, `Export ${start.id} vanished from the history.`);
      if (now.status !== 'running') {
        if (io.progress) io.stderr.write('\n');
        return now;
      }
      if (io.progress) io.stderr.write(`\rexporting: ${now.rows} rows, ${mib(now.bytes)}   `);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
  }
}

