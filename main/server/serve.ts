/**
 * `npm run serve`: Trailkeeper in a browser. Opens the workspace, starts the loopback HTTP host
 * and prints the one URL (with its token) that opens the app.
 *   --workspace PATH   (or TRAILKEEPER_WORKSPACE) which workspace file; default as the desktop app
 *   --port N           (or TRAILKEEPER_PORT) default: a free port
 *   --no-demo          do not load the demo data set into an empty workspace
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackend } from '../backend.ts';
import { StoreError } from '../store-host/store-host.ts';
import { resolveWorkspacePath } from '../workspace-path.ts';
import { startHttpHost } from './http-host.ts';
import { userDataDir } from './user-data-dir.ts';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const here = import.meta.dirname;
  const workspacePath = resolveWorkspacePath(process.argv.slice(2), process.env, userDataDir());
  mkdirSync(dirname(workspacePath), { recursive: true });
  const backend = await startBackend({
    workspacePath,
    resourcesDir: process.env.TRAILKEEPER_RESOURCES ?? join(here, '../../resources'),
    transport: 'http',
    workerUrl: pathToFileURL(join(here, 'store-worker.js')),
    demo: !process.argv.includes('--no-demo'),
  });
  const port = Number(flag('--port') ?? process.env.TRAILKEEPER_PORT ?? 0);
  const host = await startHttpHost({ handlers: backend.handlers, rendererDir: join(here, '../renderer'), port });
  console.log(`Trailkeeper is serving the workspace ${workspacePath}`);
  console.log(`Open this URL in your browser (it holds the access token): ${host.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof StoreError && error.kind === 'workspace') {
    console.error(`Trailkeeper: ${error.message}`);
  } else {
    console.error('Trailkeeper could not start:', error);
  }
  process.exit(1);
});
