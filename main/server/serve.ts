/**
 * `npm run serve`: Trailkeeper in a browser. Opens the workspace, starts the loopback HTTP host
 * and prints the one URL (with its token) that opens the app.
 *   --workspace PATH      (or TRAILKEEPER_WORKSPACE) which workspace file; default as the desktop app
 *   --port N              (or TRAILKEEPER_PORT) default: a free port
 *   --no-demo             do not load the demo data set into an empty workspace
 *   --max-upload-mb N     (or TRAILKEEPER_MAX_UPLOAD_MB) largest file the import upload takes; default 1024
 * It also runs from source (`node main/server/serve.ts`): the worker is then the .ts entry.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackend } from '../backend.ts';
import { StoreError } from '../store-host/store-host.ts';
import { resolveWorkspacePath } from '../workspace-path.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, startHttpHost } from './http-host.ts';
import { guardProcess } from './process-guard.ts';
import { stopOnSignals } from './shutdown.ts';
import { removeUploadLeftovers } from './upload-leftovers.ts';
import { userDataDir } from './user-data-dir.ts';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function maxUploadBytes(): number {
  const text = flag('--max-upload-mb') ?? process.env.TRAILKEEPER_MAX_UPLOAD_MB;
  if (text === undefined) return DEFAULT_MAX_UPLOAD_BYTES;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`--max-upload-mb must be a positive number of MiB, not "${text}".`);
  return Math.floor(mb * 1024 * 1024);
}

async function main(): Promise<void> {
  const here = import.meta.dirname;
  const built = join(here, 'store-worker.js');
  const workerUrl = pathToFileURL(existsSync(built) ? built : join(here, '../store-worker/entry.ts'));
  const workspacePath = resolveWorkspacePath(process.argv.slice(2), process.env, userDataDir());
  mkdirSync(dirname(workspacePath), { recursive: true });
  const maxUpload = maxUploadBytes();
  await removeUploadLeftovers(tmpdir());
  const backend = await startBackend({
    workspacePath,
    resourcesDir: process.env.TRAILKEEPER_RESOURCES ?? join(here, '../../resources'),
    transport: 'http',
    workerUrl,
    demo: !process.argv.includes('--no-demo'),
  });
  const port = Number(flag('--port') ?? process.env.TRAILKEEPER_PORT ?? 0);
  const host = await startHttpHost({
    handlers: backend.handlers,
    rendererDir: join(here, '../renderer'),
    port,
    importFile: (args, opts) => backend.store.write('importFile', args, opts),
    events: backend.sync.engine,
    maxUploadBytes: maxUpload,
  });
  // From here on no stray error ends the process; the signals below do.
  guardProcess();
  console.log(`Trailkeeper is serving the workspace ${workspacePath}`);
  console.log(`Open this URL in your browser (it holds the access token): ${host.url}`);

  stopOnSignals({
    stop: async () => {
      await host.close();
      await backend.close();
    },
    exit: (code) => process.exit(code),
  });
}

main().catch((error: unknown) => {
  if (error instanceof StoreError && error.kind === 'workspace') {
    console.error(`Trailkeeper: ${error.message}`);
  } else {
    console.error('Trailkeeper could not start:', error);
  }
  process.exit(1);
});
